package dev.switchboard.session.conversation;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.config.AgentDirectoryChanged;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ChannelSettings;
import dev.switchboard.events.config.ConnectorRegistrationChanged;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.testkit.Infrastructure;
import dev.switchboard.testkit.TestEvents;
import dev.switchboard.testkit.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the other services would publish, published by hand on the real broker (with a plain
 * producer, EventJson and CloudEventHeaders), and what session-service publishes, read back.
 */
public final class Platform {

  public static final String SOURCE = "/switchboard/session-service-tests";

  /** How long the configuration copies may take at first: they read the topics from the start. */
  static final Duration COPY_WAIT = Duration.ofSeconds(60);

  private Platform() {}

  public static String newId() {
    return UUID.randomUUID().toString();
  }

  public static void publish(PlatformEvent event) {
    TestEvents.publish(event, SOURCE);
  }

  public static void publishRaw(
      String topic, String key, Map<String, String> headers, byte[] value) {
    TestEvents.publishRaw(topic, key, headers, value);
  }

  // --- channel-config-service ---------------------------------------------------------------

  public static ConnectorRegistrationChanged connector(
      String connectorId, String channelId, String accountId, long version, boolean deleted) {
    return new ConnectorRegistrationChanged(
        newId(),
        connectorId,
        channelId,
        ConnectorType.TELEGRAM,
        accountId,
        version,
        deleted,
        null,
        Instant.now());
  }

  public static ChannelConfigChanged channel(
      String channelId, long version, String name, boolean active, List<String> agentIds) {
    return channel(channelId, version, name, active, agentIds, null, Map.of());
  }

  /**
   * The same with a chatbot ({@code settings.bots.botId}, B1; null: no bot) and more settings
   * sections, e.g. {@code automation} and {@code workingTime}; a {@code bots} section among them
   * (e.g. with {@code handoverKeywords}) gets the bot id added.
   */
  public static ChannelConfigChanged channel(
      String channelId,
      long version,
      String name,
      boolean active,
      List<String> agentIds,
      String botId,
      Map<String, JsonNode> moreSections) {
    ObjectNode queue = JsonNodeFactory.instance.objectNode();
    queue.putArray("members");
    agentIds.forEach(
        id -> queue.withArray("members").addObject().put("type", "USER").put("id", id));
    queue.put("distributionMode", "EVENLY");
    agentIds.forEach(id -> queue.withArray("agentIds").add(id));
    if (agentIds.isEmpty()) {
      queue.putArray("agentIds");
    }
    ObjectNode bots =
        moreSections.get("bots") instanceof ObjectNode given
            ? given.deepCopy()
            : JsonNodeFactory.instance.objectNode();
    if (botId == null) {
      bots.putNull("botId");
    } else {
      bots.put("botId", botId);
    }
    Map<String, JsonNode> sections = new LinkedHashMap<>(moreSections);
    sections.put("queue", queue);
    sections.put("bots", bots);
    return new ChannelConfigChanged(
        newId(),
        channelId,
        version,
        false,
        new ChannelSettings(name, active, sections),
        Instant.now());
  }

  public static AgentDirectoryChanged agent(String agentId, String name, String avatarUrl) {
    return new AgentDirectoryChanged(
        newId(), agentId, 1, false, name, avatarUrl, List.of(), false, List.of(), Instant.now());
  }

  /** Waits until session-service holds at least this version of the connector. */
  public static void awaitConnectorCopy(String connectorId, long version) {
    awaitRow(
        "SELECT count(*) FROM session.connector_copy WHERE connector_id = ? AND version >= "
            + version,
        connectorId);
  }

  public static void awaitChannelCopy(String channelId, long version) {
    awaitRow(
        "SELECT count(*) FROM session.channel_copy WHERE channel_id = ? AND version >= " + version,
        channelId);
  }

  public static void awaitAgentCopy(String agentId) {
    awaitRow("SELECT count(*) FROM session.agent_copy WHERE agent_id = ?", agentId);
  }

  private static void awaitRow(String sql, String id) {
    await().atMost(COPY_WAIT).pollInterval(Duration.ofMillis(100)).until(() -> count(sql, id) > 0);
  }

  /** A plain JDBC connection to the test database, e.g. to read what the service stored. */
  public static Connection database() throws SQLException {
    String url =
        "jdbc:postgresql://"
            + Infrastructure.pgHost()
            + ":"
            + Infrastructure.pgPort()
            + "/"
            + Infrastructure.pgTestDatabase();
    return DriverManager.getConnection(url, Infrastructure.pgUser(), Infrastructure.pgPassword());
  }

  static long count(String sql, String id) throws Exception {
    try (var connection = database();
        var statement = connection.prepareStatement(sql)) {
      statement.setString(1, id);
      try (var result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  // --- connector-gateway ----------------------------------------------------------------------

  public static InboundMessageReceived inbound(
      String connectorId, String accountId, String chatId, String externalMessageId, String text) {
    return new InboundMessageReceived(
        newId(),
        ConnectorType.TELEGRAM,
        connectorId,
        accountId,
        chatId,
        externalMessageId,
        new ClientIdentity(
            chatId, "María García", "María", "García", "mgarcia", null, null, null, "es"),
        text,
        List.of(),
        Instant.now().minusSeconds(1),
        Instant.now());
  }

  // --- reading back -----------------------------------------------------------------------------

  /** Whether a record carries an event of that class (by its {@code ce_type}). */
  public static boolean is(
      ConsumerRecord<String, String> record, Class<? extends PlatformEvent> type) {
    return EventRegistry.ceTypeOf(type).equals(TopicProbe.header(record, CloudEventHeaders.TYPE));
  }

  public static <T extends PlatformEvent> T read(
      ConsumerRecord<String, String> record, Class<T> type) {
    return EventJson.read(record.value().getBytes(StandardCharsets.UTF_8), type);
  }

  /** The first event of that class on the probe's topic that matches. */
  public static <T extends PlatformEvent> T awaitEvent(
      TopicProbe probe, Class<T> type, java.util.function.Predicate<T> match) {
    return read(probe.await(r -> is(r, type) && match.test(read(r, type))), type);
  }
}
