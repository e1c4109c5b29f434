package dev.switchboard.e2e.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testkit.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An agent as a frontend drives one through the gateway, and as a person would through outages:
 * online with a WebSocket (opened again with {@code ?after=} whenever it drops), accepting what is
 * offered, answering each session once and closing it. Every second it also reads its list ({@code
 * GET /api/v1/agent/sessions}), so a frame lost with a gateway is no session lost. A reply whose
 * request failed is not sent again under the same text: it may have been stored.
 */
final class ChaosAgent implements AutoCloseable {

  static final String REPLY_PREFIX = "chaos-reply-";
  private static final ObjectMapper JSON = new ObjectMapper();

  final String id;
  private final String token;
  private final boolean takesOffers;
  private final String gateway;
  private final HttpClient http;
  private final ScheduledExecutorService executor;
  private volatile WebSocket socket;
  private volatile String lastFrameId;
  private ScheduledFuture<?> ticking;

  /** Replies the gateway answered 2xx, by text: the session each was for. */
  final Map<String, String> repliesTaken = new ConcurrentHashMap<>();

  /** Replies whose request failed or timed out: they may have been stored, or not. */
  final Map<String, String> repliesUnsure = new ConcurrentHashMap<>();

  private final Set<String> answered = ConcurrentHashMap.newKeySet();

  /**
   * {@code takesOffers} false: the agent is online but never takes an offer, so each one it gets
   * runs until its timer passes it on (Q3, Q5).
   */
  ChaosAgent(
      String id,
      boolean takesOffers,
      String gateway,
      HttpClient http,
      ScheduledExecutorService executor) {
    this.id = id;
    this.token = TestTokens.token(id, "agent");
    this.takesOffers = takesOffers;
    this.gateway = gateway;
    this.http = http;
    this.executor = executor;
  }

  void start() {
    ticking = executor.scheduleWithFixedDelay(this::tick, 0, 1, TimeUnit.SECONDS);
  }

  /** Sessions whose reply the gateway took. */
  int sessionsAnswered() {
    return answered.size();
  }

  private void tick() {
    try {
      if (socket == null) {
        connect();
      }
      work();
    } catch (Exception platformDown) {
      // Tried again on the next tick, as a frontend would.
    }
  }

  private void connect() throws Exception {
    if (send("PUT", "/api/v1/agent/status", "{\"status\":\"ONLINE\"}").statusCode() != 200) {
      return;
    }
    String after = lastFrameId == null ? "" : "&after=" + lastFrameId;
    socket =
        http.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(
                URI.create(
                    gateway.replace("http://", "ws://")
                        + "/api/v1/agent/events?access_token="
                        + token
                        + after),
                new Frames())
            .get(10, TimeUnit.SECONDS);
  }

  private void work() throws Exception {
    HttpResponse<String> list = send("GET", "/api/v1/agent/sessions?limit=200", null);
    if (list.statusCode() != 200) {
      return;
    }
    for (JsonNode session : JSON.readTree(list.body()).path("items")) {
      String sessionId = session.path("id").asText();
      switch (session.path("state").asText()) {
        case "OFFERED" -> {
          if (takesOffers) {
            send("POST", "/api/v1/sessions/" + sessionId + "/accept", null);
          }
        }
        case "ASSIGNED", "WAITING_CLIENT", "ANSWERED" -> {
          if (answered.contains(sessionId)) {
            send("POST", "/api/v1/sessions/" + sessionId + "/close", null);
          } else {
            reply(sessionId);
          }
        }
        default -> {}
      }
    }
  }

  private void reply(String sessionId) {
    String text = REPLY_PREFIX + UUID.randomUUID();
    try {
      int status =
          send("POST", "/api/v1/sessions/" + sessionId + "/messages", "{\"text\":\"" + text + "\"}")
              .statusCode();
      if (status / 100 == 2) {
        repliesTaken.put(text, sessionId);
        answered.add(sessionId);
      } else if (status >= 500) {
        repliesUnsure.put(text, sessionId);
      }
    } catch (Exception e) {
      repliesUnsure.put(text, sessionId);
    }
  }

  private HttpResponse<String> send(String method, String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(gateway + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Takes an offer as soon as its frame comes; remembers the last frame for a reconnect. */
  private final class Frames implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode frame = JSON.readTree(partial.toString());
          lastFrameId = frame.path("id").asText(lastFrameId);
          if (takesOffers && "OFFERED".equals(frame.path("type").asText())) {
            String sessionId = frame.path("data").path("sessionId").asText();
            executor.execute(() -> accept(sessionId));
          }
        } catch (java.io.IOException notJson) {
          // Nothing to act on.
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      socket = null;
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      socket = null;
    }
  }

  private void accept(String sessionId) {
    try {
      send("POST", "/api/v1/sessions/" + sessionId + "/accept", null);
    } catch (Exception e) {
      // The list read every second offers it again while the offer stands.
    }
  }

  @Override
  public void close() {
    if (ticking != null) {
      ticking.cancel(false);
    }
    WebSocket open = socket;
    if (open != null) {
      open.abort();
    }
  }
}
