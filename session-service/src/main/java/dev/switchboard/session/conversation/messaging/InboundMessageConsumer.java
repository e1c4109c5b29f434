package dev.switchboard.session.conversation.messaging;

import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.platform.runtime.messaging.GracefulStop;
import dev.switchboard.platform.runtime.messaging.TransientRetry;
import dev.switchboard.session.conversation.domain.InboundContract;
import dev.switchboard.session.conversation.domain.InboundContract.Violation;
import dev.switchboard.session.conversation.domain.StorableText;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.store.ReceivedRecord;
import dev.switchboard.session.conversation.store.RejectedRecord;
import dev.switchboard.session.conversation.usecase.InboundBatch;
import dev.switchboard.session.conversation.usecase.InboundBatch.Item;
import dev.switchboard.session.conversation.usecase.InboundOutcome;
import dev.switchboard.session.conversation.usecase.ReceiveClientMessage;
import dev.switchboard.session.kafka.Batches;
import dev.switchboard.session.kafka.KafkaRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Consumes {@code oc.inbound.messages.v1} in batches (what one poll of a consumer returns, across
 * its partitions). The offsets of a batch are committed only after everything in it is stored,
 * parked or dead-lettered: the method returns a {@code Uni} and SmallRye acknowledges the batch
 * when it completes.
 *
 * <p>The plain messages of a batch are stored together in one transaction ({@link InboundBatch});
 * chats that need more (a connector not known yet, parked messages, a chatbot) are then handled one
 * message after the other ({@link ReceiveClientMessage}), each in its own transaction. A record
 * that cannot be read, or that can never be stored here, goes to {@code oc.inbound.messages.v1.dlq}
 * through the outbox with the reason, without holding up the rest of its batch. A failure that
 * passes (the database restarting, its connections cut) is retried for as long as it lasts ({@link
 * TransientRetry}): the batch, or the message in hand, is tried again as a whole, its offsets stay
 * uncommitted and nothing behind it moves, so no message is dead-lettered for an outage. Should the
 * batch fail for good, its records are handled one by one, so one bad message cannot take its batch
 * with it.
 */
@ApplicationScoped
public class InboundMessageConsumer {

  private static final Logger LOG = Logger.getLogger(InboundMessageConsumer.class);

  /** Inbound messages by outcome: stored, duplicate, parked, dead_lettered. */
  static final String METRIC = "switchboard.session.inbound.messages";

  /**
   * Records refused before anything is stored, by rule: size, content, key (of {@link
   * InboundContract}) or unreadable.
   */
  static final String REFUSED_METRIC = "switchboard.session.inbound.refused";

  /** Batches whose statements failed for good, so that their records were handled one by one. */
  public static final String ONE_BY_ONE_METRIC = "switchboard.session.inbound.batches.one.by.one";

  @Inject InboundBatch batch;
  @Inject ReceiveClientMessage intake;
  @Inject SessionAnnouncements announcements;
  @Inject MeterRegistry metrics;
  @Inject GracefulStop gracefulStop;
  @Inject TransientRetry retry;

