package dev.switchboard.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Agents' WebSockets on {@code /api/v1/agent/events}, as a browser or a desktop client opens them.
 */
public final class AgentSockets {

  private final URI events;

  /** {@code events}: the socket's http URL, as {@code @TestHTTPResource} gives it. */
  public AgentSockets(URI events) {
    this.events = events;
  }

  /** Connects with an {@code Authorization: Bearer} header. */
  public Frames connectWithHeader(String agentId) throws Exception {
    return connectWithToken(TestTokens.token(agentId, "agent"));
  }

  /** Connects with this token in an {@code Authorization: Bearer} header. */
  public Frames connectWithToken(String token) throws Exception {
    Frames frames = new Frames();
    frames.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + token)
            .buildAsync(ws(""), frames)
            .get(10, TimeUnit.SECONDS);
    return frames;
  }

  /** Connects with {@code ?access_token=}, followed by {@code moreQuery} ("&after=..."). */
  public Frames connectWithQueryToken(String agentId, String moreQuery) throws Exception {
    Frames frames = new Frames();
    frames.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                ws("?access_token=" + TestTokens.token(agentId, "agent") + moreQuery), frames)
            .get(10, TimeUnit.SECONDS);
    return frames;
  }

  /** Upgrades without a valid token; answers the status the upgrade was refused with. */
  public int refusedUpgrade(String query) {
    try {
      HttpClient.newHttpClient()
          .newWebSocketBuilder()
          .buildAsync(ws(query), new Frames())
          .get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw new AssertionError("The upgrade failed otherwise", e);
    } catch (Exception e) {
      throw new AssertionError("The upgrade failed otherwise", e);
    }
    throw new AssertionError("The upgrade was accepted");
  }

  public URI ws(String query) {
    return URI.create(events.toString().replaceFirst("^http", "ws") + query);
  }

  /** The text frames one socket received, as JSON. */
  public static final class Frames implements WebSocket.Listener, AutoCloseable {
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean closedByServer;
    WebSocket socket;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(TestEvents.json(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closedByServer = true;
      return null;
    }

    public List<JsonNode> all() {
      return List.copyOf(received);
    }

    /** The frames of this type, in order of arrival. */
    public List<JsonNode> ofType(String type) {
      return all().stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    /** Waits for exactly {@code count} frames... or more, and returns the first {@code count}. */
    public List<JsonNode> await(int count) {
      return awaitAtLeast(count).subList(0, count);
    }

    public List<JsonNode> awaitAtLeast(int count) {
      return Awaitility.await()
          .atMost(Duration.ofSeconds(15))
          .until(this::all, frames -> frames.size() >= count);
    }

    /** Waits for the first frame of this type. */
    public JsonNode awaitType(String type) {
      return Awaitility.await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> ofType(type), frames -> !frames.isEmpty())
          .get(0);
    }

    /** Closes the socket and waits until the close handshake is done. */
    @Override
    public void close() {
      if (socket != null && !socket.isOutputClosed()) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS);
      }
    }

    /** Closes the socket and waits until the server has closed its side too. */
    public void closeAndWait() {
      close();
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> closedByServer || socket.isInputClosed());
    }
  }
}
