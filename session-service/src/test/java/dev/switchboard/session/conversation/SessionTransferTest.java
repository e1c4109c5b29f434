package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Platform.awaitEvent;
import static dev.switchboard.session.conversation.Routing.as;
import static dev.switchboard.session.conversation.Routing.asAgent;
import static dev.switchboard.session.conversation.Routing.assigned;
import static dev.switchboard.session.conversation.Routing.assignedSession;
import static dev.switchboard.session.conversation.Routing.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionTransferred;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, transfers: {@code POST /api/v1/sessions/{id}/transfer} to an agent or to a channel's
 * queue, the SessionTransferred it publishes, routing's next assignment with {@code
 * previousAgentId}, and every refusal.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class SessionTransferTest {

  private static String directoryAgent(String name) {
    String agent = TestChannel.newAgent();
    Platform.publish(Platform.agent(agent, name, null));
    Platform.awaitAgentCopy(agent);
    return agent;
  }

  private static String transferPath(String sessionId) {
    return "/api/v1/sessions/" + sessionId + "/transfer";
  }

  @Test
  void theAgentTransfersTheSessionToAColleagueWhoGetsItWithTheAgentBeforeNamed() {
    String agent = TestChannel.newAgent();
    String colleague = directoryAgent("Luis Ortega");
    TestChannel channel = TestChannel.withQueue(agent);
    String sessionId = assignedSession(channel.newChat(), channel.id, agent);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      String eventId =
          asAgent(agent)
              .body("{\"toAgentId\":\"" + colleague + "\"}")
              .when()
              .post(transferPath(sessionId))
              .then()
              .statusCode(202)
              .body("sessionId", equalTo(sessionId))
              .body("state", equalTo("QUEUED"))
              .body("channelId", equalTo(channel.id))
              .body("fromAgentId", equalTo(agent))
              .body("toAgentId", equalTo(colleague))
              .body("toChannelId", nullValue())
              .body("transferredBy", equalTo(agent))
              .extract()
              .path("eventId");

      SessionTransferred transferred =
          awaitEvent(events, SessionTransferred.class, e -> sessionId.equals(e.sessionId()));
      assertThat(transferred.id(), equalTo(eventId));
      assertThat(transferred.channelId(), equalTo(channel.id));
      assertThat(transferred.fromAgentId(), equalTo(agent));
      assertThat(transferred.toAgentId(), equalTo(colleague));
      assertThat(transferred.toChannelId(), nullValue());
      assertThat(transferred.transferredBy(), equalTo(agent));

      // The agent no longer has it: not in their list, no replies.
      asAgent(agent).when().get("/api/v1/agent/sessions").then().body("items", empty());
      asAgent(agent)
          .body("{\"text\":\"¿Sigues ahí?\"}")
          .when()
          .post("/api/v1/sessions/" + sessionId + "/messages")
          .then()
          .statusCode(403);

      AgentAssigned decision =
          assigned(sessionId, channel.id, colleague, AssignmentReason.TRANSFER, null);
      publish(decision);
      SessionAssigned assigned =
          awaitEvent(events, SessionAssigned.class, e -> sessionId.equals(e.sessionId()));
      assertThat(assigned.agentId(), equalTo(colleague));
      assertThat(assigned.reason(), equalTo(AssignmentReason.TRANSFER));
      assertThat(assigned.previousAgentId(), equalTo(agent));
      assertThat(assigned.causedByEventId(), equalTo(decision.id()));
    }
    asAgent(colleague)
        .when()
        .get("/api/v1/agent/sessions")
        .then()
        .body("items.id", containsInAnyOrder(sessionId))
        .body("items[0].state", equalTo("ASSIGNED"));
    asAgent(colleague)
        .body("{\"text\":\"Soy Luis, sigo yo\"}")
        .when()
        .post("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(201)
        .body("authorName", equalTo("Luis Ortega"));
  }

  @Test
  void anAssignedSessionMovedToTheResponsiblePersonIsRecordedOnceWithTheAgentBeforeNamed() {
    String agent = TestChannel.newAgent();
    String boss = TestChannel.newAgent();
    String stranger = TestChannel.newAgent();
    String marker = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    String sessionId = assignedSession(channel.newChat(), channel.id, agent);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      AgentAssigned decision =
          assigned(sessionId, channel.id, boss, AssignmentReason.RESPONSIBLE_PERSON, null);
      publish(decision);
      SessionAssigned moved =
          awaitEvent(events, SessionAssigned.class, e -> sessionId.equals(e.sessionId()));
      assertThat(moved.agentId(), equalTo(boss));
      assertThat(moved.reason(), equalTo(AssignmentReason.RESPONSIBLE_PERSON));
      assertThat(moved.previousAgentId(), equalTo(agent));
      assertThat(moved.causedByEventId(), equalTo(decision.id()));

      // Repeats (same event, another event naming the same agent) and a plain distribution of an
      // assigned session change nothing; a later responsible-person move marks the end.
      publish(decision);
      publish(assigned(sessionId, channel.id, boss, AssignmentReason.RESPONSIBLE_PERSON, null));
      publish(assigned(sessionId, channel.id, stranger, AssignmentReason.DISTRIBUTION, null));
      publish(assigned(sessionId, channel.id, marker, AssignmentReason.RESPONSIBLE_PERSON, null));
      awaitEvent(
          events,
          SessionAssigned.class,
          e -> sessionId.equals(e.sessionId()) && marker.equals(e.agentId()));
      List<String> agents =
          events.records().stream()
              .filter(r -> Platform.is(r, SessionAssigned.class))
              .map(r -> Platform.read(r, SessionAssigned.class))
              .filter(e -> sessionId.equals(e.sessionId()))
              .map(SessionAssigned::agentId)
              .toList();
      assertThat(agents, equalTo(List.of(boss, marker)));
    }
    asAgent(agent).when().get("/api/v1/agent/sessions").then().body("items", empty());
    asAgent(marker)
        .when()
        .get("/api/v1/agent/sessions")
        .then()
        .body("items.id", containsInAnyOrder(sessionId))
        .body("items[0].state", equalTo("ASSIGNED"));
  }

  @Test
  void aSupervisorTransfersTheSessionToAnotherChannelsQueueWhereTheClientsNextMessageFollowsIt() {
    String agent = TestChannel.newAgent();
    String sales = TestChannel.newAgent();
    TestChannel support = TestChannel.withQueue(agent);
    TestChannel salesChannel = TestChannel.withQueue(sales);
    TestChannel.Chat chat = support.newChat();
    String sessionId = assignedSession(chat, support.id, agent);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      as("supervisor1", "supervisor")
          .body("{\"toChannelId\":\"" + salesChannel.id + "\"}")
          .when()
          .post(transferPath(sessionId))
          .then()
          .statusCode(202)
          .body("state", equalTo("QUEUED"))
          .body("channelId", equalTo(salesChannel.id))
          .body("fromAgentId", equalTo(agent))
          .body("toAgentId", nullValue())
          .body("toChannelId", equalTo(salesChannel.id))
          .body("transferredBy", equalTo("supervisor1"));
      SessionTransferred transferred =
          awaitEvent(events, SessionTransferred.class, e -> sessionId.equals(e.sessionId()));
      assertThat(transferred.channelId(), equalTo(support.id));
      assertThat(transferred.toChannelId(), equalTo(salesChannel.id));
      assertThat(transferred.toAgentId(), nullValue());
      assertThat(transferred.transferredBy(), equalTo("supervisor1"));

      // The client keeps writing through the support connector: the message joins the session.
      chat.says("¿Hola?");
      ClientMessageReceived received =
          awaitEvent(events, ClientMessageReceived.class, e -> "¿Hola?".equals(e.text()));
      assertThat(received.sessionId(), equalTo(sessionId));
      assertThat(received.channelId(), equalTo(salesChannel.id));
      assertThat(
          events.records().stream()
              .filter(r -> Platform.is(r, SessionOpened.class))
              .map(r -> Platform.read(r, SessionOpened.class))
              .filter(e -> support.id.equals(e.channelId()))
              .toList(),
          empty());

      publish(assigned(sessionId, salesChannel.id, sales, AssignmentReason.DISTRIBUTION, null));
      SessionAssigned assigned =
          awaitEvent(events, SessionAssigned.class, e -> sessionId.equals(e.sessionId()));
      assertThat(assigned.channelId(), equalTo(salesChannel.id));
      assertThat(assigned.agentId(), equalTo(sales));
      assertThat(assigned.previousAgentId(), equalTo(agent));
    }
    asAgent(sales)
        .when()
        .get("/api/v1/agent/sessions")
        .then()
        .body("items.id", containsInAnyOrder(sessionId))
        .body("items[0].channelName", equalTo(salesChannel.name))
        .body("items[0].lastMessage.text", equalTo("¿Hola?"));
  }

  @Test
  void aTransferNamesExactlyOneTargetElseTheAnswerNamesTheFields() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    String sessionId = assignedSession(channel.newChat(), channel.id, agent);

    for (String body :
        List.of(
            "{}",
            "{\"toAgentId\":\"  \"}",
            "{\"toAgentId\":\"a\",\"toChannelId\":\"" + channel.id + "\"}")) {
      asAgent(agent)
          .body(body)
          .when()
          .post(transferPath(sessionId))
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", containsInAnyOrder("toAgentId", "toChannelId"));
    }
  }

  @Test
  void anUnknownAgentOrAnUnknownOrInactiveChannelIsRefusedNamingItsField() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    String sessionId = assignedSession(channel.newChat(), channel.id, agent);
    String inactive = Platform.newId();
    Platform.publish(Platform.channel(inactive, 1, "Closed desk", false, List.of(agent)));
    Platform.awaitChannelCopy(inactive, 1);

    asAgent(agent)
        .body("{\"toAgentId\":\"" + TestChannel.newAgent() + "\"}")
        .when()
        .post(transferPath(sessionId))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("toAgentId"));
    for (String target : List.of(Platform.newId(), inactive)) {
      asAgent(agent)
          .body("{\"toChannelId\":\"" + target + "\"}")
          .when()
          .post(transferPath(sessionId))
          .then()
          .statusCode(400)
          .body("errors[0].field", equalTo("toChannelId"));
    }
    // Nothing happened: the session is still the agent's.
    asAgent(agent)
        .when()
        .get("/api/v1/agent/sessions")
        .then()
        .body("items.id", containsInAnyOrder(sessionId))
        .body("items[0].state", equalTo("ASSIGNED"));
  }

  @Test
  void onlyTheSessionsAgentOrASupervisorTransfersIt() {
    String agent = TestChannel.newAgent();
    String colleague = directoryAgent("Colega");
    TestChannel channel = TestChannel.withQueue(agent, colleague);
    String sessionId = assignedSession(channel.newChat(), channel.id, agent);

    asAgent(colleague)
        .body("{\"toAgentId\":\"" + colleague + "\"}")
        .when()
        .post(transferPath(sessionId))
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .contentType("application/json")
        .body("{\"toAgentId\":\"" + colleague + "\"}")
        .when()
        .post(transferPath(sessionId))
        .then()
        .statusCode(401);
    as("someone", "visitor")
        .body("{\"toAgentId\":\"" + colleague + "\"}")
        .when()
        .post(transferPath(sessionId))
        .then()
        .statusCode(403);
    as("admin1", "admin")
        .body("{\"toAgentId\":\"" + colleague + "\"}")
        .when()
        .post(transferPath(sessionId))
        .then()
        .statusCode(202)
        .body("transferredBy", equalTo("admin1"));
  }

  @Test
  void anUnknownSessionIsNotFound() {
    String colleague = directoryAgent("Colega");
    for (String id : List.of(Platform.newId(), "not-a-uuid")) {
      as("supervisor1", "supervisor")
          .body("{\"toAgentId\":\"" + colleague + "\"}")
          .when()
          .post(transferPath(id))
          .then()
          .statusCode(404)
          .contentType("application/problem+json");
    }
  }

  @Test
  void aSessionThatIsNotAssignedOrAlreadyTheTargetsIsAConflict() {
    String agent = TestChannel.newAgent();
    Platform.publish(Platform.agent(agent, "Ana", null));
    Platform.awaitAgentCopy(agent);
    String colleague = directoryAgent("Colega");
    TestChannel channel = TestChannel.withQueue(agent, colleague);
    String sessionId = assignedSession(channel.newChat(), channel.id, agent);

    // To the agent who has it.
    asAgent(agent)
        .body("{\"toAgentId\":\"" + agent + "\"}")
        .when()
        .post(transferPath(sessionId))
        .then()
        .statusCode(409)
        .body("currentState", equalTo("ASSIGNED"));

    // Transferred once: it waits (QUEUED) and cannot be transferred again until assigned.
    asAgent(agent)
        .body("{\"toAgentId\":\"" + colleague + "\"}")
        .when()
        .post(transferPath(sessionId))
        .then()
        .statusCode(202);
    as("supervisor1", "supervisor")
        .body("{\"toChannelId\":\"" + channel.id + "\"}")
        .when()
        .post(transferPath(sessionId))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("currentState", equalTo("QUEUED"));

    // A waiting session a supervisor closes is CLOSED: no transfer either.
    as("supervisor1", "supervisor")
        .when()
        .post("/api/v1/sessions/" + sessionId + "/close")
        .then()
        .statusCode(200);
    as("supervisor1", "supervisor")
        .body("{\"toAgentId\":\"" + colleague + "\"}")
        .when()
        .post(transferPath(sessionId))
        .then()
        .statusCode(409)
        .body("currentState", equalTo("CLOSED"))
        .body("detail", notNullValue());
  }
}
