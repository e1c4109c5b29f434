package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Routing.as;
import static dev.switchboard.session.conversation.Routing.assignedSession;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;

import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.testkit.AccessMatrix;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who may call each endpoint of the sessions API (API.md, "Identity"): every endpoint against every
 * kind of caller, one table. A caller who may not know the session (an agent outside its channel's
 * queue, a bot that is not the session's) gets the very 404 an unknown id gets, whatever they ask
 * of it; a caller who may read it but not do this gets 403; a role the endpoint is not for, 403.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class SessionAccessMatrixTest {

  @Test
  void everyEndpointAnswersEachKindOfCallerAsTheRolesSay() {
    String agent = TestChannel.newAgent();
    String colleague = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent, colleague);
    String s = "/api/v1/sessions/" + assignedSession(channel.newChat(), channel.id, agent);
    String unknown = "/api/v1/sessions/" + UUID.randomUUID();
    String message =
        as("supervisor1", "supervisor").get(s + "/messages").then().extract().path("items[0].id");
    String client =
        "/api/v1/clients/"
            + as("supervisor1", "supervisor").get(s).then().extract().path("client.id");

    AccessMatrix matrix =
        new AccessMatrix()
            .caller("anonymous", null)
            .caller("agent of another audience", TestTokens.tokenForAnotherAudience(agent, "agent"))
            .caller("agent of another channel", TestTokens.token(TestChannel.newAgent(), "agent"))
            .caller("bot", TestTokens.token(TestChannel.newBot(), "bot"))
            .caller("agent of this channel", TestTokens.token(colleague, "agent"))
            .caller("the session's agent", TestTokens.token(agent, "agent"))
            .caller("supervisor", TestTokens.token("supervisor1", "supervisor"))
            .caller("admin", TestTokens.token("admin1", "admin"));
    // method path: anonymous, other audience, agent of another channel, bot, agent of this
    // channel, the session's agent, supervisor, admin
    matrix
        .row("GET  /api/v1/agent/sessions          401 401 200 403 200 200 403 403")
        .row("GET  /api/v1/bot/sessions            401 401 403 200 403 403 403 403")
        .row("GET  " + s + "                       401 401 404 404 200 200 200 200")
        .row("GET  " + unknown + "                 401 401 404 404 404 404 404 404")
        .row("GET  " + s + "/messages              401 401 404 404 200 200 200 200")
        .row("GET  " + s + "/messages/" + message + " 401 401 404 404 200 200 200 200")
        .row("GET  " + unknown + "/messages        401 401 404 404 404 404 404 404")
        .row("POST " + s + "/handover              401 401 403 404 403 403 409 409")
        .row("POST " + s + "/messages              401 401 404 404 403 201 403 403", text())
        .row("POST " + unknown + "/messages        401 401 404 404 404 404 404 404", text())
        .row("POST " + s + "/transfer              401 401 404 403 403 -   -   -", to(colleague))
        .row("POST " + s + "/close                 401 401 404 404 403 -   -   -")
        .row("GET  /api/v1/ratings                 401 401 403 403 403 403 200 200")
        .row("GET  /api/v1/ratings/by-agent        401 401 403 403 403 403 200 200")
        .row("GET  /api/v1/conversations           401 401 403 403 403 403 200 200")
        .row("GET  " + client + "/conversations    401 401 403 403 403 403 200 200");

    assertThat(matrix.wrongAnswers(), empty());
  }

  private static String text() {
    return "{\"text\":\"Hola\"}";
  }

  private static String to(String agentId) {
    return "{\"toAgentId\":\"" + agentId + "\"}";
  }
}
