package dev.switchboard.gateway.agentpush.store;

import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionTransferred;
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

  /** ARGV: the agent it was transferred from, the channel it now belongs to (or ''), ttl (ms). */
  private static final String FORGET_AGENT =
      """
      if ARGV[1] == '' or redis.call('HGET', KEYS[1], 'agentId') == ARGV[1] then
        redis.call('HDEL', KEYS[1], 'agentId')
      end
      if ARGV[2] ~= '' then
        redis.call('HSET', KEYS[1], 'channelId', ARGV[2])
      end
      if redis.call('EXISTS', KEYS[1]) == 1 then
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
      end
      return 1
      """;

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

  /**
   * The session left its agent (back in a queue): its agent is forgotten, unless a later assignment
   * (read first, from another channel's partition) already named someone else.
   */
  public Uni<Void> transferred(SessionTransferred event) {
    String key = PREFIX + event.sessionId();
    return redis
        .execute(
            "EVAL",
            FORGET_AGENT,
            "1",
            key,
            event.fromAgentId() == null ? "" : event.fromAgentId(),
            event.toChannelId() == null ? "" : event.toChannelId(),
            Long.toString(ttl.toMillis()))
        .replaceWithVoid();
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
