package dev.switchboard.gateway.outbound.messaging;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.gateway.connector.domain.ConnectorSecrets.UnusableSecretsException;
import dev.switchboard.gateway.connector.domain.OpenedConnector;
import dev.switchboard.gateway.connector.store.ConnectorRegistrations;
import dev.switchboard.gateway.kafka.KafkaEvents;
import dev.switchboard.gateway.outbound.domain.AttemptOutcome;
import dev.switchboard.gateway.outbound.domain.DeliveryConfig;
import dev.switchboard.gateway.outbound.domain.DeliveryPolicy;
import dev.switchboard.gateway.outbound.domain.DeliveryPolicy.Decision;
import dev.switchboard.gateway.outbound.store.ProcessedEvents;
import dev.switchboard.gateway.telegram.client.TelegramBotApi;
import dev.switchboard.gateway.telegram.domain.TelegramOutgoing;
import dev.switchboard.platform.runtime.messaging.GracefulStop;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Delivers {@value Topics#OUTBOUND_MESSAGES} to Telegram (docs/flows/first-conversation.md, step
 * 6). Records of one chat come one after the other (the connector's {@code throttled.ordered=key}),
 * different chats in parallel on the {@code outbound-delivery} workers.
 *
 * <p>Idempotent on the event id: an id is recorded in {@code processed_event} once Telegram took
 * the message, and a recorded id is not sent again. (A crash between Telegram's answer and that
 * record sends the message once more when the record is redelivered: a rare duplicate rather than a
 * lost reply.) A message that cannot be delivered goes to {@code oc.outbound.messages.v1.dlq} with
 * its reason, and is not recorded, so that replaying it from there delivers it.
 */
@ApplicationScoped
public class OutboundDeliveryConsumer {

  static final String CONSUMER = "telegram-delivery";

  private static final Logger LOG = Logger.getLogger(OutboundDeliveryConsumer.class);
  private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration MAX_DATABASE_WAIT = Duration.ofSeconds(5);

  @Inject ConnectorRegistrations registrations;
  @Inject TelegramBotApi telegram;
  @Inject ProcessedEvents processed;
  @Inject DeliveryConfig config;
  @Inject MeterRegistry metrics;
  @Inject GracefulStop gracefulStop;

  @Incoming("outbound-messages")
  @Blocking(value = "outbound-delivery", ordered = false)
  public Uni<Void> deliver(ConsumerRecord<String, byte[]> record) {
    // Subscribed here, on the delivery worker: the delivery runs on this thread, counted as in
    // hand by the graceful stop. Once the service is stopping, a record not started or one that
    // failed (the pool closed under it) never completes: neither committed nor dead-lettered, it is
    // delivered at the next start (idempotent on the event id).
    return Uni.createFrom()
        .completionStage(
            gracefulStop
                .<Void>handle(
                    () -> {
                      try {
                        deliverNow(record);
                        return Uni.createFrom().voidItem();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Uni.createFrom().failure(e);
                      } catch (RuntimeException e) {
                        return Uni.createFrom().failure(e);
                      }
                    })
                .subscribeAsCompletionStage());
  }

  private void deliverNow(ConsumerRecord<String, byte[]> record) throws InterruptedException {
    PlatformEvent event = KafkaEvents.read(record).orElse(null);
    if (!(event instanceof OutboundMessageRequested message)) {
      return;
    }
    if (message.connectorType() != ConnectorType.TELEGRAM) {
      // Other connector types are delivered by their own connectors (custom ones consume the
      // topic themselves).
      return;
    }
    if (untilTheDatabaseAnswers(
        "check whether it was delivered",
        message,
        () -> processed.contains(CONSUMER, message.id()))) {
      LOG.infof("Outbound message %s was delivered already; not sending it again", message.id());
      count("duplicate");
      return;
    }
    try {
      String externalMessageId = deliverToTelegram(message);
      // Telegram has it: from here on, a failure must not dead-letter it (a replay would send it
      // twice). A database that does not answer is waited for; a stop meanwhile leaves the record
      // uncommitted, and the next start sends it once more (the one duplicate this can give).
      untilTheDatabaseAnswers(
          "record it as delivered", message, () -> processed.add(CONSUMER, message.id()));
      count("delivered");
      LOG.infof(
          "Delivered %s (session %s, channel %s) to Telegram chat %s as message %s",
          message.id(),
          message.sessionId(),
          message.channelId(),
          message.externalChatId(),
          externalMessageId);
    } catch (UndeliverableMessageException e) {
      count("dead-lettered");
      LOG.warnf(
          "Outbound message %s (session %s, channel %s) goes to the dead-letter topic: %s",
          message.id(), message.sessionId(), message.channelId(), e.getMessage());
      throw e;
    }
  }

  private String deliverToTelegram(OutboundMessageRequested message) throws InterruptedException {
    OpenedConnector connector =
        untilTheDatabaseAnswers(
                "find its connector", message, () -> registrations.find(message.connectorId()))
            .orElseThrow(
                () ->
                    new UndeliverableMessageException(
                        "Unknown connector " + message.connectorId()));
    if (connector.registration().deleted()) {
      throw new UndeliverableMessageException(
          "Connector " + message.connectorId() + " was removed from its channel");
    }
    if (message.text() == null || message.text().isBlank()) {
      // TODO(attachments): sendPhoto / sendDocument for messages with attachments.
      throw new UndeliverableMessageException(
          "The message has no text; attachments are not delivered to Telegram yet");
    }
    if (!message.attachments().isEmpty()) {
      LOG.warnf(
          "Outbound message %s: only its text is delivered, not its attachments", message.id());
    }
    String botToken;
    try {
      botToken = connector.secrets().botToken();
    } catch (UnusableSecretsException e) {
      throw new UndeliverableMessageException(e.getMessage());
    }
    TelegramOutgoing outgoing = TelegramOutgoing.of(message);
    DeliveryPolicy policy = config.policy();
    int failedTries = 0;
    Duration rateLimited = Duration.ZERO;
    while (true) {
      AttemptOutcome outcome =
          telegram.sendMessage(botToken, message.externalChatId(), outgoing).await().indefinitely();
      boolean limited = outcome instanceof AttemptOutcome.RateLimited;
      if (!limited) {
        failedTries++;
      }
      Decision decision = policy.decide(failedTries, rateLimited, outcome);
      if (decision instanceof Decision.Done) {
        return ((AttemptOutcome.Delivered) outcome).externalMessageId();
      }
      if (decision instanceof Decision.GiveUp giveUp) {
        throw new UndeliverableMessageException(giveUp.reason());
      }
      Duration delay = ((Decision.Retry) decision).delay();
      if (limited) {
        rateLimited = rateLimited.plus(delay);
        LOG.infof(
            "Outbound message %s: %s; waiting %d ms as asked (not a failed try)",
            message.id(), ((AttemptOutcome.RateLimited) outcome).reason(), delay.toMillis());
        count("rate-limited");
      } else {
        LOG.infof(
            "Outbound message %s, try %d: %s; trying again in %d ms",
            message.id(),
            failedTries,
            ((AttemptOutcome.Failed) outcome).reason(),
            delay.toMillis());
        count("retried");
      }
      pause(delay);
    }
  }

  /**
   * The database's answer, waited for as long as it takes: a database that restarts or drops its
   * connections is not a reason to drop a reply (nor to dead-letter one already sent). Tried again
   * after 0.2 s, doubling up to 5 s, until it answers or the service stops (then the record is left
   * uncommitted for the next start, see {@link GracefulStop}).
   */
  private <T> T untilTheDatabaseAnswers(
      String what, OutboundMessageRequested message, Supplier<Uni<T>> query)
      throws InterruptedException {
    Duration wait = Duration.ofMillis(200);
    for (int attempt = 1; ; attempt++) {
      try {
        return query.get().await().atMost(DATABASE_TIMEOUT);
      } catch (RuntimeException e) {
        if (gracefulStop.stopping()) {
          throw e;
        }
        LOG.warnf(
            "Outbound message %s: could not %s (try %d: %s); trying again in %d ms",
            message.id(), what, attempt, e.getMessage(), wait.toMillis());
        count("database-retried");
        pause(wait);
        wait =
            wait.multipliedBy(2).compareTo(MAX_DATABASE_WAIT) > 0
                ? MAX_DATABASE_WAIT
                : wait.multipliedBy(2);
      }
    }
  }

  /** Sleeps, in slices, so that a stop is not held up by a long wait. */
  private void pause(Duration delay) throws InterruptedException {
    long end = System.nanoTime() + delay.toNanos();
    while (System.nanoTime() < end) {
      if (gracefulStop.stopping()) {
        throw new IllegalStateException("stopping: the record is left for the next start");
      }
      Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
    }
  }

  private void count(String outcome) {
    metrics
        .counter(
            "switchboard.gateway.delivery.messages", "connector", "telegram", "outcome", outcome)
        .increment();
  }
}
