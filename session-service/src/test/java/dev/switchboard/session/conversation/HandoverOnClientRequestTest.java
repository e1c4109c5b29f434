package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.BotApi.asBot;
import static dev.switchboard.session.conversation.BotApi.handoverPath;
import static dev.switchboard.session.conversation.BotApi.messagesPath;
import static dev.switchboard.session.conversation.BotApi.queuedEventsOf;
import static dev.switchboard.session.conversation.Platform.awaitEvent;
import static dev.switchboard.session.conversation.Routing.asAgent;
import static dev.switchboard.session.conversation.Routing.assigned;
import static dev.switchboard.session.conversation.Routing.publish;
import static dev.switchboard.session.conversation.Routing.queuedSession;
import static dev.switchboard.session.conversation.Routing.reply;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.QueueReason;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * B1 "or on the client's request": a client who writes one of the channel's handover keywords
 * ({@code bots.handoverKeywords}) in a session with the bot is handed over to people as the bot's
 * own handover does ({@code SessionQueued(BOT_HANDOVER)}); the message stays in the history. Any
 * other message stays with the bot, and a keyword outside a session with the bot is a message.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class HandoverOnClientRequestTest {

  private static final List<String> KEYWORDS = List.of("Operator", "hablar con una persona");

  /** The record of the session's ClientMessageReceived for this inbound message. */
  private static ConsumerRecord<String, String> receivedRecord(
      TopicProbe events, InboundMessageReceived inbound) {
    return events.await(
        r ->
            Platform.is(r, ClientMessageReceived.class)
                && inbound
                    .id()
                    .equals(Platform.read(r, ClientMessageReceived.class).inboundEventId()));
  }

  /**
   * The client writes a message that is not a keyword, then another chat of the same channel
   * writes; once that later session is seen (same key, same partition), anything the first message
   * caused has been published.
   */
  private static void awaitMarkerAfter(TopicProbe events, TestChannel channel, String sessionId) {
    channel.newChat().says("Otra pregunta");
    awaitEvent(
        events,
        SessionOpened.class,
        e -> channel.id.equals(e.channelId()) && !sessionId.equals(e.sessionId()));
  }

  @Test
  void aClientWhoWritesAKeywordIsHandedOverAndTheAgentReadsTheRequest() {
    String bot = TestChannel.newBot();
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withBotAndHandoverKeywords(bot, KEYWORDS, agent);
    TestChannel.Chat chat = channel.newChat();
    String sessionId = queuedSession(chat, channel.id);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      // Case, surrounding spaces and punctuation do not matter.
      InboundMessageReceived request = chat.says("  ¡OPERATOR!! ");
      ConsumerRecord<String, String> received = receivedRecord(events, request);
      SessionQueued queued =
          awaitEvent(events, SessionQueued.class, e -> sessionId.equals(e.sessionId()));
      assertThat(queued.reason(), equalTo(QueueReason.BOT_HANDOVER));
      assertThat(queued.channelId(), equalTo(channel.id));
      ConsumerRecord<String, String> queuedRecord =
          events.await(
              r ->
                  Platform.is(r, SessionQueued.class)
                      && queued.id().equals(Platform.read(r, SessionQueued.class).id()));
      // The message first, then the handover: routing distributes a session that holds it.
      assertThat(queuedRecord.partition(), equalTo(received.partition()));
      assertThat(queuedRecord.offset(), greaterThan(received.offset()));

      // The session is people's now: out of the bot's hands, waiting for an agent.
      asBot(bot).when().get("/api/v1/bot/sessions").then().body("items", empty());
      asBot(bot)
          .when()
          .post(handoverPath(sessionId))
          .then()
          .statusCode(409)
          .body("currentState", equalTo("QUEUED"));

      publish(assigned(sessionId, channel.id, agent, AssignmentReason.DISTRIBUTION, null));
      awaitEvent(events, SessionAssigned.class, e -> sessionId.equals(e.sessionId()));
      awaitMarkerAfter(events, channel, sessionId);
      assertThat(queuedEventsOf(events, sessionId), hasSize(1));
    }
    asAgent(agent)
        .when()
        .get(messagesPath(sessionId))
        .then()
        .statusCode(200)
        .body("items.text", contains("Hola, necesito ayuda", "  ¡OPERATOR!! "))
        .body("items.authorType", contains("CLIENT", "CLIENT"));
    reply(agent, sessionId, "Hola, soy una persona").statusCode(201);
  }

  @Test
  void aFirstMessageThatIsAKeywordHandsTheNewSessionOverAtOnce() {
    String bot = TestChannel.newBot();
    TestChannel channel = TestChannel.withBotAndHandoverKeywords(bot, KEYWORDS);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      String sessionId = queuedSession(channel.newChat(), channel.id, "Hablar con una   persona.");
      SessionQueued queued =
          awaitEvent(events, SessionQueued.class, e -> sessionId.equals(e.sessionId()));
      assertThat(queued.reason(), equalTo(QueueReason.BOT_HANDOVER));
    }
    asBot(bot).when().get("/api/v1/bot/sessions").then().body("items", empty());
  }

  @Test
  void aMessageThatIsNoKeywordStaysWithTheBot() {
    String bot = TestChannel.newBot();
    TestChannel channel = TestChannel.withBotAndHandoverKeywords(bot, KEYWORDS);
    TestChannel.Chat chat = channel.newChat();
    String sessionId = queuedSession(chat, channel.id);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      // A keyword inside a sentence is the bot's to understand.
      InboundMessageReceived sentence = chat.says("No quiero un operator, gracias");
      receivedRecord(events, sentence);
      awaitMarkerAfter(events, channel, sessionId);
      assertThat(queuedEventsOf(events, sessionId), empty());
    }
    asBot(bot)
        .when()
        .get("/api/v1/bot/sessions")
        .then()
        .body("items[0].id", equalTo(sessionId))
        .body("items[0].state", equalTo("BOT"))
        .body("items[0].lastMessage.text", equalTo("No quiero un operator, gracias"));
    asBot(bot)
        .body("{\"text\":\"¿En qué más te ayudo?\"}")
        .post(messagesPath(sessionId))
        .then()
        .statusCode(201);
  }

  @Test
  void aKeywordInASessionThatAnAgentHasIsJustAMessage() {
    String bot = TestChannel.newBot();
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withBotAndHandoverKeywords(bot, KEYWORDS, agent);
    TestChannel.Chat chat = channel.newChat();
    String sessionId = queuedSession(chat, channel.id);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      // The probe sees the bot's own handover too (the outbox publishes it a moment after the
      // answer): waited for here, so that it is the only SessionQueued at the end.
      asBot(bot).when().post(handoverPath(sessionId)).then().statusCode(200);
      awaitEvent(events, SessionQueued.class, e -> sessionId.equals(e.sessionId()));
      publish(assigned(sessionId, channel.id, agent, AssignmentReason.DISTRIBUTION, null));
      awaitEvent(events, SessionAssigned.class, e -> sessionId.equals(e.sessionId()));
      InboundMessageReceived again = chat.says("operator");
      receivedRecord(events, again);
      awaitMarkerAfter(events, channel, sessionId);
      assertThat(
          "queued by the bot's handover only, not again by the keyword",
          queuedEventsOf(events, sessionId),
          hasSize(1));
    }
    asAgent(agent)
        .when()
        .get("/api/v1/agent/sessions")
        .then()
        .body("items.id", contains(sessionId))
        .body("items[0].state", equalTo("ASSIGNED"))
        .body("items[0].lastMessage.text", equalTo("operator"));
    reply(agent, sessionId, "Sigo aquí").statusCode(201);
  }
}
