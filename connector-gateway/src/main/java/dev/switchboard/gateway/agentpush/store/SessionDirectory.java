package dev.switchboard.gateway.agentpush.store;

import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionTransferred;
import dev.switchboard.gateway.agentpush.domain.SessionInfo;
import dev.switchboard.gateway.agentpush.store.RedisScripts.Script;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which agent has which session, and its channel and client, in Redis (hash {@code
 * sb:gw:session:<sessionId>}), shared by every gateway instance. Each instance writes the same
 * values from the same events, so it does not matter which one wrote first. Forgotten {@code
 * switchboard.agent-push.session-ttl} after the session's last event. Every change is one round
 * trip to Redis (a script), since every instance does it for every session event.
 */
@ApplicationScoped
public class SessionDirectory {

  static final String PREFIX = "sb:gw:session:";

  /** ARGV: ttl (ms), then field, value, field, value... */
  private static final Script WRITE =
      Script.of(
          """
          redis.call('HSET', KEYS[1], unpack(ARGV, 2))
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          return 1
          """);

  /**
   * ARGV: ttl (ms), channel, agent. Answers the agent before ('' for none), then the fields after,
   * as HGETALL does.
   */
  private static final Script ASSIGN =
      Script.of(
          """
          local before = redis.call('HGET', KEYS[1], 'agentId')
          redis.call('HSET', KEYS[1], 'channelId', ARGV[2], 'agentId', ARGV[3])
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          local after = redis.call('HGETALL', KEYS[1])
          table.insert(after, 1, before or '')
          return after
          """);

  /** ARGV: the agent it was transferred from, the channel it now belongs to (or ''), ttl (ms). */
  private static final Script FORGET_AGENT =
      Script.of(
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
          """);

  @Inject ReactiveRedisDataSource redis;

  @ConfigProperty(name = "switchboard.agent-push.session-ttl")
  Duration ttl;

  private ReactiveHashCommands<String, String, String> hashes;

  @PostConstruct
  void init() {
    hashes = redis.hash(String.class);
  }

  /** What is known of a session before and after its assignment. */
  public record Assignment(String agentBefore, SessionInfo session) {}

  public Uni<Void> opened(SessionOpened event) {
    List<String> args = new ArrayList<>(9);
    args.add(Long.toString(ttl.toMillis()));
    args.add("channelId");
    args.add(event.channelId());
    args.add("clientId");
    args.add(event.clientId());
    args.add("connectorType");
    args.add(event.connectorType().wireName());
    if (event.client().displayName() != null) {
      args.add("clientDisplayName");
      args.add(event.client().displayName());
    }
    return RedisScripts.run(redis, WRITE, List.of(PREFIX + event.sessionId()), args)
        .replaceWithVoid();
  }

  /** Records the session's agent; answers the agent it had before and what is known of it now. */
  public Uni<Assignment> assigned(SessionAssigned event) {
    return RedisScripts.run(
            redis,
            ASSIGN,
            List.of(PREFIX + event.sessionId()),
            List.of(Long.toString(ttl.toMillis()), event.channelId(), event.agentId()))
        .map(
            response -> {
              String before = response.get(0).toString();
              Map<String, String> fields = new HashMap<>();
              for (int i = 1; i + 1 < response.size(); i += 2) {
                fields.put(response.get(i).toString(), response.get(i + 1).toString());
              }
              return new Assignment(before.isEmpty() ? null : before, info(fields));
            });
  }

  /**
   * The session left its agent (back in a queue): its agent is forgotten, unless a later assignment
   * (read first, from another channel's partition) already named someone else.
   */
  public Uni<Void> transferred(SessionTransferred event) {
    return RedisScripts.run(
            redis,
            FORGET_AGENT,
            List.of(PREFIX + event.sessionId()),
            List.of(
                event.fromAgentId() == null ? "" : event.fromAgentId(),
                event.toChannelId() == null ? "" : event.toChannelId(),
                Long.toString(ttl.toMillis())))
        .replaceWithVoid();
  }

  /**
   * The session's client was erased (GDPR Art. 17): its name is forgotten; the ids stay until the
   * session's entry expires.
   */
  public Uni<Void> clientErased(String sessionId) {
    return hashes.hdel(PREFIX + sessionId, "clientDisplayName").replaceWithVoid();
  }

  public Uni<SessionInfo> find(String sessionId) {
    return hashes.hgetall(PREFIX + sessionId).map(SessionDirectory::info);
  }

  private static SessionInfo info(Map<String, String> fields) {
    return fields == null || fields.isEmpty()
        ? SessionInfo.unknown()
        : new SessionInfo(
            fields.get("channelId"),
            fields.get("agentId"),
            fields.get("clientId"),
            fields.get("clientDisplayName"),
            fields.get("connectorType"));
  }
}
