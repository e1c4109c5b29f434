package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingFlows.newAgent;
import static dev.switchboard.routing.RoutingFlows.newId;
import static dev.switchboard.routing.RoutingFlows.offerOf;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;

import dev.switchboard.events.Topics;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.testkit.AccessMatrix;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Who may call each endpoint of routing-service (API.md, "Identity"): the offer answers are an
 * agent's, the waiting line a supervisor's or an administrator's. An agent who was never offered
 * the session gets the same 409 ({@code NOT_OFFERED}) whether the session exists or not.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class RoutingAccessMatrixTest {

  @Inject ConsumerProgress progress;

  @Test
  void everyEndpointAnswersEachKindOfCallerAsTheRolesSay() {
    RoutingFlows.awaitConsumersAssigned(progress);
    String channel = newId();
    String first = newAgent();
    String second = newAgent();
    String session = newId();
    try (RoutingEventsPublisher publish = new RoutingEventsPublisher();
        TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channelWithMode(channel, "STRICT_ORDER", null, first, second);
      publish.presence(first, PresenceStatus.ONLINE);
      publish.presence(second, PresenceStatus.ONLINE);
      publish.queued(channel, session);
      offerOf(routing, session);
    }
    String s = "/api/v1/sessions/" + session;
    String unknown = "/api/v1/sessions/" + newId();
    String waiting = "/api/v1/channels/" + channel + "/waiting";

    AccessMatrix matrix =
        new AccessMatrix()
            .caller("anonymous", null)
            .caller("agent of another audience", TestTokens.tokenForAnotherAudience(first, "agent"))
            .caller("agent of another channel", TestTokens.token(newAgent(), "agent"))
            .caller("bot", TestTokens.token("bot-" + newId(), "bot"))
            .caller("agent of this channel not offered", TestTokens.token(second, "agent"))
            .caller("supervisor", TestTokens.token("supervisor1", "supervisor"))
            .caller("admin", TestTokens.token("admin1", "admin"));
    // method path: anonymous, other audience, agent of another channel, bot, agent of this
    // channel not offered, supervisor, admin
    matrix
        .row("POST " + s + "/accept         401 401 409 403 409 403 403")
        .row("POST " + unknown + "/accept   401 401 409 403 409 403 403")
        .row("POST " + s + "/decline        401 401 409 403 409 403 403")
        .row("GET  " + waiting + "          401 401 403 403 403 200 200");

    assertThat(matrix.wrongAnswers(), empty());
  }
}
