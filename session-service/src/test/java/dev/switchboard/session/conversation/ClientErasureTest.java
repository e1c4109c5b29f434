package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Platform.awaitEvent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.session.ClientErased;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 12, erasure (GDPR Art. 17): {@code DELETE /api/v1/clients/{id}} in session-service. */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class ClientErasureTest {

  private static final String ADMIN = "admin-erasure";

  private static RequestSpecification as(String user, String... roles) {
    return given()
        .header("Authorization", "Bearer " + TestTokens.token(user, roles))
        .contentType("application/json");
  }

  /** A closed conversation of a new chat: the client wrote {@code text}, the agent answered. */
  private record Conversation(String sessionId, String clientId, TestChannel.Chat chat) {}

  private static Conversation closedConversation(
      TestChannel channel, String agent, String text, String reply) {
    TestChannel.Chat chat = channel.newChat();
    SessionOpened opened;
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      chat.says(text);
      opened = awaitEvent(events, SessionOpened.class, e -> channel.id.equals(e.channelId()));
      Platform.publish(
          new AgentAssigned(
              PlatformEvent.newId(),
              channel.id,
              opened.sessionId(),
              agent,
              AssignmentReason.DISTRIBUTION,
              null,
              Instant.now()));
      awaitEvent(events, SessionAssigned.class, e -> opened.sessionId().equals(e.sessionId()));
    }
    as(agent, "agent")
        .body(Map.of("text", reply))
        .post("/api/v1/sessions/" + opened.sessionId() + "/messages")
        .then()
        .statusCode(201);
    as(agent, "agent")
        .post("/api/v1/sessions/" + opened.sessionId() + "/close")
        .then()
        .statusCode(200);
    return new Conversation(opened.sessionId(), opened.clientId(), chat);
  }

  @Test
  void erasingAClientReplacesItsTextsNamesAndChatIdsAndTellsEveryCopy() throws Exception {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    String secret = "card 4111-" + UUID.randomUUID();
    String answer = "we blocked " + secret;
    Conversation conversation = closedConversation(channel, agent, secret, answer);
    String chatId = conversation.chat().chatId;

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      as(ADMIN, "admin")
          .delete("/api/v1/clients/" + conversation.clientId())
          .then()
          .statusCode(202)
          .body("clientId", equalTo(conversation.clientId()))
          .body("sessions", equalTo(1));
      ClientErased erased =
          awaitEvent(
              events, ClientErased.class, e -> conversation.sessionId().equals(e.sessionId()));
      assertThat(erased.clientId(), equalTo(conversation.clientId()));
      assertThat(erased.channelId(), equalTo(channel.id));
    }

    for (String needle : List.of(secret, chatId, conversation.chat().key())) {
      assertThat(needle, rowsOfTheSchemaContaining(needle), equalTo(0L));
    }
    assertThat(
        Platform.count(
            "SELECT count(*) FROM session.client WHERE id = ?::uuid AND display_name IS NULL"
                + " AND erased_at IS NOT NULL",
            conversation.clientId()),
        equalTo(1L));
    assertThat(
        Platform.count(
            "SELECT count(*) FROM session.client_identity WHERE client_id = ?::uuid",
            conversation.clientId()),
        equalTo(0L));
    // The session stays for the statistics: closed, with its agent, times and both messages.
    assertThat(
        Platform.count(
            "SELECT count(*) FROM session.session s JOIN session.message m ON m.session_id = s.id"
                + " WHERE s.id = ?::uuid AND s.state = 'CLOSED' AND s.assigned_agent_id IS NOT NULL"
                + " AND s.closed_at IS NOT NULL AND m.text = '[erased]' AND m.author_name IS"
                + " DISTINCT FROM 'María García'",
            conversation.sessionId()),
        equalTo(2L));
    List<String> texts =
        as(ADMIN, "admin")
            .get("/api/v1/sessions/" + conversation.sessionId() + "/messages")
            .then()
            .statusCode(200)
            .extract()
            .path("items.text");
    assertThat(texts, everyItem(equalTo("[erased]")));

    // The same person writing again is a new client: nothing links them to the erased one.
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      conversation.chat().says("hello again");
      SessionOpened again =
          awaitEvent(events, SessionOpened.class, e -> channel.id.equals(e.channelId()));
      assertThat(again.clientId(), not(equalTo(conversation.clientId())));
      assertThat(again.sessionId(), not(equalTo(conversation.sessionId())));
    }
  }

  @Test
  void onlyAnAdministratorErasesAClosedClientAndARepeatAnswersTheSame() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    TestChannel.Chat chat = channel.newChat();
    String sessionId;
    String clientId;
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      chat.says("still talking");
      SessionOpened opened =
          awaitEvent(events, SessionOpened.class, e -> channel.id.equals(e.channelId()));
      sessionId = opened.sessionId();
      clientId = opened.clientId();
    }
    String path = "/api/v1/clients/" + clientId;

    given().delete(path).then().statusCode(401);
    as(agent, "agent").delete(path).then().statusCode(403);
    as("supervisor-erasure", "supervisor").delete(path).then().statusCode(403);
    as(ADMIN, "admin").delete("/api/v1/clients/" + UUID.randomUUID()).then().statusCode(404);
    as(ADMIN, "admin").delete("/api/v1/clients/not-a-uuid").then().statusCode(404);
    as(ADMIN, "admin")
        .delete(path)
        .then()
        .statusCode(409)
        .body("currentState.openSessionIds", equalTo(List.of(sessionId)));

    as(ADMIN, "admin").post("/api/v1/sessions/" + sessionId + "/close").then().statusCode(200);
    String erasedAt =
        as(ADMIN, "admin").delete(path).then().statusCode(202).extract().path("erasedAt");
    as(ADMIN, "admin")
        .delete(path)
        .then()
        .statusCode(202)
        .body("erasedAt", equalTo(erasedAt))
        .body("sessions", equalTo(1));
  }

  /** Rows of session-service's schema that contain {@code needle} anywhere, read as text. */
  private static long rowsOfTheSchemaContaining(String needle) throws Exception {
    long found = 0;
    for (String table :
        List.of(
            "client",
            "client_identity",
            "session",
            "message",
            "outbox",
            "parked_inbound",
            "offer",
            "processed_event")) {
      found +=
          Platform.count(
              "SELECT count(*) FROM session." + table + " t WHERE strpos(t::text, ?) > 0", needle);
    }
    return found;
  }
}
