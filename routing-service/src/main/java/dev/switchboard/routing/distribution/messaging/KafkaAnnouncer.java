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
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

  private static final int CONFIRM_BATCH = 500;

  private final BlockingQueue<String> acknowledged = new LinkedBlockingQueue<>();
  private volatile boolean stopped;
  private Thread confirming;

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
    // this one; the acknowledgement queues the decision for confirming (see Confirmations).
    emitter
        .sendMessage(Message.of(EventJson.write(event)).addMetadata(metadata))
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

  /**
   * The acknowledged decisions are removed from the outbox by one thread, as many at a time as have
   * come in (two Redis round trips per batch). Before, each acknowledgement took a worker thread
   * and two round trips of its own: a burst of a few hundred decisions exhausted the Redis pool's
   * wait queue (24), the confirmations failed and the decisions were published again.
   */
  @PostConstruct
  void startConfirming() {
    confirming = new Thread(this::confirmLoop, "routing-outbox-confirmations");
    confirming.setDaemon(true);
    confirming.start();
  }

  private void confirmLoop() {
    List<String> batch = new ArrayList<>(CONFIRM_BATCH);
    while (!stopped) {
      try {
        String first = acknowledged.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        acknowledged.drainTo(batch, CONFIRM_BATCH - 1);
        confirm(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void confirm(List<String> eventIds) {
    try {
      outbox.confirm(eventIds);
    } catch (RuntimeException e) {
      // They stay in the outbox and are published again (same ids: consumers ignore the repeat).
      LOG.warnf("Could not confirm %d published decisions: %s", eventIds.size(), e.getMessage());
    }
  }

  /** What was acknowledged but not confirmed yet is confirmed now, while Redis is still there. */
  @PreDestroy
  void stopConfirming() {
    stopped = true;
    if (confirming != null) {
      confirming.interrupt();
      try {
        confirming.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<String> left = new ArrayList<>();
    acknowledged.drainTo(left);
    for (int from = 0; from < left.size(); from += CONFIRM_BATCH) {
      confirm(left.subList(from, Math.min(left.size(), from + CONFIRM_BATCH)));
    }
  }

  private void published(RoutingEvent event) {
    acknowledged.add(event.id());
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
