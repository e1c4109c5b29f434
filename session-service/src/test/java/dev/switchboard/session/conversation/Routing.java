package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Platform.awaitEvent;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.NoAgentReason;
import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.WithdrawalReason;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.testkit.TestEvents;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What routing-service would publish on {@code oc.routing.events.v1} (with platform-testkit's
 * TestEvents), and the steps the offer and transfer tests share.
 */
final class Routing {

  static final String SOURCE = "/switchboard/routing-service";

  static final Duration WAIT = Duration.ofSeconds(30);

  private Routing() {}

  static RequestSpecification as(String user, String... roles) {
    return given()
        .header("Authorization", "Bearer " + TestTokens.token(user, roles))
        .contentType("application/json");
  }

  static RequestSpecification asAgent(String agentId) {
    return as(agentId, "agent");
  }

  /** Waits until the ids of the agent's list ({@code GET /api/v1/agent/sessions}) are these. */
  static void awaitList(String agent, String... expected) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                asAgent(agent)
                    .when()
                    .get("/api/v1/agent/sessions")
                    .then()
                    .statusCode(200)
                    .extract()
                    .<List<String>>path("items.id")
                    .equals(List.of(expected)));
  }

  /** The agent answers in the session. */
  static ValidatableResponse reply(String agent, String sessionId, String text) {
    return asAgent(agent)
        .body(new JsonObject().put("text", text).encode())
        .when()
        .post("/api/v1/sessions/" + sessionId + "/messages")
        .then();
  }

  static void publish(PlatformEvent event) {
    TestEvents.publish(event, SOURCE);
  }

  /** The client writes; the session opens and waits. */
  static String queuedSession(TestChannel.Chat chat, String channelId) {
    return queuedSession(chat, channelId, "Hola, necesito ayuda");
  }

  /** The client writes this text; the session it opens (or joins, in the channel). */
  static String queuedSession(TestChannel.Chat chat, String channelId, String text) {
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      chat.says(text);
      return awaitEvent(events, SessionOpened.class, e -> channelId.equals(e.channelId()))
          .sessionId();
    }
  }

  /** The client writes; routing gives the session to {@code agentId} (EVENLY). */
  static String assignedSession(TestChannel.Chat chat, String channelId, String agentId) {
    String sessionId = queuedSession(chat, channelId);
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      publish(assigned(sessionId, channelId, agentId, AssignmentReason.DISTRIBUTION, null));
      awaitEvent(events, SessionAssigned.class, e -> sessionId.equals(e.sessionId()));
    }
    return sessionId;
  }

  static OfferMade offer(
      String sessionId, String channelId, DistributionMode mode, String... agentIds) {
    return new OfferMade(
        PlatformEvent.newId(),
        channelId,
        sessionId,
        "offer-" + PlatformEvent.newId(),
        List.of(agentIds),
        mode,
        Instant.now().plusSeconds(60),
        Instant.now());
  }

  static OfferExpired expired(OfferMade offer) {
    return new OfferExpired(
        PlatformEvent.newId(),
        offer.channelId(),
        offer.sessionId(),
        offer.offerId(),
        offer.agentIds(),
        Instant.now());
  }

  static OfferWithdrawn withdrawn(OfferMade offer, WithdrawalReason reason, String... agentIds) {
    return new OfferWithdrawn(
        PlatformEvent.newId(),
        offer.channelId(),
        offer.sessionId(),
        offer.offerId(),
        List.of(agentIds),
        reason,
        Instant.now());
  }

  static AgentAssigned accepted(OfferMade offer, String agentId) {
    return assigned(
        offer.sessionId(),
        offer.channelId(),
        agentId,
        AssignmentReason.OFFER_ACCEPTED,
        offer.offerId());
  }

  static AgentAssigned assigned(
      String sessionId, String channelId, String agentId, AssignmentReason reason, String offerId) {
    return new AgentAssigned(
        PlatformEvent.newId(), channelId, sessionId, agentId, reason, offerId, Instant.now());
  }

  static NoAgentAvailable noAgent(String sessionId, String channelId, NoAgentReason reason) {
    return new NoAgentAvailable(PlatformEvent.newId(), channelId, sessionId, reason, Instant.now());
  }
}
