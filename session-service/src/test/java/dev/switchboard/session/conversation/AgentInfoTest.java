package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Routing.assignedSession;
import static dev.switchboard.session.conversation.Routing.reply;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AgentRef;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Q8: an agent's reply shows the client the sender per the channel's {@code routing.agentInfo}: the
 * directory profile, the channel's own entry for the agent (the profile when it has none), or
 * nobody; the stored message names its author either way.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class AgentInfoTest {

  private static final String PROFILE_AVATAR = "https://cdn.example.com/ana.png";

  /** A channel showing agents so, with this agent (named "Ana Pérez" in the directory) queued. */
  private static TestChannel channel(String agentInfo, ObjectNode agentEntries, String agent) {
    Platform.publish(Platform.agent(agent, "Ana Pérez", PROFILE_AVATAR));
    Platform.awaitAgentCopy(agent);
    ObjectNode routing = JsonNodeFactory.instance.objectNode().put("agentInfo", agentInfo);
    Map<String, JsonNode> sections =
        agentEntries == null
            ? Map.of("routing", routing)
            : Map.of("routing", routing, "agentEntries", agentEntries);
    return TestChannel.withSections(sections, agent);
  }

  /** The agent answers; the sender of the reply the client is sent, and the stored author name. */
  private static OutboundMessageRequested answer(TestChannel channel, String agent, String text) {
    TestChannel.Chat chat = channel.newChat();
    String sessionId = assignedSession(chat, channel.id, agent);
    try (TopicProbe outbound = TopicProbe.open(Topics.OUTBOUND_MESSAGES)) {
      reply(agent, sessionId, text).statusCode(201).body("authorId", equalTo(agent));
      return Platform.read(
          outbound.await(r -> chat.key().equals(r.key())), OutboundMessageRequested.class);
    }
  }

  @Test
  void profileShowsTheDirectorysNameAndAvatar() {
    String agent = TestChannel.newAgent();
    TestChannel channel = channel("PROFILE", null, agent);

    AgentRef sender = answer(channel, agent, "Hola").sender();

    assertThat(sender, equalTo(new AgentRef(agent, "Ana Pérez", PROFILE_AVATAR)));
  }

  @Test
  void channelEntriesShowTheChannelsOwnEntryForTheAgent() {
    String agent = TestChannel.newAgent();
    ObjectNode entries = JsonNodeFactory.instance.objectNode();
    entries
        .putObject(agent)
        .put("displayName", "Soporte Ana")
        .put("avatarUrl", "https://cdn.example.com/soporte.png");
    TestChannel channel = channel("CHANNEL_ENTRIES", entries, agent);

    AgentRef sender = answer(channel, agent, "Hola").sender();

    assertThat(
        sender, equalTo(new AgentRef(agent, "Soporte Ana", "https://cdn.example.com/soporte.png")));
  }

  @Test
  void channelEntriesWithoutAnEntryForTheAgentShowTheProfile() {
    String agent = TestChannel.newAgent();
    ObjectNode entries = JsonNodeFactory.instance.objectNode();
    entries.putObject("someone-else").put("displayName", "Otro").putNull("avatarUrl");
    TestChannel channel = channel("CHANNEL_ENTRIES", entries, agent);

    AgentRef sender = answer(channel, agent, "Hola").sender();

    assertThat(sender, equalTo(new AgentRef(agent, "Ana Pérez", PROFILE_AVATAR)));
  }

  @Test
  void hiddenSendsNoSenderButTheStoredMessageNamesItsAuthor() {
    String agent = TestChannel.newAgent();
    TestChannel channel = channel("HIDDEN", null, agent);
    TestChannel.Chat chat = channel.newChat();
    String sessionId = assignedSession(chat, channel.id, agent);

    try (TopicProbe outbound = TopicProbe.open(Topics.OUTBOUND_MESSAGES)) {
      reply(agent, sessionId, "Hola")
          .statusCode(201)
          .body("authorId", equalTo(agent))
          .body("authorName", equalTo("Ana Pérez"));
      OutboundMessageRequested sent =
          Platform.read(
              outbound.await(r -> chat.key().equals(r.key())), OutboundMessageRequested.class);
      assertThat(sent.text(), equalTo("Hola"));
      assertThat(sent.sender(), nullValue());
    }
  }
}