  @Incoming("inbound")
  public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
    return gracefulStop.handle(
        () -> {
          List<Item> items = new ArrayList<>(records.count());
          List<RejectedRecord> rejected = new ArrayList<>();
          for (ConsumerRecord<String, byte[]> record : records) {
            read(record, items, rejected);
          }
          return retry
              .untilDone(
                  "Storing a batch of " + records.count() + " inbound records",
                  () -> batch.accept(items, rejected))
              .onItemOrFailure()
              .transformToUni(
                  (result, failure) -> {
                    if (failure == null) {
                      return afterBatch(result, rejected);
                    }
                    if (gracefulStop.stopping()) {
                      return Uni.createFrom().<Void>failure(failure);
                    }
                    LOG.warnf(
                        "A batch of %d inbound records failed (%s); handling them one by one",
                        records.count(), failure.getMessage());
                    metrics.counter(ONE_BY_ONE_METRIC).increment();
                    return deadLetterEach(rejected).chain(() -> oneByOne(items));
                  })
              .invoke(announcements::flush);
        });
  }

  /**
   * A record that cannot be read, or that breaks the topic's contract ({@link InboundContract}), is
   * rejected before anything of it is stored.
   */
  private void read(
      ConsumerRecord<String, byte[]> record, List<Item> items, List<RejectedRecord> rejected) {
    ReceivedRecord received = ReceivedRecord.of(record);
    Violation tooLarge =
        InboundContract.recordSize(record.value() == null ? 0 : record.value().length);
    if (tooLarge != null) {
      refuse(received, tooLarge, rejected);
      return;
    }
    try {
      InboundMessageReceived event = KafkaRecords.readKnown(record, InboundMessageReceived.class);
      if (event == null) {
        LOG.debugf(
            "Skipped a record of a type this service does not know: %s",
            KafkaRecords.header(record, "ce_type"));
        return;
      }
      Violation violation = InboundContract.check(event, record.key());
      if (violation != null) {
        refuse(received, violation, rejected);
        return;
      }
      items.add(new Item(StorableText.of(event), received));
    } catch (RuntimeException unreadable) {
      metrics.counter(REFUSED_METRIC, "rule", "unreadable").increment();
      rejected.add(new RejectedRecord(received, unreadable.getMessage()));
    }
  }

  private void refuse(ReceivedRecord record, Violation violation, List<RejectedRecord> rejected) {
    metrics.counter(REFUSED_METRIC, "rule", violation.rule().tag()).increment();
    rejected.add(new RejectedRecord(record, violation.reason()));
  }

  private Uni<Void> afterBatch(InboundBatch.Result result, List<RejectedRecord> rejected) {
    count("stored", result.stored());
    count("duplicate", result.duplicates());
    count("dead_lettered", rejected.size());
    rejected.forEach(InboundMessageConsumer::logDeadLetter);
    return oneByOne(result.oneByOne());
  }

  /** In the order read, each in its own transaction; a chat's messages keep their order. */
  private Uni<Void> oneByOne(List<Item> items) {
    return Batches.inOrder(items, this::one);
  }

  private Uni<Void> one(Item item) {
    InboundMessageReceived event = item.event();
    return retry
        .untilDone(
            "Storing inbound message " + event.id(),
            () -> Panache.withTransaction(() -> intake.accept(event, item.record())))
        .onItemOrFailure()
        .transformToUni(
            (outcome, failure) -> {
              if (failure != null) {
                return gracefulStop.stopping()
                    ? Uni.createFrom().failure(failure)
                    : deadLetter(new RejectedRecord(item.record(), failure.getMessage()));
              }
              return settle(item, outcome);
            })
        .eventually(
            () -> {
              MDC.remove("channelId");
              MDC.remove("sessionId");
            });
  }

  private Uni<Void> settle(Item item, InboundOutcome outcome) {
    InboundMessageReceived event = item.event();
    switch (outcome.kind()) {
      case STORED -> count("stored", 1);
      case DUPLICATE -> {
        count("duplicate", 1);
        LOG.debugf("Inbound message %s was already stored; skipped", event.id());
      }
      case PARKED -> {
        count("parked", 1);
        LOG.infof(
            "Inbound message %s parked (%s): waiting for connector %s",
            event.id(), outcome.detail(), event.connectorId());
      }
      case REJECTED -> {
        return deadLetter(new RejectedRecord(item.record(), outcome.detail()));
      }
    }
    return Uni.createFrom().voidItem();
  }

  private Uni<Void> deadLetterEach(List<RejectedRecord> rejected) {
    return Batches.inOrder(rejected, this::deadLetter);
  }

  /**
   * To the dead-letter topic through the outbox, tried again as long as the database is away;
   * should even that fail for good, the batch fails and SmallRye's dead-letter strategy takes it.
   */
  private Uni<Void> deadLetter(RejectedRecord rejected) {
    ReceivedRecord record = rejected.record();
    return retry
        .<Void>untilDone(
            "Dead-lettering inbound record " + record.partition() + "@" + record.offset(),
            () ->
                Panache.withTransaction(
                    () -> announcements.deadLetter(rejected.record(), rejected.reason())))
        .invoke(
            () -> {
              count("dead_lettered", 1);
              logDeadLetter(rejected);
            });
  }

  private static void logDeadLetter(RejectedRecord rejected) {
    ReceivedRecord record = rejected.record();
    LOG.warnf(
        "Inbound record %s-%d@%d goes to the dead-letter topic: %s",
        record.topic(), record.partition(), record.offset(), rejected.reason());
  }

  private void count(String outcome, int n) {
    if (n > 0) {
      metrics.counter(METRIC, "outcome", outcome).increment(n);
    }
  }
}
