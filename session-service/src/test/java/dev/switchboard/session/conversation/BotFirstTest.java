package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.BotApi.asBot;
import static dev.switchboard.session.conversation.BotApi.closePath;
import static dev.switchboard.session.conversation.BotApi.handoverPath;
import static dev.switchboard.session.conversation.BotApi.messagesPath;
import static dev.switchboard.session.conversation.BotApi.queuedEventsOf;
import static dev.switchboard.session.conversation.Platform.awaitEvent;
import static dev.switchboard.session.conversation.Routing.as;
import static dev.switchboard.session.conversation.Routing.asAgent;
import static dev.switchboard.session.conversation.Routing.assigned;
import static dev.switchboard.session.conversation.Routing.publish;
import static dev.switchboard.session.conversation.Routing.queuedSession;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.session.AgentMessageSent;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.CloseReason;
import dev.switchboard.events.session.ClosedBy;
import dev.switchboard.events.session.QueueReason;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * B1 "bot first" and the bot API (B2): a new session of a channel with a chatbot is with the bot
 * (state BOT, not queued); the bot lists, reads and answers its sessions and hands them over to
 * people ({@code SessionQueued(BOT_HANDOVER)}); nobody else answers in them.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class BotFirstTest {

  @Test
  void aNewSessionOfABotChannelIsWithTheBotAndIsNotQueued() {
    String bot = TestChannel.newBot();
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withBot(bot, agent);

    String sessionId;
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      channel.newChat().says("Hola, ¿cuál es el horario?");
      sessionId =
          awaitEvent(events, SessionOpened.class, e -> channel.id.equals(e.channelId()))
              .sessionId();
      String opened = sessionId;
      awaitEvent(events, ClientMessageReceived.class, e -> opened.equals(e.sessionId()));
      // A marker: a later session of the same channel. Its events have the same key (the
      // channel), so a SessionQueued of the first session would have been published before it.
      channel.newChat().says("Otra pregunta");
      awaitEvent(
          events,
          SessionOpened.class,
          e -> channel.id.equals(e.channelId()) && !opened.equals(e.sessionId()));
      assertThat(queuedEventsOf(events, sessionId), empty());
    }

    // Not the agents' business yet: it is nobody's in their lists.
    asAgent(agent).when().get("/api/v1/agent/sessions").then().body("items", empty());
    asBot(bot)
        .when()
        .get("/api/v1/bot/sessions")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(2))
        .body("items[0].id", equalTo(sessionId))
        .body("items[0].state", equalTo("BOT"))
        .body("items[0].botId", equalTo(bot))
        .body("items[0].assignedAgentId", nullValue())
        .body("items[0].channelName", equalTo(channel.name))
        .body("items[0].lastMessage.text", equalTo("Hola, ¿cuál es el horario?"));
  }

  @Test
  void theBotReadsItsSessionAndAnswersTheClientThroughTheConnector() {
    String bot = TestChannel.newBot();
    TestChannel channel = TestChannel.withBot(bot, TestChannel.newAgent());
    TestChannel.Chat chat = channel.newChat();
    String sessionId = queuedSession(chat, channel.id);

    asBot(bot)
        .when()
        .get(messagesPath(sessionId))
        .then()
        .statusCode(200)
        .body("items.authorType", contains("CLIENT"))
        .body("items[0].text", equalTo("Hola, necesito ayuda"));

    try (TopicProbe outbound = TopicProbe.open(Topics.OUTBOUND_MESSAGES);
        TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      String messageId =
          asBot(bot)
              .body("{\"text\":\"Abrimos de 9 a 18. ¿Algo más?\"}")
              .when()
              .post(messagesPath(sessionId))
              .then()
              .statusCode(201)
              .body("authorType", equalTo("BOT"))
              .body("authorId", equalTo(bot))
              .body("sessionId", equalTo(sessionId))
              .extract()
              .path("id");

      OutboundMessageRequested reply =
          Platform.read(
              outbound.await(r -> chat.key().equals(r.key())), OutboundMessageRequested.class);
      assertThat(reply.kind(), equalTo(OutboundMessageKind.AGENT_REPLY));
      assertThat(reply.sessionId(), equalTo(sessionId));
      assertThat(reply.messageId(), equalTo(messageId));
      assertThat(reply.externalChatId(), equalTo(chat.chatId));
      assertThat(reply.text(), equalTo("Abrimos de 9 a 18. ¿Algo más?"));
      assertThat(reply.sender().agentId(), equalTo(bot));

      // The client's answer comes back to the bot; a bot's answer is no agent's (no KPI event):
      // the client's next message is the marker after which an AgentMessageSent would be seen.
      chat.says("No, gracias");
      awaitEvent(events, ClientMessageReceived.class, e -> sessionId.equals(e.sessionId()));
      assertThat(
          events.records().stream()
              .filter(r -> Platform.is(r, AgentMessageSent.class))
              .map(r -> Platform.read(r, AgentMessageSent.class))
              .filter(e -> sessionId.equals(e.sessionId()))
              .toList(),
          empty());
    }
    asBot(bot)
        .when()
        .get(messagesPath(sessionId))
        .then()
        .body("items.authorType", contains("CLIENT", "BOT", "CLIENT"))
        .body("items[1].authorId", equalTo(bot));
  }

  @Test
  void anotherBotCannotListReadAnswerOrHandOverTheSessionNorLearnItExists() {
    String bot = TestChannel.newBot();
    String stranger = TestChannel.newBot();
    TestChannel channel = TestChannel.withBot(bot);
    String sessionId = queuedSession(channel.newChat(), channel.id);

    asBot(stranger).when().get("/api/v1/bot/sessions").then().body("items", empty());
    asBot(stranger)
        .when()
        .get(messagesPath(sessionId))
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    asBot(stranger)
        .body("{\"text\":\"Hola\"}")
        .when()
        .post(messagesPath(sessionId))
        .then()
        .statusCode(404);
    asBot(stranger).when().post(handoverPath(sessionId)).then().statusCode(404);
    // A bot has no business in the agents' API.
    asBot(bot).when().get("/api/v1/agent/sessions").then().statusCode(403);
  }

  @Test
  void agentsAndSupervisorsCannotAnswerASessionThatIsWithTheBot() {
    String bot = TestChannel.newBot();
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withBot(bot, agent);
    String sessionId = queuedSession(channel.newChat(), channel.id);

    for (RequestSpecification caller :
        List.of(asAgent(agent), as("supervisor1", "supervisor"), as("admin1", "admin"))) {
      caller
          .body("{\"text\":\"Te atiendo yo\"}")
          .when()
          .post(messagesPath(sessionId))
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
    }
    // Nor hand it over (agents) or transfer it (it is not ASSIGNED).
    asAgent(agent).when().post(handoverPath(sessionId)).then().statusCode(403);
    as("supervisor1", "supervisor")
        .body("{\"toAgentId\":\"" + agent + "\"}")
        .when()
        .post("/api/v1/sessions/" + sessionId + "/transfer")
        .then()
        .statusCode(409)
        .body("currentState", equalTo("BOT"));
  }

  @Test
  void theBotHandsOverAndTheSessionIsDistributedAsUsualAndASecondHandoverIsAConflict() {
    String bot = TestChannel.newBot();
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withBot(bot, agent);
    String sessionId = queuedSession(channel.newChat(), channel.id);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      String eventId =
          asBot(bot)
              .when()
              .post(handoverPath(sessionId))
              .then()
              .statusCode(200)
              .body("sessionId", equalTo(sessionId))
              .body("state", equalTo("QUEUED"))
              .body("channelId", equalTo(channel.id))
              .body("botId", equalTo(bot))
              .body("handedOverBy", equalTo(bot))
              .extract()
              .path("eventId");
      SessionQueued queued =
          awaitEvent(events, SessionQueued.class, e -> sessionId.equals(e.sessionId()));
      assertThat(queued.id(), equalTo(eventId));
      assertThat(queued.reason(), equalTo(QueueReason.BOT_HANDOVER));
      assertThat(queued.channelId(), equalTo(channel.id));

      asBot(bot)
          .when()
          .post(handoverPath(sessionId))
          .then()
          .statusCode(409)
          .contentType("application/problem+json")
          .body("currentState", equalTo("QUEUED"));

      // The bot is done with it: not listed, not readable, no more answers.
      asBot(bot).when().get("/api/v1/bot/sessions").then().body("items", empty());
      asBot(bot).when().get(messagesPath(sessionId)).then().statusCode(403);
      asBot(bot)
          .body("{\"text\":\"¿Sigues ahí?\"}")
          .when()
          .post(messagesPath(sessionId))
          .then()
          .statusCode(409)
          .body("currentState", equalTo("QUEUED"));

      // routing-service distributes it as any queued session.
      publish(assigned(sessionId, channel.id, agent, AssignmentReason.DISTRIBUTION, null));
      SessionAssigned assignedEvent =
          awaitEvent(events, SessionAssigned.class, e -> sessionId.equals(e.sessionId()));
      assertThat(assignedEvent.agentId(), equalTo(agent));
    }
    asAgent(agent)
        .body("{\"text\":\"Hola, soy una persona\"}")
        .when()
        .post(messagesPath(sessionId))
        .then()
        .statusCode(201)
        .body("authorType", equalTo("AGENT"));
  }

  @Test
  void aSupervisorHandsOverOrClosesASessionThatIsWithTheBot() {
    String bot = TestChannel.newBot();
    TestChannel channel = TestChannel.withBot(bot);
    String handedOver = queuedSession(channel.newChat(), channel.id);
    String closed = queuedSession(channel.newChat(), channel.id);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      as("supervisor1", "supervisor")
          .when()
          .post(handoverPath(handedOver))
          .then()
          .statusCode(200)
          .body("state", equalTo("QUEUED"))
          .body("handedOverBy", equalTo("supervisor1"));
      assertThat(
          awaitEvent(events, SessionQueued.class, e -> handedOver.equals(e.sessionId())).reason(),
          equalTo(QueueReason.BOT_HANDOVER));

      as("supervisor1", "supervisor")
          .when()
          .post("/api/v1/sessions/" + closed + "/close")
          .then()
          .statusCode(200)
          .body("state", equalTo("CLOSED"));
      SessionClosed closedEvent =
          awaitEvent(events, SessionClosed.class, e -> closed.equals(e.sessionId()));
      assertThat(closedEvent.closedBy(), equalTo(ClosedBy.SUPERVISOR));
    }
    asBot(bot).when().get("/api/v1/bot/sessions").then().body("items", empty());
    asBot(bot).when().post(handoverPath(closed)).then().statusCode(409);
  }

  @Test
  void theBotClosesItsOwnSessionAsBotAndNobodyElseButASupervisorMay() {
    String bot = TestChannel.newBot();
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withBot(bot, agent);
    TestChannel.Chat chat = channel.newChat();
    String sessionId = queuedSession(chat, channel.id);

    // Another bot (to whom the session is unknown), and an agent of the channel's queue (no agent
    // has a session with the bot).
    asBot(TestChannel.newBot())
        .when()
        .post(closePath(sessionId))
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    asAgent(agent).when().post(closePath(sessionId)).then().statusCode(403);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      asBot(bot)
          .when()
          .post(closePath(sessionId))
          .then()
          .statusCode(200)
          .body("id", equalTo(sessionId))
          .body("state", equalTo("CLOSED"))
          .body("botId", equalTo(bot))
          .body("assignedAgentId", nullValue())
          .body("closedAt", notNullValue());
      SessionClosed closed =
          awaitEvent(events, SessionClosed.class, e -> sessionId.equals(e.sessionId()));
      assertThat(closed.closedBy(), equalTo(ClosedBy.BOT));
      assertThat(closed.closedByUserId(), equalTo(bot));
      assertThat(closed.reason(), equalTo(CloseReason.MANUAL));
      assertThat(closed.agentId(), nullValue());
      assertThat(closed.channelId(), equalTo(channel.id));
    }
    asBot(bot).when().get("/api/v1/bot/sessions").then().body("items", empty());
    asBot(bot)
        .when()
        .post(closePath(sessionId))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("currentState", equalTo("CLOSED"));
    asBot(bot)
        .body("{\"text\":\"¿Algo más?\"}")
        .when()
        .post(messagesPath(sessionId))
        .then()
        .statusCode(409)
        .body("currentState", equalTo("CLOSED"));

    // The client writes again: a new session, with the bot again.
    String next = queuedSession(chat, channel.id);
    assertThat(next, not(equalTo(sessionId)));
    asBot(bot).when().get("/api/v1/bot/sessions").then().body("items.id", contains(next));
  }

  @Test
  void afterItsHandoverTheBotCannotCloseTheSession() {
    String bot = TestChannel.newBot();
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withBot(bot, agent);
    String sessionId = queuedSession(channel.newChat(), channel.id);

    asBot(bot).when().post(handoverPath(sessionId)).then().statusCode(200);
    asBot(bot)
        .when()
        .post(closePath(sessionId))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("currentState", equalTo("QUEUED"));

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      publish(assigned(sessionId, channel.id, agent, AssignmentReason.DISTRIBUTION, null));
      awaitEvent(events, SessionAssigned.class, e -> sessionId.equals(e.sessionId()));
      asBot(bot)
          .when()
          .post(closePath(sessionId))
          .then()
          .statusCode(409)
          .body("currentState", equalTo("ASSIGNED"));
      // Still the agent's: their close is the one that counts.
      asAgent(agent).when().post(closePath(sessionId)).then().statusCode(200);
      SessionClosed closed =
          awaitEvent(events, SessionClosed.class, e -> sessionId.equals(e.sessionId()));
      assertThat(closed.closedBy(), equalTo(ClosedBy.AGENT));
      assertThat(closed.agentId(), equalTo(agent));
    }
  }

  @Test
  void aChannelWhoseBotIsRemovedQueuesNewSessionsAndTheBotKeepsTheOnesItHas() {
    String bot = TestChannel.newBot();
    TestChannel channel = TestChannel.withBot(bot, TestChannel.newAgent());
    String withBot = queuedSession(channel.newChat(), channel.id);

    channel.changeBot(2, null);
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      channel.newChat().says("Hola");
      String queuedId =
          awaitEvent(
                  events,
                  SessionOpened.class,
                  e -> channel.id.equals(e.channelId()) && !withBot.equals(e.sessionId()))
              .sessionId();
      SessionQueued queued =
          awaitEvent(events, SessionQueued.class, e -> queuedId.equals(e.sessionId()));
      assertThat(queued.reason(), equalTo(QueueReason.NEW_SESSION));
    }
    asBot(bot)
        .when()
        .get("/api/v1/bot/sessions")
        .then()
        .body("items.id", containsInAnyOrder(withBot))
        .body("items[0].state", equalTo("BOT"));
    asBot(bot)
        .body("{\"text\":\"Te paso con una persona\"}")
        .when()
        .post(messagesPath(withBot))
        .then()
        .statusCode(201);
  }
}
