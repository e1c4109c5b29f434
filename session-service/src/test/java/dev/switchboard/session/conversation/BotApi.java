package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Routing.as;

import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.testkit.TopicProbe;
import io.restassured.specification.RequestSpecification;
import java.util.List;

/** The bot API (B1, B2) as a chatbot calls it, and the queueing the tests look for after it. */
final class BotApi {

  private BotApi() {}

  /** A chatbot's call: role {@code bot}, subject = the bot id. */
  static RequestSpecification asBot(String botId) {
    return as(botId, "bot");
  }

  static String messagesPath(String sessionId) {
    return "/api/v1/sessions/" + sessionId + "/messages";
  }

  static String handoverPath(String sessionId) {
    return "/api/v1/sessions/" + sessionId + "/handover";
  }

  static String closePath(String sessionId) {
    return "/api/v1/sessions/" + sessionId + "/close";
  }

  /** The SessionQueued events of the session the probe has seen so far. */
  static List<SessionQueued> queuedEventsOf(TopicProbe events, String sessionId) {
    return events.records().stream()
        .filter(r -> Platform.is(r, SessionQueued.class))
        .map(r -> Platform.read(r, SessionQueued.class))
        .filter(e -> sessionId.equals(e.sessionId()))
        .toList();
  }
}
