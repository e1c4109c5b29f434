package dev.switchboard.gateway.agentpush;

import static dev.switchboard.gateway.support.TestSessions.assigned;
import static dev.switchboard.gateway.support.TestSessions.message;
import static dev.switchboard.gateway.support.TestSessions.opened;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.session.ClientErased;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.gateway.agentpush.store.SessionDirectory;
import dev.switchboard.gateway.support.AgentSockets;
import dev.switchboard.gateway.support.AgentSockets.Frames;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.TestEvents;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 12, erasure (GDPR Art. 17): the gateway's copies of an erased client's session. */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class ClientErasedTest {

  @TestHTTPResource("/api/v1/agent/events")
  URI events;

  @Inject SessionDirectory directory;

  @Test
  void anErasedClientsSessionLeavesTheDirectoryAndTheAgentsReplayLog() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    String channelId = UUID.randomUUID().toString();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String secret = "my card is " + UUID.randomUUID();
    SessionOpened erased = opened(channelId, UUID.randomUUID().toString(), t0);
    SessionOpened kept = opened(channelId, UUID.randomUUID().toString(), t0.plusMillis(3));
    try (Frames frames = sockets().connectWithHeader(ann)) {
      TestEvents.publish(erased);
      TestEvents.publish(
          assigned(
              channelId,
              erased.sessionId(),
              ann,
              AssignmentReason.DISTRIBUTION,
              null,
              t0.plusMillis(1)));
      TestEvents.publish(message(erased, "m-1", secret, t0.plusMillis(2)));
      TestEvents.publish(kept);
      TestEvents.publish(
          assigned(
              channelId,
              kept.sessionId(),
              ann,
              AssignmentReason.DISTRIBUTION,
              null,
              t0.plusMillis(4)));
      frames.await(3);
    }
    assertThat(
        directory.find(erased.sessionId()).await().indefinitely().clientDisplayName(),
        equalTo("María García"));

    TestEvents.publish(
        new ClientErased(
            PlatformEvent.newId(),
            channelId,
            erased.sessionId(),
            erased.clientId(),
            t0.plusMillis(5)));
    // A frame on the same channel after the erasure: once Ann has it, the erasure was handled.
    try (Frames frames = sockets().connectWithHeader(ann)) {
      TestEvents.publish(message(kept, "m-2", "still here", t0.plusMillis(6)));
      frames.awaitType("MESSAGE");
    }

    assertThat(
        directory.find(erased.sessionId()).await().indefinitely().clientDisplayName(), nullValue());
    try (Frames replay = sockets().connectWithQueryToken(ann, "&after=" + UUID.randomUUID())) {
      List<JsonNode> all = replay.awaitAtLeast(2);
      assertThat(
          all.stream().map(f -> f.path("sessionId").asText()).toList(),
          everyItem(equalTo(kept.sessionId())));
      assertThat(
          all.stream().map(JsonNode::toString).toList(), everyItem(not(containsString(secret))));
    }
  }

  private AgentSockets sockets() {
    return new AgentSockets(events);
  }
}
