package dev.switchboard.gateway.presence.store;

import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.gateway.presence.domain.PresenceRules.Explicit;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The agents' open sockets, explicit status and grace periods in Redis, shared by every gateway
 * instance:
 *
 * <ul>
 *   <li>{@code sb:gw:sockets:<agentId>}: sorted set of the agent's open sockets ({@code
 *       <instance>:<connection>}), scored by when they opened. A socket leaves it when it closes,
 *       or when the sweeper finds that its instance died ({@link #sweepDeadInstances}).
 *   <li>{@code sb:gw:presence:<agentId>}: hash with {@code status} and {@code clockedIn} (what the
 *       agent last set with {@code PUT /api/v1/agent/status}) and {@code grace} (the token of the
 *       grace period under way, if any).
 *   <li>{@code sb:gw:grace}: sorted set of the agents whose grace period is under way, scored by
 *       when it ends. Any instance ends a due one ({@link #claimEndedGraces}), so a grace period
 *       outlives the instance that started it.
 *   <li>{@code sb:gw:instances}: sorted set of the live gateway instances, scored by when their
 *       lease ends; each renews its own ({@link #holdLease}).
 *   <li>{@code sb:gw:socket-holders}: set of the instances that registered sockets, and {@code
 *       sb:gw:instance-agents:<instance>}: set of the agents with a socket on that instance; the
 *       sweeper finds a dead instance's sockets through them, even one that never held a lease.
 * </ul>
 *
 * Each step is one Lua script, so "first socket", "last socket", "an instance died" and "grace
 * expired without a reconnect" are decided once even when several instances open, close and sweep
 * the agent's sockets at the same moment. The scripts name keys they derive from an agent or an
 * instance, which is fine on one Redis server (or a primary with replicas), not on a Redis Cluster.
 */
@ApplicationScoped
public class PresenceStore {

  static final String SOCKETS = "sb:gw:sockets:";
  static final String PRESENCE = "sb:gw:presence:";
  static final String GRACE = "sb:gw:grace";
  static final String INSTANCES = "sb:gw:instances";
  static final String HOLDERS = "sb:gw:socket-holders";
  static final String INSTANCE_AGENTS = "sb:gw:instance-agents:";

  /**
   * KEYS: sockets, presence, grace, holders, instance-agents. ARGV: socket, now, instance, agent.
   * Returns {1 when this was the agent's first socket else 0, open sockets, status, clockedIn}.
   * Registering a socket again (after the instance's lease was lost) is not a first socket.
   */
  private static final String OPEN =
      """
      local added = redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
      redis.call('SADD', KEYS[4], ARGV[3])
      redis.call('SADD', KEYS[5], ARGV[4])
      redis.call('HDEL', KEYS[2], 'grace')
      redis.call('ZREM', KEYS[3], ARGV[4])
      local open = redis.call('ZCARD', KEYS[1])
      local first = 0
      if added == 1 and open == 1 then first = 1 end
      local fields = redis.call('HMGET', KEYS[2], 'status', 'clockedIn')
      return {first, open, fields[1] or '', fields[2] or ''}
      """;

  /**
   * KEYS: sockets, presence, grace, instance-agents. ARGV: socket, grace token, grace end,
   * instance, agent. Starts the grace period when this close took the agent's last socket. Returns
   * {1 when it did else 0, open sockets, status, clockedIn}.
   */
  private static final String CLOSE =
      """
      local removed = redis.call('ZREM', KEYS[1], ARGV[1])
      local prefix = ARGV[4] .. ':'
      local here = false
      for _, socket in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
        if string.sub(socket, 1, #prefix) == prefix then here = true end
      end
      if not here then redis.call('SREM', KEYS[4], ARGV[5]) end
      local open = redis.call('ZCARD', KEYS[1])
      local last = 0
      if removed == 1 and open == 0 then
        last = 1
        redis.call('HSET', KEYS[2], 'grace', ARGV[2])
        redis.call('ZADD', KEYS[3], ARGV[3], ARGV[5])
      end
      local fields = redis.call('HMGET', KEYS[2], 'status', 'clockedIn')
      return {last, open, fields[1] or '', fields[2] or ''}
      """;

  /**
   * KEYS: instances, holders, grace. ARGV: now, grace end, grace token prefix, the sweeping
   * instance. Removes the sockets of every instance whose lease ended (or that never had one), and
   * starts the grace period of each agent left without a socket. Returns {agent, status, clockedIn}
   * for each of those agents.
   */
  private static final String SWEEP =
      """
      local lost = {}
      for _, instance in ipairs(redis.call('SMEMBERS', KEYS[2])) do
        local leaseEnd = redis.call('ZSCORE', KEYS[1], instance)
        if instance ~= ARGV[4] and (not leaseEnd or tonumber(leaseEnd) <= tonumber(ARGV[1])) then
          local agentsKey = 'sb:gw:instance-agents:' .. instance
          local prefix = instance .. ':'
          for _, agent in ipairs(redis.call('SMEMBERS', agentsKey)) do
            local socketsKey = 'sb:gw:sockets:' .. agent
            local removed = 0
            for _, socket in ipairs(redis.call('ZRANGE', socketsKey, 0, -1)) do
              if string.sub(socket, 1, #prefix) == prefix then
                removed = removed + redis.call('ZREM', socketsKey, socket)
              end
            end
            if removed > 0 and redis.call('ZCARD', socketsKey) == 0 then
              local presenceKey = 'sb:gw:presence:' .. agent
              redis.call('HSET', presenceKey, 'grace', ARGV[3] .. ':' .. agent)
              redis.call('ZADD', KEYS[3], ARGV[2], agent)
              local fields = redis.call('HMGET', presenceKey, 'status', 'clockedIn')
              table.insert(lost, {agent, fields[1] or '', fields[2] or ''})
            end
          end
          redis.call('DEL', agentsKey)
          redis.call('SREM', KEYS[2], instance)
          redis.call('ZREM', KEYS[1], instance)
        end
      end
      return lost
      """;

  /**
   * KEYS: grace. ARGV: now, claim end, most. Claims the grace periods that ended (no socket opened,
   * no explicit change meanwhile) until the claim ends: the claimer publishes GRACE_EXPIRED and
   * then calls {@link #graceEnded}; if it does not (its publish failed, it died), the grace period
   * is due again when the claim ends. Returns {agent, token, status, clockedIn} for each claimed
   * one.
   */
  private static final String CLAIM =
      """
      local claimed = {}
      local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
      for _, agent in ipairs(due) do
        local presenceKey = 'sb:gw:presence:' .. agent
        local token = redis.call('HGET', presenceKey, 'grace')
        if not token or redis.call('ZCARD', 'sb:gw:sockets:' .. agent) > 0 then
          redis.call('ZREM', KEYS[1], agent)
        else
          redis.call('ZADD', KEYS[1], ARGV[2], agent)
          local fields = redis.call('HMGET', presenceKey, 'status', 'clockedIn')
          table.insert(claimed, {agent, token, fields[1] or '', fields[2] or ''})
        end
      end
      return claimed
      """;

  /** KEYS: presence, grace. ARGV: token, agent. Ends the claimed grace period if still this one. */
  private static final String ENDED =
      """
      if redis.call('HGET', KEYS[1], 'grace') == ARGV[1] then
        redis.call('HDEL', KEYS[1], 'grace')
        redis.call('ZREM', KEYS[2], ARGV[2])
        return 1
      end
      return 0
      """;

  /**
   * KEYS: presence, grace. ARGV: status, clockedIn, agent. An explicit change also ends a grace
   * period under way.
   */
  private static final String EXPLICIT =
      """
      redis.call('HSET', KEYS[1], 'status', ARGV[1], 'clockedIn', ARGV[2])
      redis.call('HDEL', KEYS[1], 'grace')
      redis.call('ZREM', KEYS[2], ARGV[3])
      return 1
      """;

  /**
   * KEYS: instances. ARGV: instance, now, lease end. Returns 1 when the instance still held its
   * lease (else it had lapsed, and its sockets may have been swept).
   */
  private static final String LEASE =
      """
      local before = redis.call('ZSCORE', KEYS[1], ARGV[1])
      redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
      if before and tonumber(before) > tonumber(ARGV[2]) then return 1 end
      return 0
      """;

  @Inject ReactiveRedisDataSource redis;

  @ConfigProperty(name = "switchboard.agent-push.presence-grace")
  Duration grace;

  @ConfigProperty(name = "switchboard.presence.instance-lease")
  Duration lease;

  /**
   * The agent's sockets after a socket opened or closed. {@code edge}: this step opened the agent's
   * first socket or closed their last one (across every instance).
   */
  public record Sockets(boolean edge, long open, Explicit explicit) {}

  /** An agent whose last socket went away with a dead instance, or whose grace period ended. */
  public record AgentPresence(String agentId, String graceToken, Explicit explicit) {}

  /** Registers a socket ({@code <instance>:<connection>}); again is harmless. */
  public Uni<Sockets> opened(String agentId, String socket, Instant now) {
    String instance = instanceOf(socket);
    return eval(
            OPEN,
            List.of(
                SOCKETS + agentId, PRESENCE + agentId, GRACE, HOLDERS, INSTANCE_AGENTS + instance),
            socket,
            Long.toString(now.toEpochMilli()),
            instance,
            agentId)
        .map(r -> new Sockets(r.get(0).toLong() == 1, r.get(1).toLong(), explicit(r, 2)));
  }

  /**
   * Forgets a socket; when it was the agent's last, the grace period {@code graceToken} starts and
   * ends {@code switchboard.agent-push.presence-grace} after {@code now}.
   */
  public Uni<Sockets> closed(String agentId, String socket, String graceToken, Instant now) {
    String instance = instanceOf(socket);
    return eval(
            CLOSE,
            List.of(SOCKETS + agentId, PRESENCE + agentId, GRACE, INSTANCE_AGENTS + instance),
            socket,
            graceToken,
            Long.toString(now.plus(grace).toEpochMilli()),
            instance,
            agentId)
        .map(r -> new Sockets(r.get(0).toLong() == 1, r.get(1).toLong(), explicit(r, 2)));
  }

  /**
   * Holds the instance's lease until {@code until}; answers whether it still held it (false: it had
   * lapsed, and a sweeper may have removed the instance's sockets).
   */
  public Uni<Boolean> holdLease(String instanceId, Instant now, Instant until) {
    return eval(
            LEASE,
            List.of(INSTANCES),
            instanceId,
            Long.toString(now.toEpochMilli()),
            Long.toString(until.toEpochMilli()))
        .map(r -> r.toLong() == 1);
  }

  /**
   * Removes the sockets of the instances whose lease ended, except {@code sweeper}'s own, and
   * starts the grace period of the agents left without a socket (their token: {@code
   * graceTokens:<agent>}). Answers those agents; two sweepers never both answer the same one.
   */
  public Uni<List<AgentPresence>> sweepDeadInstances(
      String sweeper, String graceTokens, Instant now) {
    return eval(
            SWEEP,
            List.of(INSTANCES, HOLDERS, GRACE),
            Long.toString(now.toEpochMilli()),
            Long.toString(now.plus(grace).toEpochMilli()),
            graceTokens,
            sweeper)
        .map(
            r -> {
              List<AgentPresence> lost = new ArrayList<>();
              for (Response agent : r) {
                String agentId = agent.get(0).toString();
                lost.add(
                    new AgentPresence(agentId, graceTokens + ":" + agentId, explicit(agent, 1)));
              }
              return lost;
            });
  }

  /**
   * Claims up to {@code most} grace periods that ended by {@code now} without a reconnect or an
   * explicit change, until {@code switchboard.presence.instance-lease} from now; two instances
   * never claim the same one at once. The claimer then calls {@link #graceEnded}.
   */
  public Uni<List<AgentPresence>> claimEndedGraces(Instant now, int most) {
    return eval(
            CLAIM,
            List.of(GRACE),
            Long.toString(now.toEpochMilli()),
            Long.toString(now.plus(lease).toEpochMilli()),
            Integer.toString(most))
        .map(
            r -> {
              List<AgentPresence> claimed = new ArrayList<>();
              for (Response agent : r) {
                claimed.add(
                    new AgentPresence(
                        agent.get(0).toString(), agent.get(1).toString(), explicit(agent, 2)));
              }
              return claimed;
            });
  }

  /** The claimed grace period's end was published: it is over, unless another one started. */
  public Uni<Void> graceEnded(String agentId, String graceToken) {
    return eval(ENDED, List.of(PRESENCE + agentId, GRACE), graceToken, agentId).replaceWithVoid();
  }

  /** How many sockets the agent has open, on every instance. */
  public Uni<Long> openSockets(String agentId) {
    return redis.sortedSet(String.class).zcard(SOCKETS + agentId);
  }

  public Uni<Void> explicit(String agentId, PresenceStatus status, boolean clockedIn) {
    return eval(
            EXPLICIT,
            List.of(PRESENCE + agentId, GRACE),
            status.name(),
            Boolean.toString(clockedIn),
            agentId)
        .replaceWithVoid();
  }

  private Uni<Response> eval(String script, List<String> keys, String... args) {
    List<String> call = new ArrayList<>();
    call.add(script);
    call.add(Integer.toString(keys.size()));
    call.addAll(keys);
    call.addAll(List.of(args));
    return redis.execute("EVAL", call.toArray(String[]::new));
  }

  /** A socket is {@code <instance>:<connection>}; instance ids hold no colon. */
  private static String instanceOf(String socket) {
    int colon = socket.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("A socket is <instance>:<connection>: " + socket);
    }
    return socket.substring(0, colon);
  }

  private static Explicit explicit(Response r, int from) {
    String status = r.get(from).toString();
    String clockedIn = r.get(from + 1).toString();
    return new Explicit(
        status.isEmpty() ? null : PresenceStatus.valueOf(status),
        clockedIn.isEmpty() ? null : Boolean.valueOf(clockedIn));
  }
}
