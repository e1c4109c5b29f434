package dev.switchboard.routing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.Topics;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the routing flow tests share: fresh ids, waiting for the consumers, reading decisions. */
final class RoutingFlows {

  private RoutingFlows() {}

  /** The consumers start at the end of the shared topics: wait until they have their partitions. */
  static void awaitConsumersAssigned(ConsumerProgress progress) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                List.of(
                        Topics.SESSION_EVENTS,
                        Topics.PRESENCE,
                        Topics.CRM_EVENTS,
                        Topics.CONFIG_CHANNELS,
                        Topics.CONFIG_AGENTS)
                    .stream()
                    .allMatch(progress::hasAssignment));
  }

  /** Whether the record is a {@code type} decision about {@code sessionId}. */
  static boolean is(
      ConsumerRecord<String, String> record, Class<? extends RoutingEvent> type, String sessionId) {
    return EventRegistry.ceTypeOf(type).equals(TopicProbe.header(record, CloudEventHeaders.TYPE))
        && sessionId.equals(TopicProbe.header(record, CloudEventHeaders.SUBJECT));
  }

  static <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
    return EventJson.read(record.value().getBytes(StandardCharsets.UTF_8), type);
  }

  /** The agent's {@code POST /api/v1/sessions/{id}/accept}. */
  static ValidatableResponse accept(String agent, String session) {
    return answer(agent, session, "accept");
  }

  /** The agent's {@code POST /api/v1/sessions/{id}/decline}. */
  static ValidatableResponse decline(String agent, String session) {
    return answer(agent, session, "decline");
  }

  static ValidatableResponse answer(String agent, String session, String answer) {
    return given()
        .header("Authorization", "Bearer " + TestTokens.token(agent, "agent"))
        .when()
        .post("/api/v1/sessions/{id}/" + answer, session)
        .then();
  }

  /** The first offer of the session. */
  static OfferMade offerOf(TopicProbe routing, String session) {
    return read(routing.await(r -> is(r, OfferMade.class, session)), OfferMade.class);
  }

  /** The offer of the session to {@code agent} alone. */
  static OfferMade offerTo(TopicProbe routing, String session, String agent) {
    return read(
        routing.await(
            r ->
                is(r, OfferMade.class, session)
                    && read(r, OfferMade.class).agentIds().equals(List.of(agent))),
        OfferMade.class);
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  static String newAgent() {
    return "agent-" + UUID.randomUUID();
  }
}
