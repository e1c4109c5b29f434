package dev.switchboard.events;

import dev.switchboard.events.common.ConnectorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The topic catalogue: every topic name, how its records are keyed, and its dead-letter topic.
 * {@code docs/topics.md} describes the same topics for people.
 *
 * <p>Names carry a version ({@code .v1}); an incompatible change gets a new topic, additive changes
 * (new optional fields, new event types) stay on the same one.
 */
public final class Topics {

  /**
   * Every topic has a dead-letter topic named {@code <topic>.dlq} for records its consumers cannot
   * process.
   */
  public static final String DLQ_SUFFIX = ".dlq";

  /** A client's message, normalised by a connector. Key: {@link #connectorChatKey}. */
  public static final String INBOUND_MESSAGES = "oc.inbound.messages.v1";

  /** A message to deliver to a client. Key: {@link #connectorChatKey}. */
  public static final String OUTBOUND_MESSAGES = "oc.outbound.messages.v1";

  /** What happened to a session. Key: channel id. */
  public static final String SESSION_EVENTS = "oc.session.events.v1";

  /** Offers, assignments, "no agent available". Key: channel id. */
  public static final String ROUTING_EVENTS = "oc.routing.events.v1";

  /** Client recognised in the CRM, lead created. Key: channel id. */
  public static final String CRM_EVENTS = "oc.crm.events.v1";

  /** Late responses with their rendered notification. Key: channel id. */
  public static final String KPI_ALERTS = "oc.kpi.alerts.v1";

  /** Latest settings of each channel, compacted. Key: channel id. */
  public static final String CONFIG_CHANNELS = "oc.config.channels.v1";

  /** Latest directory entry of each agent, compacted. Key: agent id. */
  public static final String CONFIG_AGENTS = "oc.config.agents.v1";

  /** Latest registration of each connector (secrets encrypted), compacted. Key: connector id. */
  public static final String CONFIG_CONNECTORS = "oc.config.connectors.v1";

  /** Agent presence and clock-in changes. Key: agent id. */
  public static final String PRESENCE = "oc.presence.v1";

  public static final int EVENT_TOPIC_PARTITIONS = 6;
  public static final int COMPACTED_TOPIC_PARTITIONS = 3;
  public static final int DLQ_PARTITIONS = 1;

  private static final String CHANNEL_KEY = "channelId";
  private static final String CONNECTOR_CHAT_KEY = "connectorType:accountId:externalChatId";

  private static final List<TopicSpec> MAIN_TOPICS =
      List.of(
          events(INBOUND_MESSAGES, CONNECTOR_CHAT_KEY),
          events(OUTBOUND_MESSAGES, CONNECTOR_CHAT_KEY),
          events(SESSION_EVENTS, CHANNEL_KEY),
          events(ROUTING_EVENTS, CHANNEL_KEY),
          events(CRM_EVENTS, CHANNEL_KEY),
          events(KPI_ALERTS, CHANNEL_KEY),
          compacted(CONFIG_CHANNELS, CHANNEL_KEY),
          compacted(CONFIG_AGENTS, "agentId"),
          compacted(CONFIG_CONNECTORS, "connectorId"),
          events(PRESENCE, "agentId"));

  private static final List<TopicSpec> ALL_TOPICS = withDeadLetterTopics(MAIN_TOPICS);

  private Topics() {}

  /** The dead-letter topic of {@code topic}: {@code <topic>.dlq}. */
  public static String dlq(String topic) {
    Checks.requireText(topic, "topic");
    if (topic.endsWith(DLQ_SUFFIX)) {
      throw new IllegalArgumentException(topic + " is already a dead-letter topic");
    }
    return topic + DLQ_SUFFIX;
  }

  /**
   * The key of {@link #INBOUND_MESSAGES} and {@link #OUTBOUND_MESSAGES}: {@code
   * connectorType:accountId:externalChatId}, e.g. {@code telegram:bot-42:1234567}. All messages of
   * one chat land on one partition, in order, in both directions.
   */
  public static String connectorChatKey(
      ConnectorType connectorType, String accountId, String externalChatId) {
    Checks.requireValue(connectorType, "connectorType");
    Checks.requireText(accountId, "accountId");
    Checks.requireText(externalChatId, "externalChatId");
    return connectorType.wireName() + ':' + accountId + ':' + externalChatId;
  }

  /** The main topics (without their dead-letter topics), in catalogue order. */
  public static List<TopicSpec> mainTopics() {
    return MAIN_TOPICS;
  }

  /** Every topic to create: the main topics followed by their dead-letter topics. */
  public static List<TopicSpec> all() {
    return ALL_TOPICS;
  }

  public static Optional<TopicSpec> spec(String topic) {
    return ALL_TOPICS.stream().filter(t -> t.name().equals(topic)).findFirst();
  }

  private static TopicSpec events(String name, String keyRule) {
    return new TopicSpec(name, EVENT_TOPIC_PARTITIONS, TopicSpec.CleanupPolicy.DELETE, keyRule);
  }

  private static TopicSpec compacted(String name, String keyRule) {
    return new TopicSpec(
        name, COMPACTED_TOPIC_PARTITIONS, TopicSpec.CleanupPolicy.COMPACT, keyRule);
  }

  private static List<TopicSpec> withDeadLetterTopics(List<TopicSpec> main) {
    List<TopicSpec> all = new ArrayList<>(main);
    for (TopicSpec topic : main) {
      // A dead-letter topic keeps the original key but only one partition: it is read by people
      // and replay tools, not by a consumer group that needs to scale.
      all.add(
          new TopicSpec(
              dlq(topic.name()), DLQ_PARTITIONS, TopicSpec.CleanupPolicy.DELETE, topic.keyRule()));
    }
    return List.copyOf(all);
  }
}
