package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Platform.awaitEvent;
import static dev.switchboard.session.conversation.Platform.is;
import static dev.switchboard.session.conversation.Platform.read;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.DeadLetterHeaders;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.QueueReason;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.session.conversation.messaging.InboundMessageConsumer;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** First-conversation step 2: clients' messages become sessions, stored once, never lost. */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class InboundMessagesTest {

  @Inject MeterRegistry metrics;

  @Test
  void aClientsFirstMessageOpensAQueuedSessionAnnouncedInOrderOnTheSessionTopic() {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    TestChannel.Chat chat = channel.newChat();
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      InboundMessageReceived hello = chat.says("Hola");

      events.await(r -> channel.id.equals(r.key()) && is(r, ClientMessageReceived.class));
      List<ConsumerRecord<String, String>> ofChannel =
          events.records().stream().filter(r -> channel.id.equals(r.key())).toList();
      assertThat(
          ofChannel.stream().map(r -> TopicProbe.header(r, CloudEventHeaders.TYPE)).toList(),
          contains(
              EventRegistry.ceTypeOf(SessionOpened.class),
              EventRegistry.ceTypeOf(SessionQueued.class),
              EventRegistry.ceTypeOf(ClientMessageReceived.class)));

      SessionOpened opened = read(ofChannel.get(0), SessionOpened.class);
      assertThat(opened.channelId(), equalTo(channel.id));
      assertThat(opened.connectorId(), equalTo(channel.connectorId));
      assertThat(opened.accountId(), equalTo(channel.accountId));
      assertThat(opened.externalChatId(), equalTo(chat.chatId));
      assertThat(opened.client().displayName(), equalTo("María García"));

      SessionQueued queued = read(ofChannel.get(1), SessionQueued.class);
      assertThat(queued.sessionId(), equalTo(opened.sessionId()));
      assertThat(queued.reason(), equalTo(QueueReason.NEW_SESSION));

      ClientMessageReceived received = read(ofChannel.get(2), ClientMessageReceived.class);
      assertThat(received.sessionId(), equalTo(opened.sessionId()));
      assertThat(received.clientId(), equalTo(opened.clientId()));
      assertThat(received.inboundEventId(), equalTo(hello.id()));
      assertThat(received.externalMessageId(), equalTo(hello.externalMessageId()));
      assertThat(received.text(), equalTo("Hola"));

      for (ConsumerRecord<String, String> record : ofChannel) {
        assertThat(TopicProbe.header(record, "ce_source"), equalTo("/switchboard/session-service"));
        assertThat(TopicProbe.header(record, "ce_subject"), equalTo(opened.sessionId()));
        assertThat(TopicProbe.header(record, "ce_specversion"), equalTo("1.0"));
      }
    }
  }

  @Test
  void aBurstOfClientsIsStoredWithOneSessionPerChatAndEachChatsMessagesInOrder() {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    List<TestChannel.Chat> chats = IntStream.range(0, 40).mapToObj(i -> channel.newChat()).toList();
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      InboundMessageReceived redelivered = null;
      InboundMessageReceived resent = null;
      // Interleaved, as a burst arrives: the consumer reads them in batches that hold several
      // messages of one chat, some chats' first message and others' later ones.
      for (int round = 1; round <= 3; round++) {
        for (TestChannel.Chat chat : chats) {
          InboundMessageReceived message = chat.next("message " + round + " of " + chat.chatId);
          Platform.publish(message);
          if (round == 2 && chat == chats.get(0)) {
            redelivered = message;
          }
          if (round == 3 && chat == chats.get(1)) {
            resent = message;
          }
        }
      }
      Platform.publish(redelivered);
      Platform.publish(
          new InboundMessageReceived(
              Platform.newId(),
              resent.connectorType(),
              resent.connectorId(),
              resent.accountId(),
              resent.externalChatId(),
              resent.externalMessageId(),
              resent.client(),
              resent.text(),
              resent.attachments(),
              resent.sentAt(),
              resent.occurredAt()));
      // A chat's records are read in order: once its "bye" is announced, its duplicates were seen.
      chats.get(0).says("bye");
      chats.get(1).says("bye");
      String last = "message 3 of " + chats.get(chats.size() - 1).chatId;
      for (String text : List.of(last, "bye")) {
        awaitEvent(
            events,
            ClientMessageReceived.class,
            e -> channel.id.equals(e.channelId()) && text.equals(e.text()));
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  events.records().stream()
                          .filter(
                              r -> channel.id.equals(r.key()) && is(r, ClientMessageReceived.class))
                          .filter(r -> "bye".equals(read(r, ClientMessageReceived.class).text()))
                          .count()
                      == 2);

      List<ConsumerRecord<String, String>> ofChannel =
          events.records().stream().filter(r -> channel.id.equals(r.key())).toList();
      List<SessionOpened> opened =
          ofChannel.stream()
              .filter(r -> is(r, SessionOpened.class))
              .map(r -> read(r, SessionOpened.class))
              .toList();
      assertThat(opened, hasSize(chats.size()));
      Map<String, List<String>> textsBySession = new LinkedHashMap<>();
      for (ConsumerRecord<String, String> record : ofChannel) {
        if (is(record, ClientMessageReceived.class)) {
          ClientMessageReceived received = read(record, ClientMessageReceived.class);
          textsBySession
              .computeIfAbsent(received.sessionId(), id -> new ArrayList<>())
              .add(received.text());
        }
      }
      for (TestChannel.Chat chat : chats) {
        SessionOpened session =
            opened.stream()
                .filter(o -> chat.chatId.equals(o.externalChatId()))
                .findFirst()
                .orElseThrow();
        List<String> expected =
            new ArrayList<>(
                List.of(
                    "message 1 of " + chat.chatId,
                    "message 2 of " + chat.chatId,
                    "message 3 of " + chat.chatId));
        if (chat == chats.get(0) || chat == chats.get(1)) {
          expected.add("bye");
        }
        assertThat(textsBySession.get(session.sessionId()), equalTo(expected));
        if (chat == chats.get(0)) {
          given()
              .header("Authorization", "Bearer " + TestTokens.token("supervisor1", "supervisor"))
              .when()
              .get("/api/v1/sessions/" + session.sessionId() + "/messages")
              .then()
              .statusCode(200)
              .body("items.text", equalTo(expected))
              .body("items[0].authorName", equalTo("María García"));
        }
      }
    }
  }

  @Test
  void aSecondMessageOfTheSameChatJoinsItsOpenSession() {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    TestChannel.Chat chat = channel.newChat();
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      chat.says("Hola");
      chat.says("¿Hay alguien?");

      ClientMessageReceived second =
          awaitEvent(
              events,
              ClientMessageReceived.class,
              e -> channel.id.equals(e.channelId()) && "¿Hay alguien?".equals(e.text()));
      List<ConsumerRecord<String, String>> ofChannel =
          events.records().stream().filter(r -> channel.id.equals(r.key())).toList();
      assertThat(ofChannel.stream().filter(r -> is(r, SessionOpened.class)).toList(), hasSize(1));
      List<ClientMessageReceived> messages =
          ofChannel.stream()
              .filter(r -> is(r, ClientMessageReceived.class))
              .map(r -> read(r, ClientMessageReceived.class))
              .toList();
      assertThat(messages, hasSize(2));
      assertThat(messages.get(0).sessionId(), equalTo(second.sessionId()));
    }
  }

  /**
   * A known client whose connector tells something new of them (a new username) is updated in the
   * batch, not after the batch failed: the update's statement got its id array spread into as many
   * parameters, so every such batch failed and went one record at a time.
   */
  @Test
  void aClientsNewDetailsAreStoredByTheBatchWithoutFallingBackToOneByOne() {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    TestChannel.Chat chat = channel.newChat();
    chat.says("Hola");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Platform.count(
                    "SELECT count(*) FROM session.message WHERE connector_id = ?",
                    channel.connectorId),
            n -> n == 1);
    double oneByOneBefore = oneByOneBatches();

    Platform.publish(
        new InboundMessageReceived(
            Platform.newId(),
            ConnectorType.TELEGRAM,
            channel.connectorId,
            channel.accountId,
            chat.chatId,
            "2",
            new ClientIdentity(
                chat.chatId, "María G.", "María", "G.", "mgarcia_new", null, null, null, "es"),
            "Soy yo otra vez",
            List.of(),
            Instant.now(),
            Instant.now()));
    await("the identity takes the new username")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Platform.count(
                    "SELECT count(*) FROM session.client_identity WHERE external_chat_id = ?"
                        + " AND username = 'mgarcia_new'",
                    chat.chatId),
            n -> n == 1);
    assertThat("batches handled one by one", oneByOneBatches(), equalTo(oneByOneBefore));
  }

  private double oneByOneBatches() {
    return metrics.counter(InboundMessageConsumer.ONE_BY_ONE_METRIC).count();
  }

  @Test
  void aRedeliveredEventAndAMessageResentUnderANewEventIdAreStoredOnce() {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    TestChannel.Chat chat = channel.newChat();
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      InboundMessageReceived hello = chat.says("Hola");
      Platform.publish(hello);
      Platform.publish(
          new InboundMessageReceived(
              Platform.newId(),
              hello.connectorType(),
              hello.connectorId(),
              hello.accountId(),
              hello.externalChatId(),
              hello.externalMessageId(),
              hello.client(),
              hello.text(),
              hello.attachments(),
              hello.sentAt(),
              hello.occurredAt()));
      chat.says("Gracias");

      ClientMessageReceived last =
          awaitEvent(
              events,
              ClientMessageReceived.class,
              e -> channel.id.equals(e.channelId()) && "Gracias".equals(e.text()));
      // One chat, one partition: everything published before "Gracias" has been handled by now.
      assertThat(
          events.records().stream()
              .filter(r -> channel.id.equals(r.key()) && is(r, ClientMessageReceived.class))
              .toList(),
          hasSize(2));
      given()
          .header("Authorization", "Bearer " + TestTokens.token("supervisor1", "supervisor"))
          .when()
          .get("/api/v1/sessions/" + last.sessionId() + "/messages")
          .then()
          .statusCode(200)
          .body("items.text", contains("Hola", "Gracias"));
    }
  }

  @Test
  void twoChatsOfOneBotMayUseTheSameMessageIdAndBothMessagesAreStored() {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    TestChannel.Chat ana = channel.newChat();
    TestChannel.Chat bruno = channel.newChat();
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      InboundMessageReceived fromAna = ana.says("Soy Ana");
      InboundMessageReceived fromBruno = bruno.says("Soy Bruno");
      assertThat(fromBruno.externalMessageId(), equalTo(fromAna.externalMessageId()));

      ClientMessageReceived first =
          awaitEvent(
              events,
              ClientMessageReceived.class,
              e -> "Soy Ana".equals(e.text()) && channel.id.equals(e.channelId()));
      ClientMessageReceived second =
          awaitEvent(
              events,
              ClientMessageReceived.class,
              e -> "Soy Bruno".equals(e.text()) && channel.id.equals(e.channelId()));
      assertThat(second.sessionId(), not(equalTo(first.sessionId())));
    }
  }

  @Test
  void aMessageThatArrivesBeforeItsConnectorsRegistrationIsStoredWhenTheRegistrationArrives() {
    // The copies are read from the start of their topics: wait until they have caught up, so that
    // this test measures the parking, not the first start.
    TestChannel.withQueue(TestChannel.newAgent());
    TestChannel channel = TestChannel.unregistered(TestChannel.newAgent());
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      channel.newChat().says("¿Hola?");
      channel.register();

      ClientMessageReceived received =
          awaitEvent(events, ClientMessageReceived.class, e -> channel.id.equals(e.channelId()));
      assertThat(received.text(), equalTo("¿Hola?"));
    }
  }

  @Test
  void aMessageForAConnectorThatStaysUnknownIsDeadLetteredWithTheReason() {
    TestChannel channel = TestChannel.unregistered(TestChannel.newAgent());
    try (TopicProbe deadLetters = TopicProbe.open(Topics.dlq(Topics.INBOUND_MESSAGES))) {
      InboundMessageReceived lost = channel.newChat().says("¿Hola?");

      ConsumerRecord<String, String> record =
          deadLetters.await(
              r -> lost.id().equals(TopicProbe.header(r, CloudEventHeaders.ID)),
              Duration.ofSeconds(30));
      assertThat(
          TopicProbe.header(record, DeadLetterHeaders.REASON),
          containsString("Unknown connector " + channel.connectorId));
      assertThat(record.key(), equalTo(lost.partitionKey()));
      assertThat(read(record, InboundMessageReceived.class).text(), equalTo("¿Hola?"));
      assertThat(
          TopicProbe.header(record, DeadLetterHeaders.TOPIC), equalTo(Topics.INBOUND_MESSAGES));
    }
  }

  @Test
  void aMessageForADeletedConnectorIsDeadLetteredWithTheReason() {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    Platform.publish(
        Platform.connector(channel.connectorId, channel.id, channel.accountId, 2, true));
    Platform.awaitConnectorCopy(channel.connectorId, 2);
    try (TopicProbe deadLetters = TopicProbe.open(Topics.dlq(Topics.INBOUND_MESSAGES))) {
      InboundMessageReceived late = channel.newChat().says("¿Hola?");

      ConsumerRecord<String, String> record =
          deadLetters.await(r -> late.id().equals(TopicProbe.header(r, CloudEventHeaders.ID)));
      assertThat(TopicProbe.header(record, DeadLetterHeaders.REASON), containsString("deleted"));
    }
  }

  @Test
  void aMessageWithANulCharacterIsStoredWithAReplacementCharacterInsteadOfBeingLost() {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    TestChannel.Chat chat = channel.newChat();
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      // PostgreSQL refuses U+0000 in text: this message went to the dead-letter topic.
      InboundMessageReceived withNul = chat.says("Hola\u0000mundo");

      ClientMessageReceived received =
          awaitEvent(
              events, ClientMessageReceived.class, e -> withNul.id().equals(e.inboundEventId()));
      assertThat(received.text(), equalTo("Hola\uFFFDmundo"));
      given()
          .header("Authorization", "Bearer " + TestTokens.token("supervisor1", "supervisor"))
          .when()
          .get("/api/v1/sessions/" + received.sessionId() + "/messages")
          .then()
          .statusCode(200)
          .body("items.text", contains("Hola\uFFFDmundo"));
    }
  }

  @Test
  void aRecordThatCannotBeReadIsDeadLetteredWithTheReasonAndDoesNotBlockTheTopic() {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    TestChannel.Chat chat = channel.newChat();
    String id = Platform.newId();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ce_specversion", "1.0");
    headers.put("ce_id", id);
    headers.put("ce_type", EventRegistry.ceTypeOf(InboundMessageReceived.class));
    headers.put("ce_source", "/connectors/broken");
    try (TopicProbe deadLetters = TopicProbe.open(Topics.dlq(Topics.INBOUND_MESSAGES));
        TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      Platform.publishRaw(
          Topics.INBOUND_MESSAGES,
          chat.key(),
          headers,
          ("{\"id\":\"" + id + "\",\"text\":\"no connector\"}").getBytes(StandardCharsets.UTF_8));
      chat.says("Después");

      ConsumerRecord<String, String> record =
          deadLetters.await(r -> id.equals(TopicProbe.header(r, CloudEventHeaders.ID)));
      assertThat(TopicProbe.header(record, DeadLetterHeaders.REASON), notNullValue());
      awaitEvent(
          events,
          ClientMessageReceived.class,
          e -> channel.id.equals(e.channelId()) && "Después".equals(e.text()));
    }
  }
}
