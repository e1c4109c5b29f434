package dev.switchboard.gateway.presence.store;

import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.gateway.presence.domain.PresenceRules.Explicit;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The agents' open sockets and explicit status in Redis, shared by every gateway instance:
 *
 * <ul>
 *   <li>{@code sb:gw:sockets:<agentId>}: sorted set of the agent's open sockets ({@code
 *       <instance>:<connection>}), scored by when their lease ends. The instance holding a socket
 *       renews its lease ({@code switchboard.agent-push.socket-lease}); the sockets of an instance
 *       that died without closing them drop out when their lease ends.
 *   <li>{@code sb:gw:presence:<agentId>}: hash with {@code status} and {@code clockedIn} (what the
 *       agent last set with {@code PUT /api/v1/agent/status}) and {@code grace} (the token of the
 *       grace period under way, if any).
 * </ul>
 *
 * Each step is one Lua script, so "first socket", "last socket" and "grace expired without a
 * reconnect" are decided once even when several instances open and close the agent's sockets at the
 * same moment.
 */
@ApplicationScoped
public class PresenceStore {

  static final String SOCKETS = "sb:gw:sockets:";
  static final String PRESENCE = "sb:gw:presence:";

  /** ARGV: socket, now, lease end, key ttl (ms). Returns {open sockets, status, clockedIn}. */
  private static final String OPEN =
      """
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
      redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      redis.call('HDEL', KEYS[2], 'grace')
      local fields = redis.call('HMGET', KEYS[2], 'status', 'clockedIn')
      return {redis.call('ZCARD', KEYS[1]), fields[1] or '', fields[2] or ''}
      """;

  /**
   * ARGV: socket, now, grace token. Starts the grace period when no socket is left. Returns {open
   * sockets, status, clockedIn}.
   */
  private static final String CLOSE =
      """
      redis.call('ZREM', KEYS[1], ARGV[1])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
      local open = redis.call('ZCARD', KEYS[1])
      if open == 0 then
        redis.call('HSET', KEYS[2], 'grace', ARGV[3])
      end
      local fields = redis.call('HMGET', KEYS[2], 'status', 'clockedIn')
      return {open, fields[1] or '', fields[2] or ''}
      """;

  /**
   * ARGV: grace token, now. Ends the grace period when it is still this one and no socket opened
   * meanwhile. Returns {1, status, clockedIn} when it ended here, {0} otherwise.
   */
  private static final String GRACE =
      """
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
      if redis.call('ZCARD', KEYS[1]) > 0 or redis.call('HGET', KEYS[2], 'grace') ~= ARGV[1] then
        return {0}
      end
      redis.call('HDEL', KEYS[2], 'grace')
      local fields = redis.call('HMGET', KEYS[2], 'status', 'clockedIn')
      return {1, fields[1] or '', fields[2] or ''}
      """;

  /** ARGV: status, clockedIn. An explicit change also ends a grace period under way. */
  private static final String EXPLICIT =
      """
      redis.call('HSET', KEYS[2], 'status', ARGV[1], 'clockedIn', ARGV[2])
      redis.call('HDEL', KEYS[2], 'grace')
      return 1
      """;

  /** ARGV: lease end, key ttl (ms), then the sockets. Renews the sockets still registered. */
  private static final String RENEW =
      """
      for i = 3, #ARGV do
        redis.call('ZADD', KEYS[1], 'XX', ARGV[1], ARGV[i])
      end
      if redis.call('EXISTS', KEYS[1]) == 1 then
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
      end
      return 1
      """;

  @Inject ReactiveRedisDataSource redis;

  @ConfigProperty(name = "switchboard.agent-push.socket-lease")
  Duration lease;

  /** The agent's sockets and what they last set, after a socket's opening. */
  public record Sockets(long open, Explicit explicit) {}

  public Uni<Sockets> opened(String agentId, String socket, Instant now) {
    return eval(
            OPEN,
            agentId,
            socket,
            Long.toString(now.toEpochMilli()),
            Long.toString(now.plus(lease).toEpochMilli()),
            Long.toString(lease.multipliedBy(2).toMillis()))
        .map(r -> new Sockets(r.get(0).toLong(), explicit(r)));
  }

  /** Open sockets left and what the agent last set, after a socket's closing. */
  public Uni<Sockets> closed(String agentId, String socket, String graceToken, Instant now) {
    return eval(CLOSE, agentId, socket, Long.toString(now.toEpochMilli()), graceToken)
        .map(r -> new Sockets(r.get(0).toLong(), explicit(r)));
  }

  /** What the agent last set, when the grace period ended here (no reconnect, no change). */
  public Uni<Optional<Explicit>> graceEnded(String agentId, String graceToken, Instant now) {
    return eval(GRACE, agentId, graceToken, Long.toString(now.toEpochMilli()))
        .map(r -> r.get(0).toLong() == 1 ? Optional.of(explicit(r)) : Optional.empty());
  }

  /** How many sockets the agent has open, on every instance. */
  public Uni<Long> openSockets(String agentId, Instant now) {
    return redis
        .sortedSet(String.class)
        .zcount(
            SOCKETS + agentId, ScoreRange.from(now.toEpochMilli() + 1, Double.POSITIVE_INFINITY));
  }

  public Uni<Void> explicit(String agentId, PresenceStatus status, boolean clockedIn) {
    return eval(EXPLICIT, agentId, status.name(), Boolean.toString(clockedIn)).replaceWithVoid();
  }

  /** Renews the leases of the agent's sockets held by this instance. */
  public Uni<Void> renew(String agentId, List<String> sockets, Instant now) {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(now.plus(lease).toEpochMilli()));
    args.add(Long.toString(lease.multipliedBy(2).toMillis()));
    args.addAll(sockets);
    return eval(RENEW, agentId, args.toArray(String[]::new)).replaceWithVoid();
  }

  private Uni<Response> eval(String script, String agentId, String... args) {
    List<String> call = new ArrayList<>();
    call.add(script);
    call.add("2");
    call.add(SOCKETS + agentId);
    call.add(PRESENCE + agentId);
    call.addAll(List.of(args));
    return redis.execute("EVAL", call.toArray(String[]::new));
  }

  private static Explicit explicit(Response r) {
    String status = r.get(1).toString();
    String clockedIn = r.get(2).toString();
    return new Explicit(
        status.isEmpty() ? null : PresenceStatus.valueOf(status),
        clockedIn.isEmpty() ? null : Boolean.valueOf(clockedIn));
  }
}
