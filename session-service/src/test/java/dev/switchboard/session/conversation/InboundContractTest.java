package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Platform.awaitEvent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.DeadLetterHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.Attachment;
import dev.switchboard.events.common.AttachmentType;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * What a connector publishes is checked before anything of it is stored (docs/topics.md, "What
 * session-service accepts"): a record that breaks a rule goes to the dead-letter topic with the
 * rule as its reason, never reaches a session, and the chat's next good message is stored behind
 * it.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class InboundContractTest {

  @Test
  void aTextOverTheLimitIsDeadLetteredAndTheNextMessageIsStored() {
    String longest = "a".repeat(10_000);
    refused(
        m -> with(m, "x".repeat(10_001), m.attachments(), m.client()),
        "text is 10001 characters long, more than 10000 allowed",
        "size");
    stored(m -> with(m, longest, m.attachments(), m.client()));
  }

  @Test
  void tooManyAttachmentsAreDeadLettered() {
    Attachment photo =
        new Attachment(AttachmentType.IMAGE, "https://files.example/p.jpg", "p.jpg", null, 10L);
    refused(
        m -> with(m, m.text(), Collections.nCopies(11, photo), m.client()),
        "11 attachments, more than 10 allowed",
        "size");
  }

  @Test
  void anAttachmentWithANegativeSizeIsDeadLettered() {
    Attachment photo =
        new Attachment(AttachmentType.IMAGE, "https://files.example/p.jpg", "p.jpg", null, -1L);
    refused(
        m -> with(m, m.text(), List.of(photo), m.client()),
        "attachments[0].sizeBytes must not be negative",
        "size");
  }

  @Test
  void aClientFieldOverTheLimitIsDeadLettered() {
    refused(
        m ->
            with(
                m,
                m.text(),
                m.attachments(),
                new ClientIdentity(
                    m.client().externalUserId(),
                    "n".repeat(256),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)),
        "client.displayName is 256 characters long, more than 255 allowed",
        "size");
  }

  @Test
  void aMessageWithNeitherTextNorAttachmentsIsDeadLettered() {
    refused(
        m -> with(m, null, List.of(), m.client()),
        "The message has neither text nor attachments",
        "content");
  }

  @Test
  void aMessageForAnotherAccountThanItsConnectorsIsDeadLettered() {
    TestChannel other = TestChannel.withQueue(TestChannel.newAgent());
    // A connector writing for another channel's connector: the id is known, the account is not its.
    refused(
        m ->
            new InboundMessageReceived(
                m.id(),
                m.connectorType(),
                other.connectorId,
                m.accountId(),
                m.externalChatId(),
                m.externalMessageId(),
                m.client(),
                m.text(),
                m.attachments(),
                m.sentAt(),
                m.occurredAt()),
        "do not match connector " + other.connectorId,
        null);
  }

  @Test
  void aRecordKeyedOtherwiseThanTheContractSaysIsDeadLettered() {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    TestChannel.Chat chat = channel.newChat();
    InboundMessageReceived wrongKey = chat.next("keyed by channel");
    try (TopicProbe deadLetters = TopicProbe.open(Topics.dlq(Topics.INBOUND_MESSAGES));
        TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      Platform.publishRaw(
          Topics.INBOUND_MESSAGES,
          channel.id,
          CloudEventHeaders.of(wrongKey, Platform.SOURCE),
          EventJson.write(wrongKey));
      InboundMessageReceived good = chat.says("keyed right");

      assertDeadLettered(
          deadLetters,
          wrongKey.id(),
          "The record key must be connectorType:accountId:externalChatId ("
              + chat.key()
              + "), not "
              + channel.id);
      awaitStored(events, good);
      assertNeverStored(events, wrongKey);
      assertCounted("key");
    }
  }

  @Test
  void aRecordMissingARequiredFieldIsDeadLettered() {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    TestChannel.Chat chat = channel.newChat();
    InboundMessageReceived full = chat.next("no message id");
    String withoutMessageId =
        new String(EventJson.write(full), StandardCharsets.UTF_8)
            .replace("\"externalMessageId\":\"" + full.externalMessageId() + "\",", "");
    try (TopicProbe deadLetters = TopicProbe.open(Topics.dlq(Topics.INBOUND_MESSAGES));
        TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      Platform.publishRaw(
          Topics.INBOUND_MESSAGES,
          chat.key(),
          CloudEventHeaders.of(full, Platform.SOURCE),
          withoutMessageId.getBytes(StandardCharsets.UTF_8));
      InboundMessageReceived good = chat.says("with an id");

      assertDeadLettered(deadLetters, full.id(), "externalMessageId");
      awaitStored(events, good);
    }
  }

  @Test
  void aRecordOverTheSizeLimitIsDeadLetteredUnread() {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    TestChannel.Chat chat = channel.newChat();
    InboundMessageReceived huge = chat.next("big");
    String padded =
        new String(EventJson.write(huge), StandardCharsets.UTF_8)
            .replace("\"big\"", "\"" + "b".repeat(140_000) + "\"");
    try (TopicProbe deadLetters = TopicProbe.open(Topics.dlq(Topics.INBOUND_MESSAGES));
        TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      Platform.publishRaw(
          Topics.INBOUND_MESSAGES,
          chat.key(),
          CloudEventHeaders.of(huge, Platform.SOURCE),
          padded.getBytes(StandardCharsets.UTF_8));
      InboundMessageReceived good = chat.says("small");

      assertDeadLettered(deadLetters, huge.id(), "more than 131072 allowed");
      awaitStored(events, good);
      assertNeverStored(events, huge);
      assertCounted("size");
    }
  }

  /**
   * The chat's message, changed by {@code breakIt}, is dead-lettered with {@code reason}; the
   * chat's next message, on the same partition, is stored behind it.
   */
  private static void refused(
      UnaryOperator<InboundMessageReceived> breakIt, String reason, String rule) {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    TestChannel.Chat chat = channel.newChat();
    try (TopicProbe deadLetters = TopicProbe.open(Topics.dlq(Topics.INBOUND_MESSAGES));
        TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      InboundMessageReceived bad = breakIt.apply(chat.next("bad"));
      Platform.publish(bad);
      InboundMessageReceived good = chat.says("good");

      assertDeadLettered(deadLetters, bad.id(), reason);
      awaitStored(events, good);
      assertNeverStored(events, bad);
      if (rule != null) {
        assertCounted(rule);
      }
    }
  }

  private static void stored(UnaryOperator<InboundMessageReceived> change) {
    TestChannel channel = TestChannel.withQueue(TestChannel.newAgent());
    TestChannel.Chat chat = channel.newChat();
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      InboundMessageReceived message = change.apply(chat.next("at the limit"));
      Platform.publish(message);
      awaitStored(events, message);
    }
  }

  private static InboundMessageReceived with(
      InboundMessageReceived m, String text, List<Attachment> attachments, ClientIdentity client) {
    return new InboundMessageReceived(
        m.id(),
        m.connectorType(),
        m.connectorId(),
        m.accountId(),
        m.externalChatId(),
        m.externalMessageId(),
        client,
        text,
        attachments,
        m.sentAt(),
        m.occurredAt());
  }

  private static void assertDeadLettered(TopicProbe deadLetters, String eventId, String reason) {
    ConsumerRecord<String, String> record =
        deadLetters.await(r -> eventId.equals(TopicProbe.header(r, CloudEventHeaders.ID)));
    assertThat(TopicProbe.header(record, DeadLetterHeaders.REASON), containsString(reason));
    assertThat(
        TopicProbe.header(record, DeadLetterHeaders.TOPIC), equalTo(Topics.INBOUND_MESSAGES));
  }

  private static void awaitStored(TopicProbe events, InboundMessageReceived message) {
    awaitEvent(events, ClientMessageReceived.class, e -> message.id().equals(e.inboundEventId()));
  }

  /** Checked once the next message of the chat is stored: the refused one came before it. */
  private static void assertNeverStored(TopicProbe events, InboundMessageReceived message) {
    assertThat(
        events.records().stream()
            .filter(r -> Platform.is(r, ClientMessageReceived.class))
            .map(r -> Platform.read(r, ClientMessageReceived.class))
            .anyMatch(e -> message.id().equals(e.inboundEventId())),
        equalTo(false));
  }

  private static void assertCounted(String rule) {
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("switchboard_session_inbound_refused_total{rule=\"" + rule + "\"}"));
  }
}
