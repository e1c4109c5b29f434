package dev.switchboard.session.conversation.messaging;

import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.platform.runtime.messaging.GracefulStop;
import dev.switchboard.session.conversation.store.InboundIntake;
import dev.switchboard.session.conversation.store.InboundIntake.Outcome;
import dev.switchboard.session.conversation.store.ReceivedRecord;
import dev.switchboard.session.kafka.KafkaRecords;
import dev.switchboard.session.kafka.PoisonRecordException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Consumes {@code oc.inbound.messages.v1}. The offset of a record is committed only after the
 * transaction that stored (or parked) it committed: the method returns a {@code Uni} and SmallRye
 * acknowledges the record when it completes. A record that cannot be read, or that can never be
 * stored here, fails the {@code Uni} and goes to {@code oc.inbound.messages.v1.dlq} with the reason
 * ({@code failure-strategy=dead-letter-queue}); a failure that may pass (the database) is retried a
 * few times first.
 */
@ApplicationScoped
public class InboundMessageConsumer {

  private static final Logger LOG = Logger.getLogger(InboundMessageConsumer.class);

  /** Inbound messages by outcome: stored, duplicate, parked, dead_lettered. */
  static final String METRIC = "switchboard.session.inbound.messages";

  @Inject InboundIntake intake;
  @Inject SessionAnnouncements announcements;
  @Inject MeterRegistry metrics;
  @Inject GracefulStop gracefulStop;

  @Incoming("inbound")
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return gracefulStop
        .handle(
            () -> {
              InboundMessageReceived event =
                  KafkaRecords.readKnown(record, InboundMessageReceived.class);
              if (event == null) {
                LOG.debugf(
                    "Skipped a record of a type this service does not know: %s",
                    KafkaRecords.header(record, "ce_type"));
                return Uni.createFrom().voidItem();
              }
              ReceivedRecord received =
                  new ReceivedRecord(
                      record.topic(),
                      record.partition(),
                      record.offset(),
                      record.key(),
                      KafkaRecords.headers(record),
                      new String(record.value(), StandardCharsets.UTF_8));
              return Uni.createFrom()
                  .deferred(() -> Panache.withTransaction(() -> intake.accept(event, received)))
                  .onFailure(
                      failure -> !gracefulStop.stopping() && KafkaRecords.isTransient(failure))
                  .retry()
                  .withBackOff(KafkaRecords.FIRST_BACKOFF, KafkaRecords.MAX_BACKOFF)
                  .atMost(KafkaRecords.TRANSIENT_RETRIES)
                  .map(outcome -> settle(event, outcome));
            })
        .onFailure()
        .invoke(
            failure -> {
              count("dead_lettered");
              LOG.warnf(
                  "Inbound record %s-%d@%d goes to the dead-letter topic: %s",
                  record.topic(), record.partition(), record.offset(), failure.getMessage());
            })
        .eventually(
            () -> {
              MDC.remove("channelId");
              MDC.remove("sessionId");
            });
  }

  private Void settle(InboundMessageReceived event, Outcome outcome) {
    switch (outcome.kind()) {
      case STORED -> announcements.flush();
      case DUPLICATE -> LOG.debugf("Inbound message %s was already stored; skipped", event.id());
      case PARKED ->
          LOG.infof(
              "Inbound message %s parked (%s): waiting for connector %s",
              event.id(), outcome.detail(), event.connectorId());
      case REJECTED -> throw new PoisonRecordException(outcome.detail());
    }
    count(outcome.kind().name().toLowerCase(java.util.Locale.ROOT));
    return null;
  }

  private void count(String outcome) {
    metrics.counter(METRIC, "outcome", outcome).increment();
  }
}
