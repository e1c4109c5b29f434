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
import dev.switchboard.platform.runtime.messaging.GracefulStop;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
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
    if (processed.contains(CONSUMER, message.id()).await().atMost(DATABASE_TIMEOUT)) {
      LOG.infof("Outbound message %s was delivered already; not sending it again", message.id());
      count("duplicate");
      return;
    }
    try {
      String externalMessageId = deliverToTelegram(message);
      processed.add(CONSUMER, message.id()).await().atMost(DATABASE_TIMEOUT);
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
        registrations
            .find(message.connectorId())
            .await()
            .atMost(DATABASE_TIMEOUT)
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
    DeliveryPolicy policy = config.policy();
    for (int attempt = 1; ; attempt++) {
      AttemptOutcome outcome =
          telegram
              .sendMessage(botToken, message.externalChatId(), message.text())
              .await()
              .indefinitely();
      Decision decision = policy.decide(attempt, outcome);
      if (decision instanceof Decision.Done) {
        return ((AttemptOutcome.Delivered) outcome).externalMessageId();
      }
      if (decision instanceof Decision.GiveUp giveUp) {
        throw new UndeliverableMessageException(giveUp.reason());
      }
      Duration delay = ((Decision.Retry) decision).delay();
      LOG.infof(
          "Outbound message %s, try %d: %s; trying again in %d ms",
          message.id(), attempt, ((AttemptOutcome.Failed) outcome).reason(), delay.toMillis());
      count("retried");
      Thread.sleep(delay.toMillis());
    }
  }

  private void count(String outcome) {
    metrics
        .counter(
            "switchboard.gateway.delivery.messages", "connector", "telegram", "outcome", outcome)
        .increment();
  }
}
