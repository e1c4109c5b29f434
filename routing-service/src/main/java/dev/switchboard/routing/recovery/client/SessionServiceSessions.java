package dev.switchboard.routing.recovery.client;

import dev.switchboard.routing.recovery.domain.OpenSession;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads session-service's open sessions ({@code GET /internal/v1/routing/open-sessions}), page by
 * page, with routing's own service token (role {@code routing-service}). Blocking: it runs on the
 * recovery's scheduler thread, never on an event loop.
 */
@ApplicationScoped
public class SessionServiceSessions {

  private static final int PAGE = 500;

  @ConfigProperty(name = "switchboard.routing.recovery.session-service-url")
  URI sessionServiceUrl;

  @ConfigProperty(name = "switchboard.routing.recovery.token")
  Optional<String> token;

  @ConfigProperty(name = "switchboard.routing.recovery.timeout", defaultValue = "10s")
  Duration timeout;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Hands every open session to {@code each}, oldest first; fails when any page cannot be read. */
  public void forEachOpen(Consumer<OpenSession> each) throws IOException, InterruptedException {
    String cursor = null;
    do {
      JsonObject page = fetch(cursor);
      JsonArray items = page.getJsonArray("items", new JsonArray());
      for (int i = 0; i < items.size(); i++) {
        each.accept(openSession(items.getJsonObject(i)));
      }
      cursor = page.getString("nextCursor");
    } while (cursor != null);
  }

  private JsonObject fetch(String cursor) throws IOException, InterruptedException {
    String base = sessionServiceUrl.toString().replaceAll("/+$", "");
    String uri =
        base
            + "/internal/v1/routing/open-sessions?limit="
            + PAGE
            + (cursor == null
                ? ""
                : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri))
            .timeout(timeout)
            .header("Accept", "application/json");
    token.filter(t -> !t.isBlank()).ifPresent(t -> request.header("Authorization", "Bearer " + t));
    HttpResponse<String> response =
        http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("session-service answered " + response.statusCode() + " to " + uri);
    }
    return new JsonObject(response.body());
  }

  private static OpenSession openSession(JsonObject item) {
    String openedAt = item.getString("openedAt");
    return new OpenSession(
        item.getString("sessionId"),
        item.getString("channelId"),
        OpenSession.State.valueOf(item.getString("state")),
        item.getString("agentId"),
        openedAt == null ? Instant.EPOCH : Instant.parse(openedAt));
  }
}
