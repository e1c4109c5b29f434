package dev.switchboard.routing.distribution.messaging;

import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.routing.distribution.domain.Announcer;
import dev.switchboard.routing.distribution.store.AnnouncementOutbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes routing decisions on {@code oc.routing.events.v1}, keyed by channel, and confirms them
 * to the {@link AnnouncementOutbox} once Kafka has them, without waiting for that. A failure is
 * only logged: the decision stays in the outbox and {@link RoutingTimers} publishes it again.
 */
@ApplicationScoped
public class KafkaAnnouncer implements Announcer {

  static final String SOURCE = CloudEventHeaders.source("routing-service");
  private static final Logger LOG = Logger.getLogger(KafkaAnnouncer.class);

  /**
   * Decisions sent and not yet acknowledged may queue here (a burst of sessions); beyond that a
   * send fails at once and the decision is published again from the outbox.
   */
  @Inject
  @Channel("routing-events")
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
  MutinyEmitter<byte[]> emitter;

  @Inject AnnouncementOutbox outbox;
  @Inject MeterRegistry meters;

  @Override
  public void announce(RoutingEvent event) {
    RecordHeaders headers = new RecordHeaders();
    CloudEventHeaders.of(event, SOURCE)
        .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withKey(event.partitionKey())
            .withHeaders(headers)
            .build();
    // Not awaited: the decision is already durable in the announcement outbox (recorded by the
    // same Redis script that made it), and one producer keeps its records' order per partition
    // (idempotent producer). So routing goes on with the next session while Kafka acknowledges
    // this one; the acknowledgement confirms the decision on a worker thread (Redis calls block).
    emitter
        .sendMessage(Message.of(EventJson.write(event)).addMetadata(metadata))
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .subscribe()
        .with(
            published -> published(event),
            failure ->
                LOG.warnf(
                    failure,
                    "Could not publish %s %s of session %s; it will be published again",
                    event.getClass().getSimpleName(),
                    event.id(),
                    event.sessionId()));
  }

  private void published(RoutingEvent event) {
    outbox.confirm(event.id());
    if (event instanceof AgentAssigned assigned) {
      meters.counter("routing.sessions.assigned").increment();
      LOG.infof(
          "Session %s of channel %s assigned to %s",
          assigned.sessionId(), assigned.channelId(), assigned.agentId());
    } else if (event instanceof OfferMade made) {
      meters.counter("routing.offers.made", "mode", made.distributionMode().name()).increment();
      LOG.infof(
          "Session %s of channel %s offered to %s (%s)",
          made.sessionId(), made.channelId(), made.agentIds(), made.offerId());
    } else if (event instanceof OfferExpired expired) {
      meters.counter("routing.offers.expired").increment();
      LOG.infof("Offer %s of session %s expired", expired.offerId(), expired.sessionId());
    } else if (event instanceof OfferWithdrawn withdrawn) {
      LOG.infof(
          "Offer %s of session %s withdrawn from %s (%s)",
          withdrawn.offerId(), withdrawn.sessionId(), withdrawn.agentIds(), withdrawn.reason());
    } else if (event instanceof NoAgentAvailable noAgent) {
      meters.counter("routing.sessions.no.agent", "reason", noAgent.reason().name()).increment();
      LOG.infof(
          "No agent for session %s of channel %s (%s); it waits",
          noAgent.sessionId(), noAgent.channelId(), noAgent.reason());
    }
  }
}
