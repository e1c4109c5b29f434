package dev.switchboard.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.Topics;
import dev.switchboard.testkit.TopicProbe;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/** The {@code AgentPresenceChanged} records published on {@code oc.presence.v1} since opened. */
public final class PresenceChanges implements AutoCloseable {

  private final TopicProbe probe = TopicProbe.open(Topics.PRESENCE);

  public static PresenceChanges open() {
    return new PresenceChanges();
  }

  /** The agent's changes so far, in order, as JSON. */
  public List<JsonNode> of(String agentId) {
    return probe.records().stream()
        .filter(r -> agentId.equals(r.key()))
        .map(r -> TestEvents.json(r.value()))
        .toList();
  }

  public List<String> reasons(String agentId) {
    return of(agentId).stream().map(c -> c.path("reason").asText()).toList();
  }

  public List<String> statuses(String agentId) {
    return of(agentId).stream().map(c -> c.path("status").asText()).toList();
  }

  /** Waits until the agent has at least {@code count} changes; returns them all. */
  public List<JsonNode> await(String agentId, int count) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> of(agentId), changes -> changes.size() >= count);
  }

  /**
   * Waits until the agent has {@code count} changes and checks that no more come for {@code
   * during}: what the gateway publishes later than that is not counted.
   */
  public List<String> settleAt(String agentId, int count, Duration during) {
    Awaitility.await()
        .during(during)
        .atMost(during.plusSeconds(10))
        .until(() -> of(agentId).size() == count);
    return reasons(agentId);
  }

  @Override
  public void close() {
    probe.close();
  }
}
