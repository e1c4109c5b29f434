package dev.switchboard.gateway.telegram.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.outbound.ReplyButton;
import dev.switchboard.gateway.outbound.domain.AttemptOutcome;
import dev.switchboard.gateway.telegram.domain.TelegramOutgoing;
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
import java.util.List;
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
   * {@code POST /bot<token>/sendMessage} with {@code {"chat_id": ..., "text": ...}}, plus {@code
   * parse_mode} and an inline keyboard ({@code reply_markup}) when the message has them; never
   * fails: a timeout or a refused connection is a {@link AttemptOutcome.Failed} outcome.
   */
  public Uni<AttemptOutcome> sendMessage(String botToken, String chatId, TelegramOutgoing message) {
    ObjectNode body = JSON.createObjectNode();
    // A private chat's id is an integer; a public channel is addressed as "@name".
    if (chatId.matches("-?\\d{1,18}")) {
      body.put("chat_id", Long.parseLong(chatId));
    } else {
      body.put("chat_id", chatId);
    }
    body.put("text", message.text());
    if (message.parseMode() != null) {
      body.put("parse_mode", message.parseMode());
    }
    if (!message.keyboard().isEmpty()) {
      ArrayNode rows = body.putObject("reply_markup").putArray("inline_keyboard");
      for (List<ReplyButton> row : message.keyboard()) {
        ArrayNode buttons = rows.addArray();
        row.forEach(
            b -> buttons.addObject().put("text", b.label()).put("callback_data", b.value()));
      }
    }
    return call(botToken, "sendMessage", body);
  }

  /**
   * {@code POST /bot<token>/answerCallbackQuery} with {@code {"callback_query_id": ...}}: the
   * client's pressed button stops spinning. Never fails, like {@link #sendMessage}.
   */
  public Uni<AttemptOutcome> answerCallbackQuery(String botToken, String callbackQueryId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("callback_query_id", callbackQueryId);
    return call(botToken, "answerCallbackQuery", body);
  }

  private Uni<AttemptOutcome> call(String botToken, String method, ObjectNode body) {
    return client
        .postAbs(stripSlash(baseUrl) + "/bot" + botToken + "/" + method)
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
