package dev.switchboard.gateway.telegram.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.outbound.domain.AttemptOutcome;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Telegram Bot API ({@code switchboard.telegram.api-base-url}), non-blocking. The bot token is
 * part of every URL, so no URL and no client error message leaves this class unredacted.
 */
@ApplicationScoped
public class TelegramBotApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject Vertx vertx;

  @ConfigProperty(name = "switchboard.telegram.api-base-url")
  String baseUrl;

  @ConfigProperty(name = "switchboard.telegram.timeout")
  Duration timeout;

  private WebClient client;

  @PostConstruct
  void start() {
    client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setUserAgent("switchboard-connector-gateway"));
  }

  @PreDestroy
  void stop() {
    client.close();
  }

  /**
   * {@code POST /bot<token>/sendMessage} with {@code {"chat_id": ..., "text": ...}}; never fails: a
   * timeout or a refused connection is a {@link AttemptOutcome.Failed} outcome.
   */
  public Uni<AttemptOutcome> sendMessage(String botToken, String chatId, String text) {
    ObjectNode body = JSON.createObjectNode();
    // A private chat's id is an integer; a public channel is addressed as "@name".
    if (chatId.matches("-?\\d{1,18}")) {
      body.put("chat_id", Long.parseLong(chatId));
    } else {
      body.put("chat_id", chatId);
    }
    body.put("text", text);
    return client
        .postAbs(stripSlash(baseUrl) + "/bot" + botToken + "/sendMessage")
        .timeout(timeout.toMillis())
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body.toString()))
        .map(response -> TelegramReplies.classify(response.statusCode(), response.bodyAsString()))
        .onFailure()
        .recoverWithItem(
            failure ->
                new AttemptOutcome.Failed(
                    "No answer from Telegram: "
                        + redact(String.valueOf(failure.getMessage()), botToken),
                    null));
  }

  private static String redact(String message, String botToken) {
    return message.replace(botToken, "<bot-token>");
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
