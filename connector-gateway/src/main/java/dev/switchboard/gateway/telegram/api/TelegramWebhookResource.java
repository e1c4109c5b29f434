package dev.switchboard.gateway.telegram.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.gateway.connector.domain.ConnectorRegistration;
import dev.switchboard.gateway.connector.domain.ConnectorSecrets.UnusableSecretsException;
import dev.switchboard.gateway.connector.domain.OpenedConnector;
import dev.switchboard.gateway.connector.store.ConnectorRegistrations;
import dev.switchboard.gateway.kafka.EventPublisher;
import dev.switchboard.gateway.outbound.domain.AttemptOutcome;
import dev.switchboard.gateway.telegram.client.TelegramBotApi;
import dev.switchboard.gateway.telegram.domain.TelegramUpdates;
import dev.switchboard.gateway.telegram.domain.TelegramUpdates.InvalidUpdateException;
import dev.switchboard.platform.runtime.api.Problem;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Telegram's webhook (G3): no bearer token; Telegram proves itself with the secret token given to
 * {@code setWebhook}, sent back in {@value #SECRET_HEADER}. The update is acknowledged (200) only
 * once its {@code InboundMessageReceived} is in Kafka; until then Telegram keeps retrying it, and a
 * retry is the same event (same id). A pressed reply button ({@code callback_query}) is published
 * the same way, then answered ({@code answerCallbackQuery}) so the client's button stops spinning.
 */
@Path("/webhooks/telegram")
@PermitAll
@Tag(name = "Connector webhooks")
public class TelegramWebhookResource {

  public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

  private static final Logger LOG = Logger.getLogger(TelegramWebhookResource.class);

  // Telegram adds fields to Update over time: unknown ones are ignored, not a 400.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Map<String, Object> OK = Map.of("ok", true);

  @Inject ConnectorRegistrations registrations;
  @Inject EventPublisher events;
  @Inject Clock clock;
  @Inject MeterRegistry metrics;
  @Inject TelegramBotApi telegram;

  @POST
  @Path("{connectorId}")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Receive a Telegram Update (G3); 200 once the client's message is published, 401 for a"
              + " missing or wrong secret token, 404 unknown connector, 410 deleted connector, 413"
              + " body over 256 KiB (refused before it is read, platform-runtime's RequestGuard)")
  public Uni<Map<String, Object>> receive(
      @PathParam("connectorId") String connectorId,
      @Parameter(description = "the secret_token given to setWebhook") @HeaderParam(SECRET_HEADER)
          String secretToken,
      byte[] body) {
    return registrations
        .find(connectorId)
        .map(found -> verified(connectorId, found, secretToken))
        .flatMap(
            opened -> {
              ConnectorRegistration connector = opened.registration();
              Optional<InboundMessageReceived> message =
                  TelegramUpdates.toInboundMessage(connector, parse(body), clock.instant());
              if (message.isEmpty()) {
                count("ignored");
                return Uni.createFrom().item(OK);
              }
              InboundMessageReceived event = message.get();
              return events
                  .publish(event)
                  .invoke(
                      () -> {
                        count("published");
                        LOG.debugf(
                            "Telegram update of connector %s published as %s (chat %s)",
                            connectorId, event.id(), event.externalChatId());
                        TelegramUpdates.callbackQueryId(event)
                            .ifPresent(callbackId -> answerCallback(opened, callbackId));
                      })
                  .replaceWith(OK);
            })
        .onFailure(InvalidUpdateException.class)
        .transform(
            e -> {
              InvalidUpdateException invalid = (InvalidUpdateException) e;
              return ProblemException.badField(
                  invalid.field(), e.getMessage().substring(invalid.field().length() + 2));
            });
  }

  /**
   * Stops the pressed button's spinner, once its message is in Kafka. Best effort and not waited
   * for: a failure is logged, the webhook's answer does not depend on it.
   */
  private void answerCallback(OpenedConnector connector, String callbackId) {
    String botToken;
    try {
      botToken = connector.secrets().botToken();
    } catch (UnusableSecretsException e) {
      LOG.warnf(
          "Cannot answer Telegram callback query of connector %s: %s",
          connector.registration().connectorId(), e.getMessage());
      return;
    }
    try {
      telegram
          .answerCallbackQuery(botToken, callbackId)
          .subscribe()
          .with(
              outcome -> {
                boolean answered = outcome instanceof AttemptOutcome.Delivered;
                countCallback(answered ? "answered" : "not-answered");
                if (!answered) {
                  LOG.infof(
                      "Telegram callback query of connector %s not answered: %s",
                      connector.registration().connectorId(), outcome);
                }
              },
              failure -> countCallback("not-answered"));
    } catch (RuntimeException e) {
      // The message is published: nothing here may turn the webhook's 200 into an error.
      countCallback("not-answered");
      LOG.warnf(
          "Cannot answer Telegram callback query of connector %s: %s",
          connector.registration().connectorId(), e.getMessage());
    }
  }

  private OpenedConnector verified(
      String connectorId, Optional<OpenedConnector> found, String secretToken) {
    OpenedConnector opened =
        found
            .filter(c -> c.registration().connectorType() == ConnectorType.TELEGRAM)
            .orElseThrow(
                () -> {
                  count("unknown-connector");
                  return ProblemException.notFound("Telegram connector " + connectorId);
                });
    ConnectorRegistration connector = opened.registration();
    if (connector.deleted()) {
      count("deleted-connector");
      throw new ProblemException(
          Problem.of(410, "Gone", "Connector " + connectorId + " was removed from its channel"));
    }
    if (!opened.webhookSecretMatches(secretToken)) {
      count("bad-secret");
      LOG.warnf("Telegram webhook of connector %s: missing or wrong secret token", connectorId);
      throw new ProblemException(
          Problem.of(401, "Unauthorized", "The " + SECRET_HEADER + " header is missing or wrong"));
    }
    return opened;
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw malformed("The request body is empty");
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw malformed(
          "The request body is not valid JSON"
              + (e.getLocation() == null
                  ? ""
                  : " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()));
    } catch (IOException e) {
      throw malformed("The request body cannot be read");
    }
  }

  private static ProblemException malformed(String detail) {
    return new ProblemException(Problem.of(400, "Malformed JSON", detail));
  }

  private void countCallback(String outcome) {
    metrics
        .counter("switchboard.gateway.telegram.callback.answers", "outcome", outcome)
        .increment();
  }

  private void count(String outcome) {
    metrics
        .counter("switchboard.gateway.webhook.updates", "connector", "telegram", "outcome", outcome)
        .increment();
  }
}
