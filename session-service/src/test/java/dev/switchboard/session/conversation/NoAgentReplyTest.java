package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Platform.awaitEvent;
import static dev.switchboard.session.conversation.Platform.is;
import static dev.switchboard.session.conversation.Routing.as;
import static dev.switchboard.session.conversation.Routing.assigned;
import static dev.switchboard.session.conversation.Routing.assignedSession;
import static dev.switchboard.session.conversation.Routing.noAgent;
import static dev.switchboard.session.conversation.Routing.publish;
import static dev.switchboard.session.conversation.Routing.queuedSession;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.NoAgentReason;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A4: routing-service's {@code NoAgentAvailable} sends the channel's automatic reply (its off-hours
 * text, W2, when {@code automation.noAgentAction} is OFF_HOURS_TEXT) once per session, as a SYSTEM
 * message of the session and an {@code OutboundMessageRequested} of kind AUTOMATIC_TEXT.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class NoAgentReplyTest {

  private static final String OFF_HOURS =
      "Ahora no hay agentes disponibles. Te responderemos lo antes posible.";

  /** The session's messages as "AUTHORTYPE: text", read by a supervisor. */
  private static List<String> messages(String sessionId) {
    List<String> types =
        as("supervisor1", "supervisor")
            .when()
            .get("/api/v1/sessions/" + sessionId + "/messages")
            .then()
            .statusCode(200)
            .extract()
            .path("items.authorType");
    List<String> texts =
        as("supervisor1", "supervisor")
            .when()
            .get("/api/v1/sessions/" + sessionId + "/messages")
            .then()
            .extract()
            .path("items.text");
    return IntStream.range(0, texts.size())
        .mapToObj(i -> types.get(i) + ": " + texts.get(i))
        .toList();
  }

  /**
   * Routing assigns another session of the channel; once that is recorded, every routing event of
   * the channel published before it was handled (same key, same partition, in order).
   */
  private static void awaitRoutingEventsHandled(TestChannel channel) {
    assignedSession(channel.newChat(), channel.id, channel.agentIds.get(0));
  }

  private static List<OutboundMessageRequested> automaticTexts(
      TopicProbe outbound, String sessionId) {
    return outbound.records().stream()
        .filter(r -> is(r, OutboundMessageRequested.class))
        .map(r -> Platform.read(r, OutboundMessageRequested.class))
        .filter(m -> sessionId.equals(m.sessionId()))
        .toList();
  }

  @Test
  void noAgentAvailableSendsTheChannelsOffHoursTextOnceAsAnAutomaticMessage() {
    TestChannel channel = TestChannel.withNoAgentAction("OFF_HOURS_TEXT", OFF_HOURS);
    TestChannel.Chat chat = channel.newChat();
    String waiting = queuedSession(chat, channel.id);

    try (TopicProbe outbound = TopicProbe.open(Topics.OUTBOUND_MESSAGES)) {
      NoAgentAvailable none = noAgent(waiting, channel.id, NoAgentReason.NONE_AVAILABLE);
      publish(none);

      OutboundMessageRequested reply =
          awaitEvent(outbound, OutboundMessageRequested.class, m -> waiting.equals(m.sessionId()));
      assertThat(reply.kind(), equalTo(OutboundMessageKind.AUTOMATIC_TEXT));
      assertThat(reply.text(), equalTo(OFF_HOURS));
      assertThat(reply.sender(), nullValue());
      assertThat(reply.channelId(), equalTo(channel.id));
      assertThat(reply.externalChatId(), equalTo(chat.chatId));
      assertThat(reply.connectorId(), equalTo(channel.connectorId));
      assertThat(reply.messageId(), notNullValue());
      as("supervisor1", "supervisor")
          .when()
          .get("/api/v1/sessions/" + waiting + "/messages/" + reply.messageId())
          .then()
          .statusCode(200)
          .body("authorType", equalTo("SYSTEM"))
          .body("authorId", nullValue())
          .body("text", equalTo(OFF_HOURS));

      // The same event redelivered, and routing reporting again after a whole round: once only.
      publish(none);
      publish(noAgent(waiting, channel.id, NoAgentReason.ALL_PASSED));
      awaitRoutingEventsHandled(channel);

      assertThat(
          messages(waiting), contains("CLIENT: Hola, necesito ayuda", "SYSTEM: " + OFF_HOURS));
      assertThat(automaticTexts(outbound, waiting), hasSize(1));
    }
  }

  @Test
  void aChannelWhoseNoAgentActionIsNoneSendsNothing() {
    TestChannel channel = TestChannel.withNoAgentAction("NONE", OFF_HOURS);
    String waiting = queuedSession(channel.newChat(), channel.id);

    try (TopicProbe outbound = TopicProbe.open(Topics.OUTBOUND_MESSAGES)) {
      publish(noAgent(waiting, channel.id, NoAgentReason.QUEUE_EMPTY));
      awaitRoutingEventsHandled(channel);

      assertThat(messages(waiting), contains("CLIENT: Hola, necesito ayuda"));
      assertThat(automaticTexts(outbound, waiting), empty());
    }
  }

  @Test
  void noAutomaticReplyOnceTheSessionIsNoLongerWaiting() {
    TestChannel channel = TestChannel.withNoAgentAction("OFF_HOURS_TEXT", OFF_HOURS);
    String agent = channel.agentIds.get(0);
    String waiting = queuedSession(channel.newChat(), channel.id);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS);
        TopicProbe outbound = TopicProbe.open(Topics.OUTBOUND_MESSAGES)) {
      // Assigned before routing's report of a moment earlier arrives.
      publish(assigned(waiting, channel.id, agent, AssignmentReason.DISTRIBUTION, null));
      awaitEvent(events, SessionAssigned.class, e -> waiting.equals(e.sessionId()));
      publish(noAgent(waiting, channel.id, NoAgentReason.ALL_AT_CAPACITY));
      awaitRoutingEventsHandled(channel);

      assertThat(messages(waiting), contains("CLIENT: Hola, necesito ayuda"));
      assertThat(automaticTexts(outbound, waiting), empty());
    }
  }
}
