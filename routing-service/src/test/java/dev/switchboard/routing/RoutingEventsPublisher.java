package dev.switchboard.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.config.AgentDirectoryChanged;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ChannelSettings;
import dev.switchboard.events.crm.ClientRecognised;
import dev.switchboard.events.crm.CrmEntityType;
import dev.switchboard.events.presence.AgentPresenceChanged;
import dev.switchboard.events.presence.PresenceChangeReason;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.session.AgentMessageSent;
import dev.switchboard.events.session.CloseReason;
import dev.switchboard.events.session.ClosedBy;
import dev.switchboard.events.session.QueueReason;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.events.session.SessionRated;
import dev.switchboard.events.session.SessionTransferred;
import dev.switchboard.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes what the other services would, on the real broker, as they would: JSON from {@code
 * EventJson}, CloudEvents headers, the topic's key. Each call returns once Kafka has the record.
 */
final class RoutingEventsPublisher implements AutoCloseable {

  private static final ObjectMapper JSON = EventJson.newObjectMapper();
  private static final String SOURCE = CloudEventHeaders.source("routing-service-test");

  RoutingEventsPublisher() {}

  /** A channel whose queue is {@code agentIds}, distributed evenly. */
  void channel(String channelId, String... agentIds) {
    channelWithMode(channelId, "EVENLY", null, agentIds);
  }

  /**
   * Version {@code version} of a channel whose queue is {@code agentIds}, distributed by {@code
   * mode}, active or not (O2).
   */
  void channelActive(
      String channelId, long version, boolean active, String mode, String... agentIds) {
    ObjectNode queue = JSON.createObjectNode();
    queue.put("distributionMode", mode);
    var ids = queue.putArray("agentIds");
    for (String agentId : agentIds) {
      ids.add(agentId);
    }
    ObjectNode routing = JSON.createObjectNode();
    routing.put("offerTimeoutSeconds", 60);
    publish(
        new ChannelConfigChanged(
            PlatformEvent.newId(),
            channelId,
            version,
            false,
            new ChannelSettings(
                "Routing test " + channelId, active, Map.of("queue", queue, "routing", routing)),
            Instant.now()));
  }

  /**
   * A channel whose queue is {@code agentIds}, distributed by {@code mode}, with {@code limit}
   * sessions per agent (null: none) in the routing section.
   */
  void channelWithMode(String channelId, String mode, Integer limit, String... agentIds) {
    channelWithMode(channelId, mode, limit, false, agentIds);
  }

  /** As above, with the Q14 switch {@code crm.transferToResponsible}. */
  void channelWithMode(
      String channelId,
      String mode,
      Integer limit,
      boolean transferToResponsible,
      String... agentIds) {
    channelWithMode(channelId, mode, limit, transferToResponsible, List.of(), agentIds);
  }

  /** As above, with the Q7a–c selection {@code routing.excludeFromLimit}. */
  void channelWithMode(
      String channelId,
      String mode,
      Integer limit,
      boolean transferToResponsible,
      List<String> excludeFromLimit,
      String... agentIds) {
    channelWithMode(
        channelId, mode, limit, transferToResponsible, excludeFromLimit, false, agentIds);
  }

  /** As above, with R1 {@code quality.askRating}. */
  void channelWithMode(
      String channelId,
      String mode,
      Integer limit,
      boolean transferToResponsible,
      List<String> excludeFromLimit,
      boolean askRating,
      String... agentIds) {
    channelWithMode(
        channelId,
        mode,
        limit,
        transferToResponsible,
        excludeFromLimit,
        askRating,
        false,
        agentIds);
  }

  /**
   * A channel distributed by {@code mode} whose agents must be online and clocked in (Q6: {@code
   * routing.checkAvailability} and {@code routing.requireClockIn} on).
   */
  void channelRequiringClockIn(String channelId, String mode, String... agentIds) {
    channelWithMode(channelId, mode, null, false, List.of(), false, true, agentIds);
  }

