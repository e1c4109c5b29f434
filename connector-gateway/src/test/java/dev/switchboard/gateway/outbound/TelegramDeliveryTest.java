package dev.switchboard.gateway.outbound;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.DeadLetterHeaders;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AgentRef;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.config.SecretsCipher;
import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.outbound.ReplyButton;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.TelegramStub;
import dev.switchboard.gateway.support.TelegramStub.Call;
import dev.switchboard.gateway.support.TestConnectors;
import dev.switchboard.gateway.support.TestConnectors.Bot;
import dev.switchboard.gateway.support.TestEvents;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class TelegramDeliveryTest {

  @Inject SecretsCipher cipher;
  @Inject Pool pool;
  @Inject MeterRegistry metrics;

  TelegramStub telegram;

  @BeforeEach
  void startTelegram() {
    telegram = TelegramStub.start();
  }

  @AfterAll
  static void stopTelegram() {
    TelegramStub.stop();
  }

  @Test
  void aMessageWithoutASenderIsSentToTheChatWithTheBotTokenAsItsExactText() {
    Bot bot = TestConnectors.registered(cipher);
    String chatId = chatId();

    TestEvents.publish(message(bot, chatId, "Hola María, ya salió ayer.", null, List.of()));
    TestEvents.publish(message(bot, chatId, "2 < 3 & <b>no</b>", null, List.of()));

    List<Call> calls = awaitCalls(bot, 2);
    assertThat(calls.get(0).method(), equalTo("sendMessage"));
    assertThat(
        calls.get(0).body(),
        equalTo("{\"chat_id\":" + chatId + ",\"text\":\"Hola María, ya salió ayer.\"}"));
    // Plain text: nothing escaped, no parse mode, so Telegram shows it as written.
    assertThat(calls.get(1).json().path("text").asText(), equalTo("2 < 3 & <b>no</b>"));
    assertThat(calls.get(1).parseMode(), equalTo(null));
  }

  @Test
  void anAgentReplyShowsTheAgentsNameAsABoldFirstLineWithTheTextEscaped() {
    Bot bot = TestConnectors.registered(cipher);
    String chatId = chatId();

    TestEvents.publish(
        message(
            bot,
            chatId,
            "Sí: 2 < 3, y <i>no</i> es HTML",
            new AgentRef("agent-1", "Ana & Co", null),
            List.of()));

    Call call = awaitCalls(bot, 1).get(0);
    assertThat(call.parseMode(), equalTo("HTML"));
    assertThat(
        call.json().path("text").asText(),
        equalTo("<b>Ana &amp; Co</b>\nSí: 2 &lt; 3, y &lt;i&gt;no&lt;/i&gt; es HTML"));
    assertThat(call.json().path("chat_id").asText(), equalTo(chatId));
  }

  @Test
  void aRatingRequestIsSentWithItsButtonsAsAnInlineKeyboard() {
    Bot bot = TestConnectors.registered(cipher);
    String chatId = chatId();
    List<ReplyButton> rating = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      rating.add(new ReplyButton(i + " ★", "rating:" + i));
    }
    List<ReplyButton> seven = new ArrayList<>(rating);
    seven.add(new ReplyButton("Más tarde", "later"));
    seven.add(new ReplyButton("No, gracias", "no"));

    TestEvents.publish(message(bot, chatId, "¿Cómo le atendimos?", null, rating));
    TestEvents.publish(message(bot, chatId, "¿Y ahora?", null, seven));

    List<Call> calls = awaitCalls(bot, 2);
    assertThat(calls.get(0).json().path("text").asText(), equalTo("¿Cómo le atendimos?"));
    assertThat(
        calls.get(0).inlineKeyboard(),
        equalTo(
            List.of(
                List.of(
                    List.of("1 ★", "rating:1"),
                    List.of("2 ★", "rating:2"),
                    List.of("3 ★", "rating:3"),
                    List.of("4 ★", "rating:4"),
                    List.of("5 ★", "rating:5")))));
    assertThat(calls.get(0).parseMode(), equalTo(null));
    List<List<List<String>>> rows = calls.get(1).inlineKeyboard();
    assertThat(rows, hasSize(2));
    assertThat(
        rows.get(1), equalTo(List.of(List.of("Más tarde", "later"), List.of("No, gracias", "no"))));
  }

  @Test
  void twoServerErrorsAreRetriedAndTheMessageIsDeliveredOnce() {
    Bot bot = TestConnectors.registered(cipher);
    telegram.failNext(bot.botToken(), 500, "Internal Server Error", 2);
    String chatId = chatId();

    TestEvents.publish(reply(bot, chatId, "third time lucky"));

    awaitCalls(bot, 3);
    // The chat's next message goes after the first is done with: no fourth try of the first.
    String followUp = "and the next one";
    TestEvents.publish(reply(bot, chatId, followUp));
    List<Call> calls = awaitCalls(bot, 4);
    assertThat(calls.get(3).body(), containsString(followUp));
  }

  @Test
  void rateLimitingIsHonouredAndThenTheMessageIsDelivered() {
    Bot bot = TestConnectors.registered(cipher);
    telegram.rateLimitNext(bot.botToken(), 1);

    TestEvents.publish(reply(bot, chatId(), "slowly"));

    awaitCalls(bot, 2);
  }

  @Test
  void aBusyBotsReplyWaitsOutEveryRateLimitAndIsDeliveredNotDeadLettered() {
    // More 429s than the five tries a failing message gets: a rate limit is not a failed try.
    Bot bot = TestConnectors.registered(cipher);
    for (int i = 0; i < 6; i++) {
      telegram.rateLimitNext(bot.botToken(), 1);
    }
    OutboundMessageRequested message = reply(bot, chatId(), "when Telegram lets us");
    try (TopicProbe dlq = TopicProbe.open(Topics.dlq(Topics.OUTBOUND_MESSAGES))) {
      TestEvents.publish(message);

      List<Call> calls =
          Awaitility.await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> telegram.calls(bot.botToken()), c -> c.size() >= 7);
      assertThat(calls.get(6).body(), containsString("when Telegram lets us"));
      assertNotDeadLettered(dlq, message);
    }
  }

  @Test
  void aReplyWaitsForADatabaseThatDoesNotAnswerAndIsThenDeliveredNotDeadLettered()
      throws Exception {
    Bot bot = TestConnectors.registered(cipher);
    OutboundMessageRequested message = reply(bot, chatId(), "after the database is back");
    try (TopicProbe dlq = TopicProbe.open(Topics.dlq(Topics.OUTBOUND_MESSAGES))) {
      // The delivery's first query (was it delivered already?) waits behind this lock for longer
      // than its 10 s timeout: before, that timeout dead-lettered the reply.
      SqlConnection blocker = pool.getConnection().await().atMost(Duration.ofSeconds(10));
      Transaction tx = blocker.begin().await().atMost(Duration.ofSeconds(10));
      try {
        blocker
            .query("LOCK TABLE processed_event IN ACCESS EXCLUSIVE MODE")
            .execute()
            .await()
            .atMost(Duration.ofSeconds(10));
        double retriedBefore = databaseRetries();
        TestEvents.publish(message);
        // Held until the delivery's query has timed out and is being tried again.
        Awaitility.await("the delivery waits for the database and tries again")
            .atMost(Duration.ofSeconds(30))
            .until(() -> databaseRetries() > retriedBefore);
        assertThat(
            "nothing sent while the database does not answer",
            telegram.calls(bot.botToken()),
            hasSize(0));
      } finally {
        tx.rollback().await().atMost(Duration.ofSeconds(10));
        blocker.close().await().atMost(Duration.ofSeconds(10));
      }

      List<Call> calls = awaitCalls(bot, 1);
      assertThat(calls.get(0).body(), containsString("after the database is back"));
      assertNotDeadLettered(dlq, message);
    }
  }

  @Test
  void aRefusalGoesToTheDeadLetterTopicAtOnceWithItsReason() {
    Bot bot = TestConnectors.registered(cipher);
    telegram.failNext(bot.botToken(), 400, "Bad Request: chat not found", 1);
    OutboundMessageRequested message = reply(bot, chatId(), "nobody there");
    try (TopicProbe dlq = TopicProbe.open(Topics.dlq(Topics.OUTBOUND_MESSAGES))) {
      TestEvents.publish(message);

      ConsumerRecord<String, String> dead =
          dlq.await(r -> message.id().equals(TopicProbe.header(r, "ce_id")));
      assertThat(dead.key(), equalTo(message.partitionKey()));
      assertThat(
          TopicProbe.header(dead, DeadLetterHeaders.REASON),
          containsString("Telegram answered 400: Bad Request: chat not found"));
      JsonNode value = TestEvents.json(dead.value());
      assertThat(value.path("id").asText(), equalTo(message.id()));
    }
    assertThat(telegram.calls(bot.botToken()), hasSize(1));
  }

  @Test
  void serverErrorsThatDoNotStopGoToTheDeadLetterTopicAfterFiveTries() {
    Bot bot = TestConnectors.registered(cipher);
    telegram.failNext(bot.botToken(), 502, "Bad Gateway", 5);
    OutboundMessageRequested message = reply(bot, chatId(), "never");
    try (TopicProbe dlq = TopicProbe.open(Topics.dlq(Topics.OUTBOUND_MESSAGES))) {
      TestEvents.publish(message);

      ConsumerRecord<String, String> dead =
          dlq.await(r -> message.id().equals(TopicProbe.header(r, "ce_id")));
      assertThat(
          TopicProbe.header(dead, DeadLetterHeaders.REASON), containsString("after 5 tries"));
    }
    assertThat(telegram.calls(bot.botToken()), hasSize(5));
  }

  @Test
  void theSameOutboundEventIsDeliveredOnlyOnce() {
    Bot bot = TestConnectors.registered(cipher);
    String chatId = chatId();
    OutboundMessageRequested message = reply(bot, chatId, "only once");

    TestEvents.publish(message);
    awaitCalls(bot, 1);
    TestEvents.publish(message);
    // The same chat's next message is delivered after the redelivered one was handled.
    TestEvents.publish(reply(bot, chatId, "the next one"));

    List<Call> calls = awaitCalls(bot, 2);
    assertThat(calls.get(1).body(), containsString("the next one"));
    assertThat(calls, hasSize(2));
  }

  @Test
  void aMessageForAnUnknownConnectorGoesToTheDeadLetterTopic() {
    Bot unknown = Bot.fresh();
    OutboundMessageRequested message = reply(unknown, chatId(), "to nobody");
    try (TopicProbe dlq = TopicProbe.open(Topics.dlq(Topics.OUTBOUND_MESSAGES))) {
      TestEvents.publish(message);

      ConsumerRecord<String, String> dead =
          dlq.await(r -> message.id().equals(TopicProbe.header(r, "ce_id")));
      assertThat(
          TopicProbe.header(dead, DeadLetterHeaders.REASON), containsString("Unknown connector"));
    }
  }

  @Test
  void aChatWhoseMessageIsRetriedDoesNotHoldUpAnotherChat() {
    Bot slow = TestConnectors.registered(cipher);
    Bot fast = TestConnectors.registered(cipher);
    telegram.rateLimitNext(slow.botToken(), 3);

    TestEvents.publish(reply(slow, chatId(), "waits three seconds"));
    awaitCalls(slow, 1);
    TestEvents.publish(reply(fast, chatId(), "goes at once"));

    awaitCalls(fast, 1);
    assertThat(telegram.calls(slow.botToken()), hasSize(1));
    awaitCalls(slow, 2);
  }

  private double databaseRetries() {
    return metrics
        .counter(
            "switchboard.gateway.delivery.messages",
            "connector",
            "telegram",
            "outcome",
            "database-retried")
        .count();
  }

  private static void assertNotDeadLettered(TopicProbe dlq, OutboundMessageRequested message) {
    assertThat(
        "dead letters of this message",
        dlq.records().stream()
            .filter(r -> message.id().equals(TopicProbe.header(r, "ce_id")))
            .toList(),
        hasSize(0));
  }

  private List<Call> awaitCalls(Bot bot, int count) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> telegram.calls(bot.botToken()), calls -> calls.size() >= count);
  }

  private static OutboundMessageRequested reply(Bot bot, String chatId, String text) {
    return message(bot, chatId, text, new AgentRef("agent-1", "Ann Agent", null), List.of());
  }

  private static OutboundMessageRequested message(
      Bot bot, String chatId, String text, AgentRef sender, List<ReplyButton> buttons) {
    return new OutboundMessageRequested(
        PlatformEvent.newId(),
        bot.channelId(),
        UUID.randomUUID().toString(),
        UUID.randomUUID().toString(),
        ConnectorType.TELEGRAM,
        bot.connectorId(),
        bot.accountId(),
        chatId,
        buttons.isEmpty() ? OutboundMessageKind.AGENT_REPLY : OutboundMessageKind.RATING_REQUEST,
        text,
        List.of(),
        buttons,
        sender,
        null,
        Instant.now());
  }

  private static String chatId() {
    return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
  }
}
