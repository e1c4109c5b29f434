package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Routing.as;
import static dev.switchboard.session.conversation.Routing.assignedSession;
import static dev.switchboard.session.conversation.Routing.reply;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * O2: an inactive channel still stores its clients' messages; its agents' replies get 409 with the
 * reason (routing-service no longer offers or assigns its sessions: its own tests).
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class InactiveChannelTest {

  private static List<String> texts(String sessionId) {
    return as("supervisor1", "supervisor")
        .when()
        .get("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(200)
        .extract()
        .path("items.text");
  }

  @Test
  void aDeactivatedChannelStoresTheClientsMessagesButRefusesItsAgentsReplies() {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    TestChannel.Chat chat = channel.newChat();
    String sessionId = assignedSession(chat, channel.id, agent);

    Platform.publish(Platform.channel(channel.id, 2, channel.name, false, channel.agentIds));
    Platform.awaitChannelCopy(channel.id, 2);
    chat.says("¿Hay alguien?");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> texts(sessionId).equals(List.of("Hola, necesito ayuda", "¿Hay alguien?")));
    reply(agent, sessionId, "Sí, aquí estoy")
        .statusCode(409)
        .body("detail", containsString("not active"))
        .body("currentState", equalTo("ASSIGNED"));
  }
}
