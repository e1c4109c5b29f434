package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Platform.awaitEvent;
import static dev.switchboard.session.conversation.Platform.is;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.session.AgentMessageSent;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.CloseReason;
import dev.switchboard.events.session.ClosedBy;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * First-conversation steps 4, 5 and 7 and the agents' REST API: assignment, listing, reading,
 * replying, closing, and who may do which.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class AgentSessionsApiTest {

  private static RequestSpecification as(String user, String... roles) {
    return given()
        .header("Authorization", "Bearer " + TestTokens.token(user, roles))
        .contentType("application/json");
  }

  private static RequestSpecification asAgent(String agentId) {
    return as(agentId, "agent");
  }

  /** The client writes; the session opens; routing gives it to {@code agentId}. */
  private static String assignedSession(TestChannel.Chat chat, String channelId, String agentId) {
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      chat.says("Hola, necesito ayuda");
      SessionOpened opened =
          awaitEvent(events, SessionOpened.class, e -> channelId.equals(e.channelId()));
      assign(opened.sessionId(), channelId, agentId);
      awaitEvent(events, SessionAssigned.class, e -> opened.sessionId().equals(e.sessionId()));
      return opened.sessionId();
    }
  }

  private static AgentAssigned assign(String sessionId, String channelId, String agentId) {
    AgentAssigned decision =
        new AgentAssigned(
            PlatformEvent.newId(),
            channelId,
            sessionId,
            agentId,
            AssignmentReason.DISTRIBUTION,
            null,
            Instant.now());
    Platform.publish(decision);
    return decision;
  }

  @Test
  void agentAssignedGivesTheSessionToTheAgentWhoListsItWithClientChannelAndLastMessage() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    TestChannel.Chat chat = channel.newChat();
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      chat.says("Hola, necesito ayuda");
      SessionOpened opened =
          awaitEvent(events, SessionOpened.class, e -> channel.id.equals(e.channelId()));
      AgentAssigned decision = assign(opened.sessionId(), channel.id, agent);

      SessionAssigned assigned =
          awaitEvent(events, SessionAssigned.class, e -> opened.sessionId().equals(e.sessionId()));
      assertThat(assigned.agentId(), equalTo(agent));
      assertThat(assigned.reason(), equalTo(AssignmentReason.DISTRIBUTION));
      assertThat(assigned.causedByEventId(), equalTo(decision.id()));
      assertThat(assigned.channelId(), equalTo(channel.id));
    }

    asAgent(agent)
        .when()
        .get("/api/v1/agent/sessions")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("nextCursor", nullValue())
        .body("items[0].channelId", equalTo(channel.id))
        .body("items[0].channelName", equalTo(channel.name))
        .body("items[0].state", equalTo("ASSIGNED"))
        .body("items[0].assignedAgentId", equalTo(agent))
        .body("items[0].client.displayName", equalTo("María García"))
        .body("items[0].client.connectorType", equalTo("telegram"))
        .body("items[0].client.id", notNullValue())
        .body("items[0].openedAt", notNullValue())
        .body("items[0].closedAt", nullValue())
        .body("items[0].lastMessage.text", equalTo("Hola, necesito ayuda"))
        .body("items[0].lastMessage.authorType", equalTo("CLIENT"))
        .body("items[0].lastMessage.at", notNullValue());
  }

  @Test
  void aRedeliveredOrLateAssignmentChangesNothing() {
    String agent = TestChannel.newAgent();
    String other = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent, other);
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      channel.newChat().says("Hola");
      String sessionId =
          awaitEvent(events, SessionOpened.class, e -> channel.id.equals(e.channelId()))
              .sessionId();
      AgentAssigned decision = assign(sessionId, channel.id, agent);
      awaitEvent(events, SessionAssigned.class, e -> sessionId.equals(e.sessionId()));

      Platform.publish(decision);
      assign(sessionId, channel.id, other);
      // Same channel, same partition: once this one is recorded, the two before it were handled.
      String marker = assignedSession(channel.newChat(), channel.id, other);
      awaitEvent(events, SessionAssigned.class, e -> marker.equals(e.sessionId()));

      assertThat(
          events.records().stream()
              .filter(r -> is(r, SessionAssigned.class))
              .map(r -> Platform.read(r, SessionAssigned.class))
              .filter(e -> e.sessionId().equals(sessionId) || e.sessionId().equals(marker))
              .map(SessionAssigned::agentId)
              .toList(),
          contains(agent, other));
      asAgent(agent)
          .when()
          .get("/api/v1/agent/sessions")
          .then()
          .statusCode(200)
          .body("items.id", contains(sessionId));
      asAgent(other)
          .when()
          .get("/api/v1/agent/sessions")
          .then()
          .statusCode(200)
          .body("items.id", contains(marker));
    }
  }

  @Test
  void theMessagesOfASessionAreListedInOrderAPageAtATime() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    TestChannel.Chat chat = channel.newChat();
    String sessionId = assignedSession(chat, channel.id, agent);
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      chat.says("uno");
      chat.says("dos");
      chat.says("tres");
      awaitEvent(
          events,
          ClientMessageReceived.class,
          e -> sessionId.equals(e.sessionId()) && "tres".equals(e.text()));
    }

    asAgent(agent)
        .when()
        .get("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(200)
        .body("items.text", contains("Hola, necesito ayuda", "uno", "dos", "tres"))
        .body("items[0].sessionId", equalTo(sessionId))
        .body("items[0].authorType", equalTo("CLIENT"))
        .body("items[0].authorName", equalTo("María García"))
        .body("items[0].authorId", notNullValue())
        .body("items[0].id", notNullValue())
        .body("items[0].at", notNullValue())
        .body("nextCursor", nullValue());

    ExtractableResponse<Response> first =
        asAgent(agent)
            .when()
            .get("/api/v1/sessions/" + sessionId + "/messages?limit=3")
            .then()
            .statusCode(200)
            .body("items.text", contains("Hola, necesito ayuda", "uno", "dos"))
            .body("nextCursor", notNullValue())
            .extract();
    asAgent(agent)
        .queryParam("limit", 3)
        .queryParam("cursor", first.<String>path("nextCursor"))
        .when()
        .get("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(200)
        .body("items.text", contains("tres"))
        .body("nextCursor", nullValue());
  }

  @Test
  void theAssignedAgentsReplyIsStoredAndRequestedForDeliveryToTheClientsChat() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    Platform.publish(Platform.agent(agent, "Ana Pérez", "https://cdn.example.com/ana.png"));
    Platform.awaitAgentCopy(agent);
    TestChannel.Chat chat = channel.newChat();
    String sessionId = assignedSession(chat, channel.id, agent);

    try (TopicProbe outbound = TopicProbe.open(Topics.OUTBOUND_MESSAGES);
        TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      ExtractableResponse<Response> created =
          asAgent(agent)
              .body("{\"text\":\"¡Hola! ¿En qué puedo ayudarte?\"}")
              .when()
              .post("/api/v1/sessions/" + sessionId + "/messages")
              .then()
              .statusCode(201)
              .body("sessionId", equalTo(sessionId))
              .body("authorType", equalTo("AGENT"))
              .body("authorId", equalTo(agent))
              .body("authorName", equalTo("Ana Pérez"))
              .body("text", equalTo("¡Hola! ¿En qué puedo ayudarte?"))
              .body("at", notNullValue())
              .extract();
      String messageId = created.path("id");
      assertThat(
          created.header("Location"),
          endsWith("/api/v1/sessions/" + sessionId + "/messages/" + messageId));

      var record = outbound.await(r -> chat.key().equals(r.key()));
      OutboundMessageRequested reply = Platform.read(record, OutboundMessageRequested.class);
      assertThat(reply.kind(), equalTo(OutboundMessageKind.AGENT_REPLY));
      assertThat(reply.channelId(), equalTo(channel.id));
      assertThat(reply.sessionId(), equalTo(sessionId));
      assertThat(reply.messageId(), equalTo(messageId));
      assertThat(reply.connectorType(), equalTo(ConnectorType.TELEGRAM));
      assertThat(reply.connectorId(), equalTo(channel.connectorId));
      assertThat(reply.accountId(), equalTo(channel.accountId));
      assertThat(reply.externalChatId(), equalTo(chat.chatId));
      assertThat(reply.text(), equalTo("¡Hola! ¿En qué puedo ayudarte?"));
      assertThat(reply.sender().agentId(), equalTo(agent));
      assertThat(reply.sender().displayName(), equalTo("Ana Pérez"));
      assertThat(reply.sender().avatarUrl(), equalTo("https://cdn.example.com/ana.png"));
      assertThat(TopicProbe.header(record, "ce_subject"), equalTo(sessionId));

      AgentMessageSent sent =
          awaitEvent(events, AgentMessageSent.class, e -> sessionId.equals(e.sessionId()));
      assertThat(sent.messageId(), equalTo(messageId));
      assertThat(sent.agentId(), equalTo(agent));
    }

    asAgent(agent)
        .when()
        .get("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(200)
        .body("items.authorType", contains("CLIENT", "AGENT"));
    asAgent(agent)
        .when()
        .get("/api/v1/agent/sessions")
        .then()
        .body("items[0].lastMessage.authorType", equalTo("AGENT"));
  }

  @Test
  void aReplyIsSignedWithTheAgentsIdWhenTheDirectoryHasNoEntryForThem() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    TestChannel.Chat chat = channel.newChat();
    String sessionId = assignedSession(chat, channel.id, agent);
    try (TopicProbe outbound = TopicProbe.open(Topics.OUTBOUND_MESSAGES)) {
      asAgent(agent)
          .body("{\"text\":\"Hola\"}")
          .when()
          .post("/api/v1/sessions/" + sessionId + "/messages")
          .then()
          .statusCode(201)
          .body("authorName", equalTo(agent));
      OutboundMessageRequested reply =
          Platform.read(
              outbound.await(r -> chat.key().equals(r.key())), OutboundMessageRequested.class);
      assertThat(reply.sender().displayName(), equalTo(agent));
    }
  }

  @Test
  void theCallerIsTheTokensSubjectAndTheTokensNameSignsAReplyWithoutADirectoryEntry()
      throws Exception {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    TestChannel.Chat chat = channel.newChat();
    String sessionId = assignedSession(chat, channel.id, agent);
    // A Keycloak-like token: the username differs from the subject, which is the agent id.
    String token = tokenWithUsernameAndName(agent, "ann.login", "Ann Token", "agent");

    given()
        .header("Authorization", "Bearer " + token)
        .when()
        .get("/api/v1/agent/sessions")
        .then()
        .statusCode(200)
        .body("items.id", contains(sessionId));
    given()
        .header("Authorization", "Bearer " + token)
        .contentType("application/json")
        .body("{\"text\":\"Hola\"}")
        .when()
        .post("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(201)
        .body("authorId", equalTo(agent))
        .body("authorName", equalTo("Ann Token"));
  }

  private static String tokenWithUsernameAndName(
      String subject, String username, String name, String... roles) throws Exception {
    TestTokens.token(subject, roles); // makes sure this run's key pair exists
    byte[] der = Base64.getDecoder().decode(System.getProperty("switchboard.test.private-key"));
    PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    return TestTokens.claims(subject, roles)
        .upn(username)
        .preferredUserName(username)
        .claim("name", name)
        .sign(key);
  }

  @Test
  void aReplyToAClosedSessionIsAConflictNamingTheCurrentState() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    String sessionId = assignedSession(channel.newChat(), channel.id, agent);
    asAgent(agent).when().post("/api/v1/sessions/" + sessionId + "/close").then().statusCode(200);

    asAgent(agent)
        .body("{\"text\":\"¿Sigues ahí?\"}")
        .when()
        .post("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("currentState", equalTo("CLOSED"));
  }

  @Test
  void aReplyToAnotherAgentsSessionIsForbidden() {
    String agent = TestChannel.newAgent();
    String colleague = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent, colleague);
    String sessionId = assignedSession(channel.newChat(), channel.id, agent);

    asAgent(colleague)
        .body("{\"text\":\"Hola\"}")
        .when()
        .post("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    // Being in the queue is enough to read it, not to answer in it.
    asAgent(colleague)
        .when()
        .get("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(200);
  }

  @Test
  void anAgentOutsideTheChannelsQueueCannotReadItsSessionsNorSeesThemListed() {
    String agent = TestChannel.newAgent();
    String outsider = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    String sessionId = assignedSession(channel.newChat(), channel.id, agent);

    asAgent(outsider)
        .when()
        .get("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    asAgent(outsider)
        .when()
        .get("/api/v1/agent/sessions")
        .then()
        .statusCode(200)
        .body("items.id", not(contains(sessionId)))
        .body("items", hasSize(0));
    as("supervisor1", "supervisor")
        .when()
        .get("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(200);
  }

  @Test
  void aBlankReplyIsRefusedNamingTheFieldText() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    String sessionId = assignedSession(channel.newChat(), channel.id, agent);

    for (String body : List.of("{\"text\":\"   \"}", "{}")) {
      asAgent(agent)
          .body(body)
          .when()
          .post("/api/v1/sessions/" + sessionId + "/messages")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo("text"));
    }
  }

  @Test
  void theAgentClosesTheirSessionWhichIsAnnouncedAndLeavesTheirList() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    String sessionId = assignedSession(channel.newChat(), channel.id, agent);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      asAgent(agent)
          .when()
          .post("/api/v1/sessions/" + sessionId + "/close")
          .then()
          .statusCode(200)
          .body("id", equalTo(sessionId))
          .body("state", equalTo("CLOSED"))
          .body("closedAt", notNullValue())
          .body("channelName", equalTo(channel.name));

      SessionClosed closed =
          awaitEvent(events, SessionClosed.class, e -> sessionId.equals(e.sessionId()));
      assertThat(closed.closedBy(), equalTo(ClosedBy.AGENT));
      assertThat(closed.reason(), equalTo(CloseReason.MANUAL));
      assertThat(closed.agentId(), equalTo(agent));
      assertThat(closed.closedByUserId(), equalTo(agent));
      assertThat(closed.awaitingRatingUntil(), nullValue());
    }

    asAgent(agent)
        .when()
        .post("/api/v1/sessions/" + sessionId + "/close")
        .then()
        .statusCode(409)
        .body("currentState", equalTo("CLOSED"));
    asAgent(agent).when().get("/api/v1/agent/sessions").then().body("items", hasSize(0));
  }

  @Test
  void aSupervisorClosesAQueuedSessionAsSupervisor() {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    String sessionId;
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      channel.newChat().says("Hola");
      sessionId =
          awaitEvent(events, SessionOpened.class, e -> channel.id.equals(e.channelId()))
              .sessionId();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  as("supervisor1", "supervisor")
                          .when()
                          .get("/api/v1/sessions/" + sessionId + "/messages")
                          .statusCode()
                      == 200);

      as("supervisor1", "supervisor")
          .when()
          .post("/api/v1/sessions/" + sessionId + "/close")
          .then()
          .statusCode(200)
          .body("state", equalTo("CLOSED"))
          .body("assignedAgentId", nullValue());
      SessionClosed closed =
          awaitEvent(events, SessionClosed.class, e -> sessionId.equals(e.sessionId()));
      assertThat(closed.closedBy(), equalTo(ClosedBy.SUPERVISOR));
      assertThat(closed.closedByUserId(), equalTo("supervisor1"));
    }
    // An agent outside the channel's queue may not close it, nor learn it exists.
    asAgent(TestChannel.newAgent())
        .when()
        .post("/api/v1/sessions/" + sessionId + "/close")
        .then()
        .statusCode(404);
  }

  @Test
  void aClientWhoWritesAfterTheSessionClosedGetsANewSession() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    TestChannel.Chat chat = channel.newChat();
    String first = assignedSession(chat, channel.id, agent);
    asAgent(agent).when().post("/api/v1/sessions/" + first + "/close").then().statusCode(200);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      chat.says("Otra pregunta");
      SessionOpened second =
          awaitEvent(events, SessionOpened.class, e -> channel.id.equals(e.channelId()));
      assertThat(second.sessionId(), not(equalTo(first)));
    }
  }

  @Test
  void anUnknownSessionIsNotFound() {
    String agent = TestChannel.newAgent();
    for (String id : List.of(Platform.newId(), "not-a-uuid")) {
      asAgent(agent)
          .when()
          .get("/api/v1/sessions/" + id + "/messages")
          .then()
          .statusCode(404)
          .contentType("application/problem+json");
      asAgent(agent)
          .body("{\"text\":\"Hola\"}")
          .when()
          .post("/api/v1/sessions/" + id + "/messages")
          .then()
          .statusCode(404);
      asAgent(agent).when().post("/api/v1/sessions/" + id + "/close").then().statusCode(404);
    }
  }

  @Test
  void aCallWithoutATokenIsUnauthorizedAndAClientRoleIsNotEnough() {
    given().when().get("/api/v1/agent/sessions").then().statusCode(401);
    as("someone", "visitor").when().get("/api/v1/agent/sessions").then().statusCode(403);
  }
}
