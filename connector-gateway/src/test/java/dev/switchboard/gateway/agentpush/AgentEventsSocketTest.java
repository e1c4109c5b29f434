package dev.switchboard.gateway.agentpush;

import static dev.switchboard.gateway.support.TestSessions.assigned;
import static dev.switchboard.gateway.support.TestSessions.message;
import static dev.switchboard.gateway.support.TestSessions.opened;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.CloseReason;
import dev.switchboard.events.session.ClosedBy;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionTransferred;
import dev.switchboard.gateway.support.AgentSockets;
import dev.switchboard.gateway.support.AgentSockets.Frames;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.TestEvents;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
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

    try (Frames annFrames = sockets().connectWithHeader(ann);
        Frames bobFrames = sockets().connectWithQueryToken(bob, "")) {
      SessionOpened opened = opened(channelId, sessionId, t0);
      SessionAssigned assigned =
          assigned(
              channelId, sessionId, ann, AssignmentReason.DISTRIBUTION, null, t0.plusMillis(1));
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
          assigned(
              channelId, bobSession, bob, AssignmentReason.DISTRIBUTION, null, t0.plusMillis(4)));
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
        assigned(channelId, sessionId, ann, AssignmentReason.DISTRIBUTION, null, t0);
    try (Frames first = sockets().connectWithHeader(ann)) {
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
    try (Frames bobFrames = sockets().connectWithHeader(bob)) {
      TestEvents.publish(closed);
      // A frame for Bob on the same channel, after the close: once he has it, the close was
      // handled.
      TestEvents.publish(
          assigned(
              channelId,
              UUID.randomUUID().toString(),
              bob,
              AssignmentReason.DISTRIBUTION,
              null,
              t0.plusMillis(6)));
      bobFrames.await(1);
    }

    try (Frames again = sockets().connectWithQueryToken(ann, "&after=" + assigned.id())) {
      List<JsonNode> missed = again.await(1);
      assertThat(missed.get(0).path("id").asText(), equalTo(closed.id()));
      assertThat(missed.get(0).path("type").asText(), equalTo("CLOSED"));
    }
  }

  @Test
  void aTransferTellsThePreviousAgentAndTheClientsNextMessagesGoToTheNewOne() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    String bob = "agent-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    try (Frames annFrames = sockets().connectWithHeader(ann);
        Frames bobFrames = sockets().connectWithHeader(bob)) {
      SessionOpened opened = openAndAssign(ann, t0);
      String channelId = opened.channelId();
      String sessionId = opened.sessionId();
      SessionTransferred transferred =
          new SessionTransferred(
              PlatformEvent.newId(), channelId, sessionId, ann, bob, null, ann, t0.plusMillis(2));
      TestEvents.publish(transferred);
      // Written while the session waits for Bob: nobody's.
      TestEvents.publish(message(opened, "m-queued", "¿Hola?", t0.plusMillis(3)));
      TestEvents.publish(
          assigned(channelId, sessionId, bob, AssignmentReason.TRANSFER, ann, t0.plusMillis(4)));
      TestEvents.publish(message(opened, "m-bob", "Gracias", t0.plusMillis(5)));

      List<JsonNode> anns = annFrames.await(2);
      assertThat(anns.get(1).path("type").asText(), equalTo("TRANSFERRED"));
      assertThat(anns.get(1).path("id").asText(), equalTo(transferred.id()));
      assertThat(anns.get(1).path("sessionId").asText(), equalTo(sessionId));
      assertThat(anns.get(1).path("data").path("toAgentId").asText(), equalTo(bob));
      assertThat(anns.get(1).path("data").path("transferredBy").asText(), equalTo(ann));

      List<JsonNode> bobs = bobFrames.await(2);
      assertThat(bobs.get(0).path("type").asText(), equalTo("ASSIGNED"));
      assertThat(bobs.get(0).path("data").path("previousAgentId").asText(), equalTo(ann));
      assertThat(bobs.get(1).path("type").asText(), equalTo("MESSAGE"));
      assertThat(bobs.get(1).path("data").path("messageId").asText(), equalTo("m-bob"));
      assertThat(annFrames.ofType("MESSAGE"), empty());
      // The SessionAssigned naming Ann as previous agent does not tell her a second time.
      assertThat(annFrames.ofType("TRANSFERRED"), hasSize(1));
    }
  }

  @Test
  void aSessionMovedToTheResponsiblePersonTellsThePreviousAgentAndFollowsTheNewOne()
      throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    String boss = "agent-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    try (Frames annFrames = sockets().connectWithHeader(ann);
        Frames bossFrames = sockets().connectWithHeader(boss)) {
      SessionOpened opened = openAndAssign(ann, t0);
      String channelId = opened.channelId();
      String sessionId = opened.sessionId();
      SessionAssigned moved =
          assigned(
              channelId,
              sessionId,
              boss,
              AssignmentReason.RESPONSIBLE_PERSON,
              ann,
              t0.plusMillis(2));
      TestEvents.publish(moved);
      TestEvents.publish(moved);
      TestEvents.publish(message(opened, "m-boss", "Hola jefe", t0.plusMillis(3)));

      List<JsonNode> anns = annFrames.await(2);
      assertThat(anns.get(0).path("type").asText(), equalTo("ASSIGNED"));
      assertThat(anns.get(1).path("type").asText(), equalTo("TRANSFERRED"));
      assertThat(anns.get(1).path("id").asText(), equalTo(moved.id()));
      assertThat(anns.get(1).path("sessionId").asText(), equalTo(sessionId));
      assertThat(anns.get(1).path("data").path("toAgentId").asText(), equalTo(boss));
      assertThat(anns.get(1).path("data").path("reason").asText(), equalTo("RESPONSIBLE_PERSON"));

      JsonNode bossAssigned = bossFrames.awaitType("ASSIGNED");
      assertThat(bossAssigned.path("data").path("previousAgentId").asText(), equalTo(ann));
      assertThat(bossAssigned.path("data").path("reason").asText(), equalTo("RESPONSIBLE_PERSON"));
      JsonNode bossMessage = bossFrames.awaitType("MESSAGE");
      assertThat(bossMessage.path("data").path("messageId").asText(), equalTo("m-boss"));
      assertThat(annFrames.ofType("MESSAGE"), empty());
      assertThat(annFrames.ofType("TRANSFERRED"), hasSize(1));
    }
  }

  @Test
  void anUpgradeWithoutAValidTokenIsRefusedWith401() {
    assertThat(sockets().refusedUpgrade(""), equalTo(401));
    assertThat(
        sockets()
            .refusedUpgrade("?access_token=" + TestTokens.tokenSignedByAnotherKey("x", "agent")),
        equalTo(401));
  }

  private AgentSockets sockets() {
    return new AgentSockets(events);
  }

  /** Opens María's new session and gives it to the agent (DISTRIBUTION) a millisecond later. */
  private static SessionOpened openAndAssign(String agentId, Instant t0) {
    SessionOpened opened = opened(UUID.randomUUID().toString(), UUID.randomUUID().toString(), t0);
    TestEvents.publish(opened);
    TestEvents.publish(
        assigned(
            opened.channelId(),
            opened.sessionId(),
            agentId,
            AssignmentReason.DISTRIBUTION,
            null,
            t0.plusMillis(1)));
    return opened;
  }
}
