package dev.switchboard.gateway.agentpush;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.CloseReason;
import dev.switchboard.events.session.ClosedBy;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.TestEvents;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class AgentEventsSocketTest {

  @TestHTTPResource("/api/v1/agent/events")
  URI events;

  @Test
  void anAgentReceivesAssignedMessageAndClosedFramesForTheirSessionOnly() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    String bob = "agent-" + UUID.randomUUID();
    String channelId = UUID.randomUUID().toString();
    String sessionId = UUID.randomUUID().toString();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    try (Frames annFrames = connectWithHeader(ann);
        Frames bobFrames = connectWithQueryToken(bob, "")) {
      SessionOpened opened = opened(channelId, sessionId, t0);
      SessionAssigned assigned =
          new SessionAssigned(
              PlatformEvent.newId(),
              channelId,
              sessionId,
              ann,
              AssignmentReason.DISTRIBUTION,
              null,
              UUID.randomUUID().toString(),
              t0.plusMillis(1));
      ClientMessageReceived message =
          new ClientMessageReceived(
              PlatformEvent.newId(),
              channelId,
              sessionId,
              "m-1",
              opened.clientId(),
              UUID.randomUUID().toString(),
              "1365",
              "Hola",
              List.of(),
              t0.minusSeconds(1),
              t0.plusMillis(2));
      SessionClosed closed =
          new SessionClosed(
              PlatformEvent.newId(),
              channelId,
              sessionId,
              ann,
              ClosedBy.AGENT,
              ann,
              CloseReason.MANUAL,
              null,
              t0.plusMillis(3));
      TestEvents.publish(opened);
      TestEvents.publish(assigned);
      TestEvents.publish(message);
      TestEvents.publish(closed);

      List<JsonNode> frames = annFrames.await(3);
      JsonNode first = frames.get(0);
      assertThat(first.path("type").asText(), equalTo("ASSIGNED"));
      assertThat(first.path("id").asText(), equalTo(assigned.id()));
      assertThat(first.path("sessionId").asText(), equalTo(sessionId));
      assertThat(first.path("at").asText(), equalTo(assigned.occurredAt().toString()));
      assertThat(first.path("data").path("sessionId").asText(), equalTo(sessionId));
      assertThat(first.path("data").path("channelId").asText(), equalTo(channelId));
      assertThat(first.path("data").path("client").path("id").asText(), equalTo(opened.clientId()));
      assertThat(
          first.path("data").path("client").path("displayName").asText(), equalTo("María García"));
      assertThat(
          first.path("data").path("client").path("connectorType").asText(), equalTo("telegram"));

      JsonNode second = frames.get(1);
      assertThat(second.path("type").asText(), equalTo("MESSAGE"));
      assertThat(second.path("id").asText(), equalTo(message.id()));
      assertThat(second.path("data").path("messageId").asText(), equalTo("m-1"));
      assertThat(second.path("data").path("text").asText(), equalTo("Hola"));
      assertThat(second.path("data").path("sentAt").asText(), equalTo(message.sentAt().toString()));

      JsonNode third = frames.get(2);
      assertThat(third.path("type").asText(), equalTo("CLOSED"));
      assertThat(third.path("sessionId").asText(), equalTo(sessionId));
      assertThat(third.path("data").path("closedBy").asText(), equalTo("AGENT"));
      assertThat(third.path("data").path("reason").asText(), equalTo("MANUAL"));

      // Bob's own session, on the same channel (same partition, after Ann's events).
      String bobSession = UUID.randomUUID().toString();
      TestEvents.publish(
          new SessionAssigned(
              PlatformEvent.newId(),
              channelId,
              bobSession,
              bob,
              AssignmentReason.DISTRIBUTION,
              null,
              null,
              t0.plusMillis(4)));
      List<JsonNode> bobs = bobFrames.await(1);
      assertThat(bobs.get(0).path("sessionId").asText(), equalTo(bobSession));
      assertThat(
          bobFrames.all().stream()
              .filter(f -> f.path("sessionId").asText().equals(sessionId))
              .toList(),
          empty());
    }
  }

  @Test
  void aReconnectWithAfterResendsTheFramesMissedSinceThatOne() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    String bob = "agent-" + UUID.randomUUID();
    String channelId = UUID.randomUUID().toString();
    String sessionId = UUID.randomUUID().toString();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    SessionAssigned assigned =
        new SessionAssigned(
            PlatformEvent.newId(),
            channelId,
            sessionId,
            ann,
            AssignmentReason.DISTRIBUTION,
            null,
            null,
            t0);
    try (Frames first = connectWithHeader(ann)) {
      TestEvents.publish(opened(channelId, sessionId, t0.minusMillis(1)));
      TestEvents.publish(assigned);
      first.await(1);
    }
    // Ann is away while her session closes.
    SessionClosed closed =
        new SessionClosed(
            PlatformEvent.newId(),
            channelId,
            sessionId,
            ann,
            ClosedBy.CLIENT,
            null,
            CloseReason.MANUAL,
            null,
            t0.plusMillis(5));
    try (Frames bobFrames = connectWithHeader(bob)) {
      TestEvents.publish(closed);
      // A frame for Bob on the same channel, after the close: once he has it, the close was
      // handled.
      TestEvents.publish(
          new SessionAssigned(
              PlatformEvent.newId(),
              channelId,
              UUID.randomUUID().toString(),
              bob,
              AssignmentReason.DISTRIBUTION,
              null,
              null,
              t0.plusMillis(6)));
      bobFrames.await(1);
    }

    try (Frames again = connectWithQueryToken(ann, "&after=" + assigned.id())) {
      List<JsonNode> missed = again.await(1);
      assertThat(missed.get(0).path("id").asText(), equalTo(closed.id()));
      assertThat(missed.get(0).path("type").asText(), equalTo("CLOSED"));
    }
  }

  @Test
  void anUpgradeWithoutAValidTokenIsRefusedWith401() {
    ExecutionException noToken =
        assertThrows(
            ExecutionException.class,
            () ->
                HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(ws(""), new Frames())
                    .get(10, TimeUnit.SECONDS));
    assertThat(noToken.getCause(), instanceOf(WebSocketHandshakeException.class));
    assertThat(
        ((WebSocketHandshakeException) noToken.getCause()).getResponse().statusCode(),
        equalTo(401));

    ExecutionException badToken =
        assertThrows(
            ExecutionException.class,
            () ->
                HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(
                        ws("?access_token=" + TestTokens.tokenSignedByAnotherKey("x", "agent")),
                        new Frames())
                    .get(10, TimeUnit.SECONDS));
    assertThat(
        ((WebSocketHandshakeException) badToken.getCause()).getResponse().statusCode(),
        equalTo(401));
  }

  private Frames connectWithHeader(String agentId) throws Exception {
    Frames frames = new Frames();
    frames.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + TestTokens.token(agentId, "agent"))
            .buildAsync(ws(""), frames)
            .get(10, TimeUnit.SECONDS);
    return frames;
  }

  private Frames connectWithQueryToken(String agentId, String moreQuery) throws Exception {
    Frames frames = new Frames();
    frames.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                ws("?access_token=" + TestTokens.token(agentId, "agent") + moreQuery), frames)
            .get(10, TimeUnit.SECONDS);
    return frames;
  }

  private URI ws(String query) {
    return URI.create(events.toString().replaceFirst("^http", "ws") + query);
  }

  private static SessionOpened opened(String channelId, String sessionId, Instant at) {
    return new SessionOpened(
        PlatformEvent.newId(),
        channelId,
        sessionId,
        UUID.randomUUID().toString(),
        ConnectorType.TELEGRAM,
        UUID.randomUUID().toString(),
        "4242",
        "552093841",
        new ClientIdentity(
            "552093841", "María García", "María", "García", "mgarcia", null, null, null, "es"),
        at);
  }

  /** The text frames one socket received, as JSON. */
  static final class Frames implements WebSocket.Listener, AutoCloseable {
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
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

    List<JsonNode> all() {
      return List.copyOf(received);
    }

    /** Waits for exactly {@code count} frames... or more, and returns the first {@code count}. */
    List<JsonNode> await(int count) {
      return awaitAtLeast(count).subList(0, count);
    }

    List<JsonNode> awaitAtLeast(int count) {
      return Awaitility.await()
          .atMost(Duration.ofSeconds(15))
          .until(this::all, frames -> frames.size() >= count);
    }

    @Override
    public void close() {
      if (socket != null) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS);
      }
    }
  }
}