  /** As above, with Q6 {@code routing.requireClockIn}. */
  void channelWithMode(
      String channelId,
      String mode,
      Integer limit,
      boolean transferToResponsible,
      List<String> excludeFromLimit,
      boolean askRating,
      boolean requireClockIn,
      String... agentIds) {
    ObjectNode quality = JSON.createObjectNode();
    quality.put("askRating", askRating);
    ObjectNode crm = JSON.createObjectNode();
    crm.put("transferToResponsible", transferToResponsible);
    ObjectNode routing = JSON.createObjectNode();
    routing.put("offerTimeoutSeconds", 60);
    if (requireClockIn) {
      routing.put("checkAvailability", true);
      routing.put("requireClockIn", true);
    }
    if (limit != null) {
      routing.put("maxSessionsPerAgent", limit);
    }
    var excluded = routing.putArray("excludeFromLimit");
    excludeFromLimit.forEach(excluded::add);
    ObjectNode queue = JSON.createObjectNode();
    queue.put("distributionMode", mode);
    var members = queue.putArray("members");
    var ids = queue.putArray("agentIds");
    for (String agentId : agentIds) {
      members.addObject().put("type", "USER").put("id", agentId);
      ids.add(agentId);
    }
    publish(
        new ChannelConfigChanged(
            PlatformEvent.newId(),
            channelId,
            1,
            false,
            new ChannelSettings(
                "Routing test " + channelId,
                true,
                Map.of("queue", queue, "routing", routing, "crm", crm, "quality", quality)),
            Instant.now()));
  }

  void dismissed(String agentId) {
    publish(
        new AgentDirectoryChanged(
            PlatformEvent.newId(),
            agentId,
            1,
            false,
            "Dismissed " + agentId,
            null,
            List.of(),
            true,
            List.of(),
            Instant.now()));
  }

  /** A presence change; an agent who comes online clocks in (the gateway's default). */
  void presence(String agentId, PresenceStatus status) {
    presence(agentId, status, status == PresenceStatus.ONLINE);
  }

  /** A presence change that says whether the agent is clocked in to the working day. */
  void presence(String agentId, PresenceStatus status, boolean clockedIn) {
    publish(
        new AgentPresenceChanged(
            PlatformEvent.newId(),
            agentId,
            status,
            clockedIn,
            PresenceChangeReason.EXPLICIT,
            Instant.now()));
  }

  SessionQueued queued(String channelId, String sessionId) {
    SessionQueued queued =
        new SessionQueued(
            PlatformEvent.newId(),
            channelId,
            sessionId,
            QueueReason.NEW_SESSION,
            null,
            Instant.now());
    publish(queued);
    return queued;
  }

  void closed(String channelId, String sessionId, String agentId) {
    publish(
        new SessionClosed(
            PlatformEvent.newId(),
            channelId,
            sessionId,
            agentId,
            ClosedBy.AGENT,
            agentId,
            CloseReason.MANUAL,
            null,
            Instant.now()));
  }

  /** The agent closed the session and the client is asked for a rating until {@code until}. */
  void closedAwaitingRating(String channelId, String sessionId, String agentId, Instant until) {
    publish(
        new SessionClosed(
            PlatformEvent.newId(),
            channelId,
            sessionId,
            agentId,
            ClosedBy.AGENT,
            agentId,
            CloseReason.MANUAL,
            until,
            Instant.now()));
  }

  void rated(String channelId, String sessionId, String agentId) {
    publish(
        new SessionRated(
            PlatformEvent.newId(), channelId, sessionId, agentId, 5, null, Instant.now()));
  }

  /** A session to try {@code preferredAgentId} for first. */
  void queuedFor(String channelId, String sessionId, String preferredAgentId) {
    publish(
        new SessionQueued(
            PlatformEvent.newId(),
            channelId,
            sessionId,
            QueueReason.REOPENED,
            preferredAgentId,
            Instant.now()));
  }

  SessionTransferred transferred(
      String channelId, String sessionId, String from, String toAgentId, String toChannelId) {
    SessionTransferred transferred =
        new SessionTransferred(
            PlatformEvent.newId(),
            channelId,
            sessionId,
            from,
            toAgentId,
            toChannelId,
            from,
            Instant.now());
    publish(transferred);
    return transferred;
  }

  void recognised(String channelId, String sessionId, String responsibleAgentId) {
    publish(
        new ClientRecognised(
            PlatformEvent.newId(),
            channelId,
            sessionId,
            "client-" + sessionId,
            "test-crm",
            CrmEntityType.CONTACT,
            "contact-" + sessionId,
            responsibleAgentId,
            Instant.now()));
  }

  void agentMessage(String channelId, String sessionId, String agentId) {
    publish(
        new AgentMessageSent(
            PlatformEvent.newId(),
            channelId,
            sessionId,
            PlatformEvent.newId(),
            agentId,
            "Hello",
            List.of(),
            Instant.now()));
  }

  void publish(PlatformEvent event) {
    TestEvents.publish(event, SOURCE);
  }

  void send(ProducerRecord<String, byte[]> record) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    record
        .headers()
        .forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
    TestEvents.publishRaw(record.topic(), record.key(), headers, record.value());
  }

  @Override
  public void close() {
    // the shared producer of TestEvents lives as long as the test JVM
  }
}
