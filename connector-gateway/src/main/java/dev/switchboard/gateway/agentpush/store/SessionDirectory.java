package dev.switchboard.gateway.agentpush.store;

import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.gateway.agentpush.domain.SessionInfo;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which agent has which session, and its channel and client, in Redis (hash {@code
 * sb:gw:session:<sessionId>}), shared by every gateway instance. Each instance writes the same
 * values from the same events, so it does not matter which one wrote first. Forgotten {@code
 * switchboard.agent-push.session-ttl} after the session's last event.
 */
@ApplicationScoped
public class SessionDirectory {

  static final String PREFIX = "sb:gw:session:";

  @Inject ReactiveRedisDataSource redis;

  @ConfigProperty(name = "switchboard.agent-push.session-ttl")
  Duration ttl;

  private ReactiveHashCommands<String, String, String> hashes;
  private ReactiveKeyCommands<String> keys;

  @PostConstruct
  void init() {
    hashes = redis.hash(String.class);
    keys = redis.key();
  }

  public Uni<Void> opened(SessionOpened event) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("channelId", event.channelId());
    fields.put("clientId", event.clientId());
    fields.put("connectorType", event.connectorType().wireName());
    if (event.client().displayName() != null) {
      fields.put("clientDisplayName", event.client().displayName());
    }
    return write(event.sessionId(), fields);
  }

  /** Records the session's agent and answers what is known of the session. */
  public Uni<SessionInfo> assigned(SessionAssigned event) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("channelId", event.channelId());
    fields.put("agentId", event.agentId());
    return write(event.sessionId(), fields).chain(() -> find(event.sessionId()));
  }

  public Uni<SessionInfo> find(String sessionId) {
    return hashes
        .hgetall(PREFIX + sessionId)
        .map(
            fields ->
                fields == null || fields.isEmpty()
                    ? SessionInfo.unknown()
                    : new SessionInfo(
                        fields.get("channelId"),
                        fields.get("agentId"),
                        fields.get("clientId"),
                        fields.get("clientDisplayName"),
                        fields.get("connectorType")));
  }

  private Uni<Void> write(String sessionId, Map<String, String> fields) {
    String key = PREFIX + sessionId;
    return hashes.hset(key, fields).chain(() -> keys.expire(key, ttl)).replaceWithVoid();
  }
}
