package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Platform.awaitEvent;
import static dev.switchboard.session.conversation.Platform.is;
import static dev.switchboard.session.conversation.Routing.accepted;
import static dev.switchboard.session.conversation.Routing.as;
import static dev.switchboard.session.conversation.Routing.asAgent;
import static dev.switchboard.session.conversation.Routing.awaitList;
import static dev.switchboard.session.conversation.Routing.expired;
import static dev.switchboard.session.conversation.Routing.offer;
import static dev.switchboard.session.conversation.Routing.publish;
import static dev.switchboard.session.conversation.Routing.queuedSession;
import static dev.switchboard.session.conversation.Routing.reply;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.session.AgentMessageSent;
import dev.switchboard.events.session.SessionAccepted;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Q3, "the agent who answers the client takes the offer", as far as it runs without
 * routing-service: here its URL is a closed port (routing-service is the arbiter and is not mocked;
 * the whole path with it is e2e-tests' OffersAndTransfersIT). A reply that needs routing's accept
 * is a 503 that changes nothing; an ALL offer must be accepted first; no offer is a 403; once
 * routing's acceptance is recorded the reply is a plain one.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class ReplyTakesOfferTest {

  /** The texts of the session's messages, read by a supervisor. */
  private static List<String> texts(String sessionId) {
    return as("supervisor1", "supervisor")
        .when()
        .get("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(200)
        .extract()
        .path("items.text");
  }

  /**
   * A supervisor closes the session; once its SessionClosed is on the topic (same channel, same
   * partition, one outbox in order), every event stored before it is there too. The session's
   * events on the probe, by type.
   */
  private static List<String> eventsUntilClosed(TopicProbe events, String sessionId) {
    as("supervisor1", "supervisor")
        .when()
        .post("/api/v1/sessions/" + sessionId + "/close")
        .then()
        .statusCode(200);
    awaitEvent(events, SessionClosed.class, e -> sessionId.equals(e.sessionId()));
    return events.records().stream()
        .filter(r -> sessionId.equals(TopicProbe.header(r, "ce_subject")))
        .map(
            r ->
                is(r, SessionAccepted.class)
                    ? "accepted"
                    : is(r, SessionAssigned.class)
                        ? "assigned"
                        : is(r, AgentMessageSent.class)
                            ? "replied"
                            : is(r, SessionClosed.class) ? "closed" : "other")
        .toList();
  }

  @Test
  void aReplyThatWouldTakeAStrictOrderOfferIs503WhileRoutingIsUnreachableAndStoresNothing() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    String waiting = queuedSession(channel.newChat(), channel.id);
    OfferMade offer = offer(waiting, channel.id, DistributionMode.STRICT_ORDER, agent);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      publish(offer);
      awaitList(agent, waiting);

      reply(agent, waiting, "¡Hola! Soy Ana")
          .statusCode(503)
          .contentType("application/problem+json")
          .body("status", equalTo(503))
          .body("detail", equalTo("routing-service is unavailable; try again"));

      // Nothing stored: the session still waits, offered to the agent, with the client's message
      // only; no assignment, no reply went out.
      asAgent(agent)
          .when()
          .get("/api/v1/agent/sessions")
          .then()
          .body("items.id", contains(waiting))
          .body("items[0].state", equalTo("OFFERED"))
          .body("items[0].offerId", equalTo(offer.offerId()))
          .body("items[0].lastMessage.text", equalTo("Hola, necesito ayuda"));
      assertThat(texts(waiting), contains("Hola, necesito ayuda"));
      assertThat(eventsUntilClosed(events, waiting), contains("closed"));
    }
  }

  @Test
  void anOpenAllOfferMustBeAcceptedBeforeReplying() {
    String agent = TestChannel.newAgent();
    String colleague = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent, colleague);
    String waiting = queuedSession(channel.newChat(), channel.id);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      publish(offer(waiting, channel.id, DistributionMode.ALL, agent, colleague));
      awaitList(agent, waiting);

      reply(agent, waiting, "¡Hola!")
          .statusCode(409)
          .contentType("application/problem+json")
          .body("detail", containsString("accept the offer first"))
          .body("currentState", equalTo("QUEUED"));

      assertThat(texts(waiting), contains("Hola, necesito ayuda"));
      assertThat(eventsUntilClosed(events, waiting), contains("closed"));
    }
  }

  @Test
  void withoutAnOpenOfferAReplyInAWaitingSessionIs403() {
    String agent = TestChannel.newAgent();
    String colleague = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent, colleague);
    String waiting = queuedSession(channel.newChat(), channel.id);
    OfferMade offer = offer(waiting, channel.id, DistributionMode.STRICT_ORDER, agent);
    publish(offer);
    awaitList(agent, waiting);

    // In the queue, but the offer is the colleague's.
    reply(colleague, waiting, "Yo te atiendo")
        .statusCode(403)
        .contentType("application/problem+json");

    // An expired offer takes nothing either.
    publish(expired(offer));
    awaitList(agent);
    reply(agent, waiting, "¡Hola!").statusCode(403);
    assertThat(texts(waiting), contains("Hola, necesito ayuda"));
  }

  @Test
  void onceRoutingsAcceptanceIsRecordedTheOfferedAgentsReplyIsAPlainOne() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    TestChannel.Chat chat = channel.newChat();
    String waiting = queuedSession(chat, channel.id);
    OfferMade offer = offer(waiting, channel.id, DistributionMode.STRICT_ORDER, agent);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS);
        TopicProbe outbound = TopicProbe.open(Topics.OUTBOUND_MESSAGES)) {
      publish(offer);
      awaitList(agent, waiting);
      AgentAssigned decision = accepted(offer, agent);
      publish(decision);
      SessionAssigned assigned =
          awaitEvent(events, SessionAssigned.class, e -> waiting.equals(e.sessionId()));
      assertThat(assigned.reason(), equalTo(AssignmentReason.OFFER_ACCEPTED));
      assertThat(assigned.causedByEventId(), equalTo(decision.id()));

      // Assigned already: no accept to ask for (routing-service is unreachable here).
      reply(agent, waiting, "¡Hola! Soy Ana")
          .statusCode(201)
          .body("authorType", equalTo("AGENT"))
          .body("authorId", equalTo(agent));

      OutboundMessageRequested delivery =
          awaitEvent(outbound, OutboundMessageRequested.class, e -> waiting.equals(e.sessionId()));
      assertThat(delivery.kind(), equalTo(OutboundMessageKind.AGENT_REPLY));
      assertThat(delivery.text(), equalTo("¡Hola! Soy Ana"));
      assertThat(delivery.externalChatId(), equalTo(chat.chatId));
      assertThat(
          eventsUntilClosed(events, waiting),
          contains("accepted", "assigned", "replied", "closed"));
    }
    asAgent(agent).when().get("/api/v1/agent/sessions").then().body("items", empty());
  }
}
