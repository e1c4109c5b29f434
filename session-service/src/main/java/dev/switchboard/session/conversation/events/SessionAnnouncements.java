package dev.switchboard.session.conversation.events;

import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.DeadLetterHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.session.SessionEvent;
import dev.switchboard.platform.runtime.outbox.Outbox;
import dev.switchboard.session.conversation.store.ParkedInboundEntity;
import dev.switchboard.session.conversation.store.ReceivedRecord;
import dev.switchboard.session.conversation.store.RejectedRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything session-service publishes goes through the transactional outbox of the transaction
 * that made the change: session events on {@value Topics#SESSION_EVENTS} (key channel id), messages
 * for clients on {@value Topics#OUTBOUND_MESSAGES} (key {@code
 * connectorType:accountId:externalChatId}), and inbound records given up on, to their dead-letter
 * topic.
 */
@ApplicationScoped
public class SessionAnnouncements {

  public static final String SOURCE = CloudEventHeaders.source("session-service");

  @Inject Outbox outbox;

  /** Call inside the transaction that made the change. */
  public Uni<Void> announce(SessionEvent event) {
    return add(event);
  }

  /** Several events, in this order, in one write; call inside the transaction that made them. */
  public Uni<Void> announceAll(List<? extends SessionEvent> events) {
    return outbox.addAll(events.stream().map(SessionAnnouncements::entry).toList());
  }

  /** Call inside the transaction that stored the message. */
  public Uni<Void> request(OutboundMessageRequested message) {
    return add(message);
  }

  /**
   * Several events, in this order, in one write to the outbox of a transaction of the plain
   * reactive client.
   */
  public Uni<Void> announceAll(SqlConnection transaction, List<? extends PlatformEvent> events) {
    return outbox.addAll(transaction, events.stream().map(SessionAnnouncements::entry).toList());
  }

  /**
   * Moves a parked inbound record to {@code oc.inbound.messages.v1.dlq}: its key, value and headers
   * unchanged, plus the {@code dead-letter-*} headers SmallRye's dead-letter strategy writes.
   */
  public Uni<Void> deadLetter(ParkedInboundEntity parked, String reason) {
    Map<String, String> headers = new LinkedHashMap<>();
    new JsonObject(parked.headers)
        .forEach(h -> headers.put(h.getKey(), String.valueOf(h.getValue())));
    ReceivedRecord record =
        new ReceivedRecord(
            parked.sourceTopic,
            parked.sourcePartition,
            parked.sourceOffset,
            parked.recordKey == null ? parked.connectorId : parked.recordKey,
            headers,
            parked.payload);
    return outbox.addAll(List.of(deadLetterEntry(record, reason)));
  }

  /** Moves a record read from a topic to its dead-letter topic, as {@link #deadLetter} does. */
  public Uni<Void> deadLetter(ReceivedRecord record, String reason) {
    return outbox.addAll(List.of(deadLetterEntry(record, reason)));
  }

  /** Records that can never be handled, to their dead-letter topics, in one write. */
  public Uni<Void> deadLetterAll(SqlConnection transaction, List<RejectedRecord> rejected) {
    return outbox.addAll(
        transaction, rejected.stream().map(r -> deadLetterEntry(r.record(), r.reason())).toList());
  }

  private static Outbox.Entry deadLetterEntry(ReceivedRecord record, String reason) {
    Map<String, String> headers = new LinkedHashMap<>(record.headers());
    headers.put(DeadLetterHeaders.REASON, reason == null ? "unknown" : reason);
    headers.put(DeadLetterHeaders.TOPIC, record.topic());
    headers.put(DeadLetterHeaders.PARTITION, Integer.toString(record.partition()));
    headers.put(DeadLetterHeaders.OFFSET, Long.toString(record.offset()));
    return new Outbox.Entry(
        Topics.dlq(record.topic()),
        record.key(),
        headers,
        record.payload().getBytes(StandardCharsets.UTF_8));
  }

  /** Publishes what committed transactions left in the outbox now; call after the commit. */
  public void flush() {
    outbox.flushSoon();
  }

  private Uni<Void> add(PlatformEvent event) {
    return outbox.addAll(List.of(entry(event)));
  }

  private static Outbox.Entry entry(PlatformEvent event) {
    return new Outbox.Entry(
        EventRegistry.topicOf(event.getClass()),
        event.partitionKey(),
        CloudEventHeaders.of(event, SOURCE),
        EventJson.write(event));
  }
}
