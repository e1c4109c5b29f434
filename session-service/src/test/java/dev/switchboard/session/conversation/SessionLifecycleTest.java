package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Platform.awaitEvent;
import static dev.switchboard.session.conversation.Routing.as;
import static dev.switchboard.session.conversation.Routing.asAgent;
import static dev.switchboard.session.conversation.Routing.assignedSession;
import static dev.switchboard.session.conversation.Routing.reply;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.Topics;
import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.outbound.ReplyButton;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.CloseReason;
import dev.switchboard.events.session.ClosedBy;
import dev.switchboard.events.session.QueueReason;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionMarkedUnanswered;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.events.session.SessionRated;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.session.lifecycle.LifecycleTestProfile;
import dev.switchboard.session.timers.MovableClock;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A session's lifecycle as the client and the agent live it: A1's greeting when it opens, the
 * states that say who is to write next, A5's closing text and R1's rating request (buttons) when
 * the agent closes it, A6's wait on a durable timer, the rating (R2 closes, R3 stored), and the
 * client who writes again instead of rating.
 */
@QuarkusTest
@TestProfile(LifecycleTestProfile.class)
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class SessionLifecycleTest {

  private static final String GREETING = "¡Hola! Un agente te atenderá enseguida.";
  private static final String CLOSING = "Gracias por escribirnos.";
  private static final String OFF_HOURS_TEXT = "Estamos fuera de horario; te responderemos pronto.";
  private static final String TIMEOUT_TEXT = "Cerramos la conversación por inactividad.";
  private static final String RATING_ES =
      "Por favor, valore nuestra conversación de 1 (mala) a 5 (excelente).";

  @Inject MovableClock clock;

  private static TestChannel channel(int ratingWaitSeconds, boolean closeOnRating) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode automation =
        json.objectNode()
            .put("greetingEnabled", true)
            .put("greetingText", GREETING)
            .put("closingEnabled", true)
            .put("closingText", CLOSING)
            .put("ratingWaitSeconds", ratingWaitSeconds);
    ObjectNode quality =
        json.objectNode().put("askRating", true).put("closeOnRating", closeOnRating);
    ObjectNode other = json.objectNode().put("language", "es");
    Map<String, JsonNode> sections =
        Map.of("automation", automation, "quality", quality, "other", other);
    return TestChannel.withSections(sections, TestChannel.newAgent());
  }

  /** The session's messages as "AUTHORTYPE: text", read by a supervisor. */
  private static List<String> history(String sessionId) {
    var body =
        as("supervisor1", "supervisor")
            .when()
            .get("/api/v1/sessions/" + sessionId + "/messages")
            .then()
            .statusCode(200)
            .extract();
    List<String> types = body.path("items.authorType");
    List<String> texts = body.path("items.text");
    return IntStream.range(0, texts.size())
        .mapToObj(i -> types.get(i) + ": " + texts.get(i))
        .toList();
  }

  private static String stateInList(String agent, String sessionId) {
    List<String> states =
        asAgent(agent)
            .when()
            .get("/api/v1/agent/sessions")
            .then()
            .statusCode(200)
            .extract()
            .path("items.findAll { it.id == '" + sessionId + "' }.state");
    return states.isEmpty() ? null : states.get(0);
  }

  private static List<OutboundMessageRequested> automatic(TopicProbe outbound, String sessionId) {
    return outbound.records().stream()
        .filter(r -> Platform.is(r, OutboundMessageRequested.class))
        .map(r -> Platform.read(r, OutboundMessageRequested.class))
        .filter(m -> sessionId.equals(m.sessionId()))
        .filter(m -> m.kind() != OutboundMessageKind.AGENT_REPLY)
        .toList();
  }

  private static void close(String agent, String sessionId, String expectedState) {
    asAgent(agent)
        .when()
        .post("/api/v1/sessions/" + sessionId + "/close")
        .then()
        .statusCode(200)
        .body("state", equalTo(expectedState));
  }

  @Test
  void greetingThenClosingTextAndRatingRequestThenARatingByButtonClosesTheSession() {
    TestChannel channel = channel(600, true);
    String agent = channel.agentIds.get(0);
    TestChannel.Chat chat = channel.newChat();
    try (TopicProbe outbound = TopicProbe.open(Topics.OUTBOUND_MESSAGES);
        TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      String session = assignedSession(chat, channel.id, agent);
      OutboundMessageRequested greeting =
          awaitEvent(outbound, OutboundMessageRequested.class, m -> session.equals(m.sessionId()));
      assertThat(greeting.text(), equalTo(GREETING));
      assertThat(greeting.kind(), equalTo(OutboundMessageKind.AUTOMATIC_TEXT));
      assertThat(stateInList(agent, session), equalTo("ASSIGNED"));

      reply(agent, session, "¿En qué te puedo ayudar?").statusCode(201);
      assertThat(stateInList(agent, session), equalTo("WAITING_CLIENT"));
      chat.says("Mi pedido no llegó");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "ANSWERED".equals(stateInList(agent, session)));
      reply(agent, session, "Ya está en camino.").statusCode(201);

      close(agent, session, "CLOSED_AWAITING_RATING");
      SessionClosed closed =
          awaitEvent(events, SessionClosed.class, e -> session.equals(e.sessionId()));
      assertThat(closed.closedBy(), equalTo(ClosedBy.AGENT));
      assertThat(closed.agentId(), equalTo(agent));
      assertThat(
          Duration.between(closed.occurredAt(), closed.awaitingRatingUntil()),
          equalTo(Duration.ofSeconds(600)));
      OutboundMessageRequested request =
          awaitEvent(
              outbound,
              OutboundMessageRequested.class,
              m -> session.equals(m.sessionId()) && m.kind() == OutboundMessageKind.RATING_REQUEST);
      assertThat(request.text(), equalTo(RATING_ES));
      assertThat(
          request.buttons().stream().map(ReplyButton::value).toList(),
          contains("rating:5", "rating:4", "rating:3", "rating:2", "rating:1"));
      assertThat(stateInList(agent, session), nullValue());

      chat.presses("5 ★★★★★", "rating:5");
      SessionRated rated =
          awaitEvent(events, SessionRated.class, e -> session.equals(e.sessionId()));
      assertThat(rated.score(), equalTo(5));
      assertThat(rated.agentId(), equalTo(agent));
      SessionClosed forGood =
          awaitEvent(
              events,
              SessionClosed.class,
              e -> session.equals(e.sessionId()) && e.awaitingRatingUntil() == null);
      assertThat(forGood.reason(), equalTo(CloseReason.RATING_RECEIVED));
      assertThat(forGood.closedBy(), equalTo(ClosedBy.CLIENT));

      assertThat(
          history(session),
          contains(
              "CLIENT: Hola, necesito ayuda",
              "SYSTEM: " + GREETING,
              "AGENT: ¿En qué te puedo ayudar?",
              "CLIENT: Mi pedido no llegó",
              "AGENT: Ya está en camino.",
              "SYSTEM: " + CLOSING,
              "SYSTEM: " + RATING_ES,
              "CLIENT: 5 ★★★★★"));
      assertThat(
          automatic(outbound, session).stream().map(OutboundMessageRequested::text).toList(),
          contains(GREETING, CLOSING, RATING_ES));
    }
  }

  @Test
  void withoutR2ARatingIsRecordedAndTheWaitEndsTheSessionWhenItsTimerFires() {
    TestChannel channel = channel(600, false);
    String agent = channel.agentIds.get(0);
    TestChannel.Chat chat = channel.newChat();
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      String session = assignedSession(chat, channel.id, agent);
      close(agent, session, "CLOSED_AWAITING_RATING");

      chat.says("4");
      SessionRated rated =
          awaitEvent(events, SessionRated.class, e -> session.equals(e.sessionId()));
      assertThat(rated.score(), equalTo(4));
      chat.says("3");

      clock.advance(Duration.ofSeconds(601));
      SessionClosed expired =
          awaitEvent(
              events,
              SessionClosed.class,
              e -> session.equals(e.sessionId()) && e.awaitingRatingUntil() == null);
      assertThat(expired.reason(), equalTo(CloseReason.RATING_WAIT_EXPIRED));
      assertThat(expired.closedBy(), equalTo(ClosedBy.SYSTEM));
      // The first rating stands: the second was a message of the session, not a rating.
      assertThat(
          events.records().stream()
              .filter(r -> Platform.is(r, SessionRated.class))
              .map(r -> Platform.read(r, SessionRated.class))
              .filter(e -> session.equals(e.sessionId()))
              .toList(),
          hasSize(1));
    }
  }

  @Test
  void aClientWhoWritesAgainInsteadOfRatingReopensTheSession() throws Exception {
    TestChannel channel = channel(600, true);
    String agent = channel.agentIds.get(0);
    TestChannel.Chat chat = channel.newChat();
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      String session = assignedSession(chat, channel.id, agent);
      close(agent, session, "CLOSED_AWAITING_RATING");

      chat.says("Perdona, una pregunta más");
      SessionQueued reopened =
          awaitEvent(
              events,
              SessionQueued.class,
              e -> session.equals(e.sessionId()) && e.reason() == QueueReason.REOPENED);
      assertThat(reopened.channelId(), equalTo(channel.id));

      // The wait's timer was cancelled with the re-opening, and the session left its agent.
      assertThat(
          Platform.count(
              "SELECT count(*) FROM session.scheduled_tasks WHERE task_instance = ?", session),
          equalTo(0L));
      assertThat(stateInList(agent, session), nullValue());
    }
  }

  @Test
  void a6OfZeroClosesAtOnceAfterTheRatingRequest() {
    TestChannel channel = channel(0, true);
    String agent = channel.agentIds.get(0);
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS);
        TopicProbe outbound = TopicProbe.open(Topics.OUTBOUND_MESSAGES)) {
      String session = assignedSession(channel.newChat(), channel.id, agent);
      close(agent, session, "CLOSED");
      SessionClosed closed =
          awaitEvent(events, SessionClosed.class, e -> session.equals(e.sessionId()));
      assertThat(closed.awaitingRatingUntil(), nullValue());
      awaitEvent(
          outbound,
          OutboundMessageRequested.class,
          m -> session.equals(m.sessionId()) && m.kind() == OutboundMessageKind.RATING_REQUEST);
    }
  }

  private static TestChannel channelWithClocks(Integer unansweredAfter, Integer timeout) {
    ObjectNode automation = JsonNodeFactory.instance.objectNode();
    if (unansweredAfter != null) {
      automation.put("unansweredAfterSeconds", unansweredAfter);
    }
    if (timeout != null) {
      automation
          .put("conversationTimeoutSeconds", timeout)
          .put("timeoutAction", "SEND_TEXT")
          .put("timeoutText", TIMEOUT_TEXT);
    }
    return TestChannel.withSections(Map.of("automation", automation), TestChannel.newAgent());
  }

  private static long pendingTimers(String taskName, String sessionId) throws Exception {
    return Platform.count(
        "SELECT count(*) FROM session.scheduled_tasks WHERE task_name = '"
            + taskName
            + "' AND task_instance = ?",
        sessionId);
  }

  @Test
  void a3MarksTheSessionUnansweredWhenNoAgentAnswersWithinTheInterval() throws Exception {
    TestChannel channel = channelWithClocks(60, null);
    String agent = channel.agentIds.get(0);
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      String session = assignedSession(channel.newChat(), channel.id, agent);
      ClientMessageReceived first =
          awaitEvent(events, ClientMessageReceived.class, e -> session.equals(e.sessionId()));

      clock.advance(Duration.ofSeconds(61));
      SessionMarkedUnanswered marked =
          awaitEvent(events, SessionMarkedUnanswered.class, e -> session.equals(e.sessionId()));
      assertThat(marked.agentId(), equalTo(agent));
      assertThat(
          Duration.between(first.occurredAt(), marked.unansweredSince()).abs().toSeconds(),
          lessThan(5L));
      // What a supervisor sees: the session carries the mark.
      as("supervisor1", "supervisor")
          .when()
          .get("/api/v1/sessions/" + session)
          .then()
          .statusCode(200)
          .body("unansweredSince", notNullValue());
    }
  }

  @Test
  void a3sClockStopsWhenTheAgentAnswers() throws Exception {
    TestChannel channel = channelWithClocks(60, null);
    String agent = channel.agentIds.get(0);
    String session = assignedSession(channel.newChat(), channel.id, agent);
    assertThat(pendingTimers("session-unanswered", session), equalTo(1L));

    reply(agent, session, "Hola, dime").statusCode(201);

    assertThat(pendingTimers("session-unanswered", session), equalTo(0L));
  }

  @Test
  void a7ClosesTheSessionWithItsTextWhenTheClientStaysSilent() {
    TestChannel channel = channelWithClocks(null, 120);
    String agent = channel.agentIds.get(0);
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS);
        TopicProbe outbound = TopicProbe.open(Topics.OUTBOUND_MESSAGES)) {
      String session = assignedSession(channel.newChat(), channel.id, agent);
      reply(agent, session, "¿Sigues ahí?").statusCode(201);

      clock.advance(Duration.ofSeconds(121));
      SessionClosed closed =
          awaitEvent(events, SessionClosed.class, e -> session.equals(e.sessionId()));
      assertThat(closed.reason(), equalTo(CloseReason.CONVERSATION_TIMEOUT));
      assertThat(closed.closedBy(), equalTo(ClosedBy.SYSTEM));
      OutboundMessageRequested text =
          awaitEvent(
              outbound,
              OutboundMessageRequested.class,
              m -> session.equals(m.sessionId()) && m.kind() == OutboundMessageKind.AUTOMATIC_TEXT);
      assertThat(text.text(), equalTo(TIMEOUT_TEXT));
    }
  }

  @Test
  void a7sClockStopsWhenTheClientWritesAndRestartsWithTheAgentsNextAnswer() throws Exception {
    TestChannel channel = channelWithClocks(null, 120);
    String agent = channel.agentIds.get(0);
    TestChannel.Chat chat = channel.newChat();
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      String session = assignedSession(chat, channel.id, agent);
      reply(agent, session, "¿Sigues ahí?").statusCode(201);
      assertThat(pendingTimers("session-conversation-timeout", session), equalTo(1L));

      chat.says("Sí, perdona");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> pendingTimers("session-conversation-timeout", session) == 0L);
      assertThat(stateInList(agent, session), equalTo("ANSWERED"));

      reply(agent, session, "Vale").statusCode(201);
      assertThat(pendingTimers("session-conversation-timeout", session), equalTo(1L));
    }
  }

  @Test
  void outsideWorkingTimeTheClientGetsTheOffHoursTextOnceAndTheSessionWaitsForTheOpening() {
    // Open one hour a day, starting two hours from now: closed now.
    int opening = (clock.instant().atZone(java.time.ZoneOffset.UTC).getHour() + 2) % 24;
    ObjectNode workingTime =
        JsonNodeFactory.instance
            .objectNode()
            .put("enabled", true)
            .put("timeZone", "UTC")
            .put("offHoursText", OFF_HOURS_TEXT);
    ObjectNode weekly = workingTime.putObject("weekly");
    for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
      weekly
          .putArray(day.name())
          .addObject()
          .put("from", String.format("%02d:00", opening))
          .put("to", String.format("%02d:00", opening + 1));
    }
    TestChannel channel =
        TestChannel.withSections(Map.of("workingTime", workingTime), TestChannel.newAgent());
    TestChannel.Chat chat = channel.newChat();
    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS);
        TopicProbe outbound = TopicProbe.open(Topics.OUTBOUND_MESSAGES)) {
      chat.says("¿Hay alguien?");
      String session =
          awaitEvent(events, SessionOpened.class, e -> channel.id.equals(e.channelId()))
              .sessionId();
      OutboundMessageRequested text =
          awaitEvent(outbound, OutboundMessageRequested.class, m -> session.equals(m.sessionId()));
      assertThat(text.text(), equalTo(OFF_HOURS_TEXT));
      chat.says("Hola?");
      await().atMost(Duration.ofSeconds(30)).until(() -> history(session).size() == 3);
      assertThat(
          history(session),
          contains("CLIENT: ¿Hay alguien?", "SYSTEM: " + OFF_HOURS_TEXT, "CLIENT: Hola?"));
      assertThat(
          events.records().stream()
              .filter(r -> Platform.is(r, SessionQueued.class))
              .map(r -> Platform.read(r, SessionQueued.class))
              .filter(e -> session.equals(e.sessionId()))
              .toList(),
          hasSize(0));

      clock.advance(Duration.ofHours(3));
      SessionQueued queued =
          awaitEvent(events, SessionQueued.class, e -> session.equals(e.sessionId()));
      assertThat(queued.reason(), equalTo(QueueReason.NEW_SESSION));
      assertThat(automatic(outbound, session), hasSize(1));
    }
  }
}
