package dev.switchboard.gateway.telegram.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.outbound.domain.AttemptOutcome;
import java.io.IOException;
import java.time.Duration;

/**
 * Reads a Bot API answer ({@code {"ok":true,"result":{...}}} or {@code {"ok":false,"error_code":
 * 429,"description":"...","parameters":{"retry_after":5}}}) as the outcome of a delivery try.
 */
public final class TelegramReplies {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TelegramReplies() {}

  public static AttemptOutcome classify(int status, String body) {
    JsonNode reply = parse(body);
    String description = reply.path("description").asText("");
    String reason =
        "Telegram answered " + status + (description.isEmpty() ? "" : ": " + description);
    if (status >= 200 && status < 300 && reply.path("ok").asBoolean(false)) {
      JsonNode messageId = reply.path("result").path("message_id");
      return new AttemptOutcome.Delivered(messageId.isMissingNode() ? null : messageId.asText());
    }
    if (status == 429) {
      JsonNode retryAfter = reply.path("parameters").path("retry_after");
      return new AttemptOutcome.RateLimited(
          reason, retryAfter.canConvertToLong() ? Duration.ofSeconds(retryAfter.asLong()) : null);
    }
    if (status >= 500) {
      return new AttemptOutcome.Failed(reason, null);
    }
    // Any other answer (4xx, or a 2xx that is not ok) will be the same next time.
    return new AttemptOutcome.Refused(reason);
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      // A proxy's HTML error page: the status alone decides.
      return JSON.createObjectNode();
    }
  }
}
