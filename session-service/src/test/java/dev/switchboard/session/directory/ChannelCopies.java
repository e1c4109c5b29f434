package dev.switchboard.session.directory;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ChannelSettings;
import dev.switchboard.testkit.Infrastructure;
import dev.switchboard.testkit.TestEvents;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * channel-config's records on {@code oc.config.channels.v1}, published for real, and
 * session-service's copy of them read back with JDBC.
 */
public final class ChannelCopies {

  private ChannelCopies() {}

  /** Publishes version {@code version} of the channel with these settings sections. */
  public static void publish(String channelId, long version, Map<String, JsonNode> sections) {
    Map<String, JsonNode> all = new LinkedHashMap<>(sections);
    ObjectNode queue = JsonNodeFactory.instance.objectNode();
    queue.putArray("members");
    queue.putArray("agentIds");
    queue.put("distributionMode", "EVENLY");
    all.put("queue", queue);
    TestEvents.publish(
        new ChannelConfigChanged(
            UUID.randomUUID().toString(),
            channelId,
            version,
            false,
            new ChannelSettings("Support", true, all),
            Instant.now()));
  }

  /** Publishes the channel's deletion (O5) as version {@code version}. */
  public static void publishDeletion(String channelId, long version) {
    TestEvents.publish(
        new ChannelConfigChanged(
            UUID.randomUUID().toString(), channelId, version, true, null, Instant.now()));
  }

  /** Waits until session-service's copy of the channel is at this version. */
  public static void awaitVersion(String channelId, long version) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> String.valueOf(version).equals(column(channelId, "version")));
  }

  /** A column of the copy as text, or null (also when there is no row). */
  public static String column(String channelId, String column) throws Exception {
    try (Connection connection = database();
        var statement =
            connection.prepareStatement(
                "SELECT " + column + "::text FROM session.channel_copy WHERE channel_id = ?")) {
      statement.setString(1, channelId);
      try (var result = statement.executeQuery()) {
        return result.next() ? result.getString(1) : null;
      }
    }
  }

  private static Connection database() throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://"
            + Infrastructure.pgHost()
            + ":"
            + Infrastructure.pgPort()
            + "/"
            + Infrastructure.pgTestDatabase(),
        Infrastructure.pgUser(),
        Infrastructure.pgPassword());
  }
}
