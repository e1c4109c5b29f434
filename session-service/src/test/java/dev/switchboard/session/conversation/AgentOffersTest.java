package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Platform.awaitEvent;
import static dev.switchboard.session.conversation.Platform.is;
import static dev.switchboard.session.conversation.Routing.accepted;
import static dev.switchboard.session.conversation.Routing.as;
import static dev.switchboard.session.conversation.Routing.asAgent;
import static dev.switchboard.session.conversation.Routing.assignedSession;
import static dev.switchboard.session.conversation.Routing.awaitList;
import static dev.switchboard.session.conversation.Routing.expired;
import static dev.switchboard.session.conversation.Routing.offer;
import static dev.switchboard.session.conversation.Routing.publish;
import static dev.switchboard.session.conversation.Routing.queuedSession;
import static dev.switchboard.session.conversation.Routing.withdrawn;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.WithdrawalReason;
import dev.switchboard.events.session.SessionAccepted;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, offers: routing-service's OfferMade / OfferExpired / OfferWithdrawn show up in the
 * agents' lists as OFFERED and go away again; an accepted offer becomes SessionAccepted and
 * SessionAssigned.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class AgentOffersTest {

  @Test
  void anOfferIsListedAsOfferedNextToTheAgentsSessionsAndGoesWhenItExpires() {
    String agent = TestChannel.newAgent();
    String colleague = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent, colleague);
    String mine = assignedSession(channel.newChat(), channel.id, agent);
    String waiting = queuedSession(channel.newChat(), channel.id);

    OfferMade offer = offer(waiting, channel.id, DistributionMode.STRICT_ORDER, agent);
    publish(offer);
    awaitList(agent, mine, waiting);
    asAgent(agent)
        .when()
        .get("/api/v1/agent/sessions")
        .then()
        .statusCode(200)
        .body("items.state", contains("ASSIGNED", "OFFERED"))
        .body("items[0].offerId", nullValue())
        .body("items[1].offerId", equalTo(offer.offerId()))
        .body(
            "items[1].offerExpiresAt",
            equalTo(offer.expiresAt().truncatedTo(ChronoUnit.MICROS).toString()))
        .body("items[1].channelId", equalTo(channel.id))
        .body("items[1].channelName", equalTo(channel.name))
        .body("items[1].assignedAgentId", nullValue())
        .body("items[1].client.displayName", equalTo("María García"))
        .body("items[1].lastMessage.text", equalTo("Hola, necesito ayuda"));
    // Offered to the agent only, not to the rest of the queue.
    asAgent(colleague).when().get("/api/v1/agent/sessions").then().body("items", empty());

    publish(expired(offer));
    awaitList(agent, mine);
  }

  @Test
  void aWithdrawnOfferLeavesTheListsOfTheAgentsItNamesOnly() {
    String first = TestChannel.newAgent();
    String second = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(first, second);
    String waiting = queuedSession(channel.newChat(), channel.id);
    OfferMade offer = offer(waiting, channel.id, DistributionMode.ALL, first, second);
    publish(offer);
    awaitList(first, waiting);
    awaitList(second, waiting);

    publish(withdrawn(offer, WithdrawalReason.DECLINED, second));
    awaitList(second);
    asAgent(first)
        .when()
        .get("/api/v1/agent/sessions")
        .then()
        .body("items.id", contains(waiting))
        .body("items[0].state", equalTo("OFFERED"));

    // No agents named: the whole offer goes.
    publish(withdrawn(offer, WithdrawalReason.SESSION_TRANSFERRED));
    awaitList(first);
  }

  @Test
  void anAcceptedOfferIsPublishedAsSessionAcceptedAndSessionAssignedAndLeavesTheOthersLists() {
    String winner = TestChannel.newAgent();
    String other = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(winner, other);
    String waiting = queuedSession(channel.newChat(), channel.id);
    OfferMade offer = offer(waiting, channel.id, DistributionMode.ALL, winner, other);
    publish(offer);
    awaitList(other, waiting);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      AgentAssigned decision = accepted(offer, winner);
      publish(decision);

      SessionAccepted acceptance =
          awaitEvent(events, SessionAccepted.class, e -> waiting.equals(e.sessionId()));
      assertThat(acceptance.agentId(), equalTo(winner));
      assertThat(acceptance.offerId(), equalTo(offer.offerId()));
      assertThat(acceptance.channelId(), equalTo(channel.id));
      SessionAssigned assigned =
          awaitEvent(events, SessionAssigned.class, e -> waiting.equals(e.sessionId()));
      assertThat(assigned.agentId(), equalTo(winner));
      assertThat(assigned.reason(), equalTo(AssignmentReason.OFFER_ACCEPTED));
      assertThat(assigned.causedByEventId(), equalTo(decision.id()));
      assertThat(assigned.previousAgentId(), nullValue());
    }

    // The loser's offer goes with the assignment, before routing's OfferWithdrawn arrives.
    asAgent(other).when().get("/api/v1/agent/sessions").then().body("items", empty());
    asAgent(winner)
        .when()
        .get("/api/v1/agent/sessions")
        .then()
        .body("items.id", contains(waiting))
        .body("items[0].state", equalTo("ASSIGNED"))
        .body("items[0].assignedAgentId", equalTo(winner))
        .body("items[0].offerId", nullValue());
    asAgent(winner)
        .body("{\"text\":\"¡Hola!\"}")
        .when()
        .post("/api/v1/sessions/" + waiting + "/messages")
        .then()
        .statusCode(201);
  }

  @Test
  void aRoutingEventOfANewerVersionIsSkippedNotDeadLetteredAndTheNextOneIsApplied() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    String id = Platform.newId();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ce_specversion", "1.0");
    headers.put("ce_id", id);
    headers.put("ce_type", "dev.switchboard.routing.offer-renegotiated.v9");
    headers.put("ce_source", Routing.SOURCE);
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS);
        TopicProbe deadLetters = TopicProbe.open(Topics.dlq(Topics.ROUTING_EVENTS))) {
      Platform.publishRaw(
          Topics.ROUTING_EVENTS,
          channel.id,
          headers,
          ("{\"id\":\"" + id + "\",\"channelId\":\"" + channel.id + "\"}")
              .getBytes(StandardCharsets.UTF_8));
      // Same channel, same partition: once this one is applied, the one before it was handled.
      String marker = assignedSession(channel.newChat(), channel.id, agent);
      awaitEvent(events, SessionAssigned.class, e -> marker.equals(e.sessionId()));

      assertThat(
          deadLetters.records().stream()
              .filter(r -> id.equals(TopicProbe.header(r, "ce_id")))
              .toList(),
          empty());
    }
  }

  @Test
  void aRedeliveredRoutingEventIsHandledOnceAndASettledOfferNeverComesBack() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    String waiting = queuedSession(channel.newChat(), channel.id);
    OfferMade offer = offer(waiting, channel.id, DistributionMode.STRICT_ORDER, agent);
    publish(offer);
    awaitList(agent, waiting);
    publish(expired(offer));
    awaitList(agent);

    // The same OfferMade again, and the same offer under a new event id: still expired.
    publish(offer);
    publish(
        new OfferMade(
            Platform.newId(),
            offer.channelId(),
            offer.sessionId(),
            offer.offerId(),
            offer.agentIds(),
            offer.distributionMode(),
            offer.expiresAt(),
            Instant.now()));
    OfferMade next = offer(waiting, channel.id, DistributionMode.STRICT_ORDER, agent);
    publish(next);
    // Same channel, same partition: once the next offer shows, the ones before it were handled.
    awaitList(agent, waiting);
    asAgent(agent)
        .when()
        .get("/api/v1/agent/sessions")
        .then()
        .body("items[0].offerId", equalTo(next.offerId()));

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      AgentAssigned decision = accepted(next, agent);
      publish(decision);
      publish(decision);
      String marker = assignedSession(channel.newChat(), channel.id, agent);
      awaitEvent(events, SessionAssigned.class, e -> marker.equals(e.sessionId()));

      List<String> facts =
          events.records().stream()
              .filter(r -> is(r, SessionAssigned.class) || is(r, SessionAccepted.class))
              .filter(r -> waiting.equals(TopicProbe.header(r, "ce_subject")))
              .map(r -> is(r, SessionAccepted.class) ? "accepted" : "assigned")
              .toList();
      assertThat(facts, contains("accepted", "assigned"));
    }
  }

  @Test
  void anAcceptanceForASessionClosedMeanwhileIsIgnored() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    String waiting = queuedSession(channel.newChat(), channel.id);
    OfferMade offer = offer(waiting, channel.id, DistributionMode.STRICT_ORDER, agent);
    publish(offer);
    awaitList(agent, waiting);

    as("supervisor1", "supervisor")
        .when()
        .post("/api/v1/sessions/" + waiting + "/close")
        .then()
        .statusCode(200);
    asAgent(agent).when().get("/api/v1/agent/sessions").then().body("items", empty());

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      publish(accepted(offer, agent));
      String marker = assignedSession(channel.newChat(), channel.id, agent);
      awaitEvent(events, SessionAssigned.class, e -> marker.equals(e.sessionId()));
      assertThat(
          events.records().stream()
              .filter(r -> is(r, SessionAssigned.class) || is(r, SessionAccepted.class))
              .filter(r -> waiting.equals(TopicProbe.header(r, "ce_subject")))
              .toList(),
          hasSize(0));
    }
    asAgent(agent)
        .body("{\"text\":\"Hola\"}")
        .when()
        .post("/api/v1/sessions/" + waiting + "/messages")
        .then()
        .statusCode(403);
  }

  @Test
  void anAgentHoldingAnOfferPreviewsTheMessagesButCannotAnswerUntilTheSessionIsTheirs() {
    String queued = TestChannel.newAgent();
    String outsider = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(queued);
    String waiting = queuedSession(channel.newChat(), channel.id);
    asAgent(outsider)
        .when()
        .get("/api/v1/sessions/" + waiting + "/messages")
        .then()
        .statusCode(404);

    OfferMade offer = offer(waiting, channel.id, DistributionMode.ALL, outsider);
    publish(offer);
    awaitList(outsider, waiting);
    asAgent(outsider)
        .when()
        .get("/api/v1/sessions/" + waiting + "/messages")
        .then()
        .statusCode(200)
        .body("items.text", contains("Hola, necesito ayuda"))
        .body("items[0].id", notNullValue());
    asAgent(outsider)
        .body("{\"text\":\"Hola\"}")
        .when()
        .post("/api/v1/sessions/" + waiting + "/messages")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("accept the offer first"));

    publish(withdrawn(offer, WithdrawalReason.AGENT_UNAVAILABLE, outsider));
    awaitList(outsider);
    asAgent(outsider)
        .when()
        .get("/api/v1/sessions/" + waiting + "/messages")
        .then()
        .statusCode(404);
  }
}
