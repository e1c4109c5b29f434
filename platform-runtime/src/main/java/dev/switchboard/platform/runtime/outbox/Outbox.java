package dev.switchboard.platform.runtime.outbox;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The transactional outbox: a record to publish is written in the same database transaction as the
 * change it announces, and {@link OutboxRelay} publishes it after the commit. So a change is never
 * published without being stored, nor stored without being published. A service enables it with
 * {@code switchboard.outbox.enabled=true} and creates the {@code outbox} table in its migrations
 * (columns of {@link OutboxMessage}).
 */
@ApplicationScoped
@IfBuildProperty(name = "switchboard.outbox.enabled", stringValue = "true")
public class Outbox {

  @Inject OutboxRelay relay;
  @Inject Clock clock;

  /**
   * Adds a record to publish to the caller's open transaction ({@code Panache.withTransaction}).
   *
   * @param headers the Kafka headers (CloudEvents {@code ce_*} attributes)
   */
  public Uni<Void> add(String topic, String key, Map<String, String> headers, byte[] payload) {
    OutboxMessage message = new OutboxMessage();
    message.topic = topic;
    message.recordKey = key;
    message.headers = new JsonObject(Map.<String, Object>copyOf(headers)).encode();
    message.payload = new String(payload, StandardCharsets.UTF_8);
    message.createdAt = clock.instant();
    return message.persist().replaceWithVoid();
  }

  /** Asks the relay to publish now rather than at its next poll; call it after the commit. */
  public void flushSoon() {
    relay.wake();
  }
}
