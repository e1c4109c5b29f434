package dev.switchboard.gateway.agentpush;

import static dev.switchboard.gateway.support.TestSessions.opened;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.WithdrawalReason;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class OfferFramesTest {

  @TestHTTPResource("/api/v1/agent/events")
  URI events;

  @Inject SessionDirectory directory;

  @Test
  void anOfferToAllGoesToEveryAgentItNamesAndTheLosersAreToldItWasWithdrawn() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    String bob = "agent-" + UUID.randomUUID();
    String carol = "agent-" + UUID.randomUUID();
    String channelId = UUID.randomUUID().toString();
    String sessionId = UUID.randomUUID().toString();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    AgentSockets sockets = new AgentSockets(events);

    // The gateway knows the session's client from SessionOpened.
    SessionOpened opened = opened(channelId, sessionId, t0.minusSeconds(1));
    TestEvents.publish(opened);
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> directory.find(sessionId).await().indefinitely().clientId() != null);

    try (Frames annFrames = sockets.connectWithHeader(ann);
        Frames bobFrames = sockets.connectWithQueryToken(bob, "");
        Frames carolFrames = sockets.connectWithHeader(carol)) {
      OfferMade offer =
          new OfferMade(
              PlatformEvent.newId(),
              channelId,
              sessionId,
              "offer-" + UUID.randomUUID(),
              List.of(ann, bob),
              DistributionMode.ALL,
              t0.plusSeconds(60),
              t0);
      TestEvents.publish(offer);

      for (Frames frames : List.of(annFrames, bobFrames)) {
        JsonNode offered = frames.awaitType("OFFERED");
        assertThat(offered.path("id").asText(), equalTo(offer.id()));
        assertThat(offered.path("sessionId").asText(), equalTo(sessionId));
        assertThat(offered.path("at").asText(), equalTo(t0.toString()));
        JsonNode data = offered.path("data");
        assertThat(data.path("sessionId").asText(), equalTo(sessionId));
        assertThat(data.path("offerId").asText(), equalTo(offer.offerId()));
        assertThat(data.path("channelId").asText(), equalTo(channelId));
        assertThat(data.path("expiresAt").asText(), equalTo(t0.plusSeconds(60).toString()));
        assertThat(data.path("distributionMode").asText(), equalTo("ALL"));
        assertThat(data.path("client").path("id").asText(), equalTo(opened.clientId()));
        assertThat(data.path("client").path("displayName").asText(), equalTo("María García"));
      }

      // Ann accepted; routing withdraws Bob's offer.
      OfferWithdrawn withdrawn =
          new OfferWithdrawn(
              PlatformEvent.newId(),
              channelId,
              sessionId,
              offer.offerId(),
              List.of(bob),
              WithdrawalReason.ACCEPTED_BY_ANOTHER_AGENT,
              t0.plusMillis(5));
      TestEvents.publish(withdrawn);
      // A marker for Carol after it on the same channel (same partition): once Carol has it,
      // the withdrawal was handled everywhere.
      TestEvents.publish(
          new OfferMade(
              PlatformEvent.newId(),
              channelId,
              UUID.randomUUID().toString(),
              "offer-" + UUID.randomUUID(),
              List.of(carol),
              DistributionMode.ALL,
              null,
              t0.plusMillis(6)));

      JsonNode lost = bobFrames.awaitType("OFFER_WITHDRAWN");
      assertThat(lost.path("id").asText(), equalTo(withdrawn.id()));
      assertThat(lost.path("sessionId").asText(), equalTo(sessionId));
      assertThat(lost.path("data").path("offerId").asText(), equalTo(offer.offerId()));
      assertThat(lost.path("data").path("reason").asText(), equalTo("ACCEPTED_BY_ANOTHER_AGENT"));

      JsonNode carolsOffer = carolFrames.awaitType("OFFERED");
      assertThat(carolsOffer.path("data").has("expiresAt"), equalTo(false));
      assertThat(
          carolFrames.all().stream()
              .filter(f -> f.path("sessionId").asText().equals(sessionId))
              .toList(),
          empty());
      assertThat(annFrames.ofType("OFFER_WITHDRAWN"), empty());
    }
  }

  @Test
  void anExpiredOfferIsToldToItsAgentAndTheNextOfferGoesToTheNextAgent() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    String bob = "agent-" + UUID.randomUUID();
    String channelId = UUID.randomUUID().toString();
    String sessionId = UUID.randomUUID().toString();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    AgentSockets sockets = new AgentSockets(events);

    try (Frames annFrames = sockets.connectWithHeader(ann);
        Frames bobFrames = sockets.connectWithHeader(bob)) {
      OfferMade first = strictOffer(channelId, sessionId, ann, t0);
      OfferExpired expired =
          new OfferExpired(
              PlatformEvent.newId(),
              channelId,
              sessionId,
              first.offerId(),
              List.of(ann),
              t0.plusSeconds(30));
      OfferMade next = strictOffer(channelId, sessionId, bob, t0.plusSeconds(30));
      TestEvents.publish(first);
      TestEvents.publish(expired);
      TestEvents.publish(next);

      List<JsonNode> annsFrames = annFrames.await(2);
      assertThat(annsFrames.get(0).path("type").asText(), equalTo("OFFERED"));
      assertThat(annsFrames.get(1).path("type").asText(), equalTo("OFFER_EXPIRED"));
      assertThat(annsFrames.get(1).path("id").asText(), equalTo(expired.id()));
      assertThat(annsFrames.get(1).path("sessionId").asText(), equalTo(sessionId));
      assertThat(annsFrames.get(1).path("data").path("offerId").asText(), equalTo(first.offerId()));

      JsonNode bobsOffer = bobFrames.awaitType("OFFERED");
      assertThat(bobsOffer.path("data").path("offerId").asText(), equalTo(next.offerId()));
      assertThat(bobsOffer.path("data").path("distributionMode").asText(), equalTo("STRICT_ORDER"));
      assertThat(bobFrames.ofType("OFFER_EXPIRED"), empty());
    }
  }

  @Test
  void theSameOfferEventTwiceIsOneFrameLiveAndInTheReplay() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    String channelId = UUID.randomUUID().toString();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    AgentSockets sockets = new AgentSockets(events);
    OfferMade before = strictOffer(channelId, UUID.randomUUID().toString(), ann, t0);
    OfferMade offer = strictOffer(channelId, UUID.randomUUID().toString(), ann, t0.plusMillis(1));
    OfferMade marker = strictOffer(channelId, UUID.randomUUID().toString(), ann, t0.plusMillis(2));

    try (Frames live = sockets.connectWithHeader(ann)) {
      TestEvents.publish(before);
      TestEvents.publish(offer);
      TestEvents.publish(offer);
      TestEvents.publish(marker);
      Awaitility.await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () -> live.all().stream().anyMatch(f -> f.path("id").asText().equals(marker.id())));
      assertThat(
          live.all().stream().filter(f -> f.path("id").asText().equals(offer.id())).toList(),
          hasSize(1));
    }

    // A reconnect after the first frame replays the offer once, then the marker.
    try (Frames again = sockets.connectWithQueryToken(ann, "&after=" + before.id())) {
      List<JsonNode> replayed = again.await(2);
      assertThat(replayed.get(0).path("id").asText(), equalTo(offer.id()));
      assertThat(replayed.get(0).path("type").asText(), equalTo("OFFERED"));
      assertThat(replayed.get(1).path("id").asText(), equalTo(marker.id()));
    }
  }

  private static OfferMade strictOffer(
      String channelId, String sessionId, String agentId, Instant at) {
    return new OfferMade(
        PlatformEvent.newId(),
        channelId,
        sessionId,
        "offer-" + UUID.randomUUID(),
        List.of(agentId),
        DistributionMode.STRICT_ORDER,
        at.plusSeconds(30),
        at);
  }
}
