package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Platform.newId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.inbound.InboundMessageReceived;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel of its own for one test (the broker is shared): a Telegram connector and a queue,
 * published on the configuration topics and awaited in session-service's copies.
 */
final class TestChannel {

  final String id = newId();
  final String name = "Support " + id.substring(0, 8);
  final String connectorId = newId();
  final String accountId = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40));
  final List<String> agentIds;
  final String botId;
  final Map<String, JsonNode> moreSections;

  private TestChannel(List<String> agentIds, String botId) {
    this(agentIds, botId, Map.of());
  }

  private TestChannel(List<String> agentIds, String botId, Map<String, JsonNode> moreSections) {
    this.agentIds = agentIds;
    this.botId = botId;
    this.moreSections = moreSections;
  }

  /**
   * A channel whose {@code automation.noAgentAction} (A4) and {@code workingTime.offHoursText} (W2)
   * are these, known when this returns.
   */
  static TestChannel withNoAgentAction(String noAgentAction, String offHoursText) {
    ObjectNode automation =
        JsonNodeFactory.instance.objectNode().put("noAgentAction", noAgentAction);
    ObjectNode workingTime =
        JsonNodeFactory.instance
            .objectNode()
            .put("enabled", false)
            .put("offHoursText", offHoursText);
    TestChannel channel =
        new TestChannel(
            List.of(newAgent()),
            null,
            Map.of("automation", automation, "workingTime", workingTime));
    channel.register();
    return channel;
  }

  /** A channel with these settings sections (e.g. automation, quality), known when this returns. */
  static TestChannel withSections(Map<String, JsonNode> sections, String... agentIds) {
    TestChannel channel = new TestChannel(List.of(agentIds), null, sections);
    channel.register();
    return channel;
  }

  /** A channel whose new sessions go to this chatbot first (B1), known when this returns. */
  static TestChannel withBot(String botId, String... agentIds) {
    TestChannel channel = new TestChannel(List.of(agentIds), botId);
    channel.register();
    return channel;
  }

  /**
   * A channel with this chatbot whose clients ask for a person with these words ({@code
   * bots.handoverKeywords}, B1), known when this returns.
   */
  static TestChannel withBotAndHandoverKeywords(
      String botId, List<String> keywords, String... agentIds) {
    ObjectNode bots = JsonNodeFactory.instance.objectNode();
    keywords.forEach(keyword -> bots.withArray("handoverKeywords").add(keyword));
    TestChannel channel = new TestChannel(List.of(agentIds), botId, Map.of("bots", bots));
    channel.register();
    return channel;
  }

  /** A fresh chatbot id: the subject of the bot's token. */
  static String newBot() {
    return "bot-" + newId().substring(0, 8);
  }

  /** channel-config publishes a newer version of the channel with this bot (null: none). */
  void changeBot(long version, String newBotId) {
    Platform.publish(Platform.channel(id, version, name, true, agentIds, newBotId, moreSections));
    Platform.awaitChannelCopy(id, version);
  }

  /** A channel whose queue holds these agents, known to session-service when this returns. */
  static TestChannel withQueue(String... agentIds) {
    TestChannel channel = unregistered(agentIds);
    channel.register();
    return channel;
  }

  /** The same, but nothing published yet. */
  static TestChannel unregistered(String... agentIds) {
    return new TestChannel(List.of(agentIds), null);
  }

  void register() {
    publishRegistration();
    Platform.awaitChannelCopy(id, 1);
    Platform.awaitConnectorCopy(connectorId, 1);
  }

  /** channel-config publishes the channel and its connector; not awaited. */
  void publishRegistration() {
    Platform.publish(Platform.channel(id, 1, name, true, agentIds, botId, moreSections));
    Platform.publish(Platform.connector(connectorId, id, accountId, 1, false));
  }

  Chat newChat() {
    return new Chat(Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40)));
  }

  /** A fresh agent id: agents are the tokens' subjects, so any unique string will do. */
  static String newAgent() {
    return "agent-" + newId().substring(0, 8);
  }

  /** One client's chat through the channel's connector. */
  final class Chat {

    final String chatId;
    private final AtomicInteger nextMessageId = new AtomicInteger(1);

    private Chat(String chatId) {
      this.chatId = chatId;
    }

    /** The gateway publishes the client's next message. */
    InboundMessageReceived says(String text) {
      InboundMessageReceived message = next(text);
      Platform.publish(message);
      return message;
    }

    /** The client presses a reply button (Telegram's callback_query): its label and value. */
    InboundMessageReceived presses(String label, String value) {
      InboundMessageReceived typed = next(label);
      InboundMessageReceived pressed =
          new InboundMessageReceived(
              typed.id(),
              typed.connectorType(),
              typed.connectorId(),
              typed.accountId(),
              typed.externalChatId(),
              "cb:" + typed.externalMessageId(),
              typed.client(),
              label,
              value,
              List.of(),
              null,
              typed.occurredAt());
      Platform.publish(pressed);
      return pressed;
    }

    /** The client's next message, not published. */
    InboundMessageReceived next(String text) {
      return Platform.inbound(
          connectorId, accountId, chatId, Integer.toString(nextMessageId.getAndIncrement()), text);
    }

    String key() {
      return "telegram:" + accountId + ":" + chatId;
    }
  }
}
