package dev.switchboard.routing.distribution.store;

/**
 * The atomic steps of routing, as Lua run inside Redis. Each reads and writes several keys with
 * nothing able to run in between, which is what keeps two instances or two channels from giving a
 * session twice or an agent too many.
 */
final class RoutingScripts {

  private RoutingScripts() {}

  /**
   * KEYS: pairs of (agent hash, agent sessions). Returns presence, lastAssignedAt, load per pair.
   */
  static final LuaScript READ_AGENTS =
      new LuaScript(
          """
          local result = {}
          for i = 1, #KEYS, 2 do
            local fields = redis.call('HMGET', KEYS[i], 'presence', 'lastAssignedAt')
            result[#result + 1] = fields[1] or ''
            result[#result + 1] = fields[2] or ''
            result[#result + 1] = tostring(redis.call('SCARD', KEYS[i + 1]))
          end
          return result
          """);

  /**
   * KEYS: session, channel waiting line, arrival counter. ARGV: sessionId, channelId,
   * queuedEventId, now (ms).
   */
  static final LuaScript ENQUEUE =
      new LuaScript(
          """
          local state = redis.call('HGET', KEYS[1], 'state')
          if state == 'ASSIGNED' then
            return 'ALREADY_ASSIGNED'
          end
          if state == 'WAITING' and redis.call('HGET', KEYS[1], 'channelId') == ARGV[2]
              and redis.call('ZSCORE', KEYS[2], ARGV[1]) then
            return 'ALREADY_WAITING'
          end
          if state == 'CLOSED' and redis.call('HGET', KEYS[1], 'queuedEventId') == ARGV[3] then
            return 'ALREADY_CLOSED'
          end
          local arrival = redis.call('INCR', KEYS[3])
          redis.call('DEL', KEYS[1])
          redis.call('HSET', KEYS[1], 'state', 'WAITING', 'channelId', ARGV[2],
              'queuedEventId', ARGV[3], 'queuedAt', ARGV[4])
          redis.call('ZADD', KEYS[2], 'NX', arrival, ARGV[1])
          return 'QUEUED'
          """);

  /**
   * KEYS: session, agent sessions, agent, channel waiting line, outbox, outbox due. ARGV:
   * sessionId, agentId, channelId, limit (-1: none), expected load (-1: any), require online (1/0),
   * now (ms), eventId, payload.
   */
  static final LuaScript RESERVE =
      new LuaScript(
          """
          if redis.call('HGET', KEYS[1], 'state') ~= 'WAITING'
              or redis.call('HGET', KEYS[1], 'channelId') ~= ARGV[3] then
            redis.call('ZREM', KEYS[4], ARGV[1])
            return 'SESSION_NOT_WAITING'
          end
          if ARGV[6] == '1' and redis.call('HGET', KEYS[3], 'presence') ~= 'ONLINE' then
            return 'AGENT_UNAVAILABLE'
          end
          local load = redis.call('SCARD', KEYS[2])
          local limit = tonumber(ARGV[4])
          if limit >= 0 and load >= limit then
            return 'AT_CAPACITY'
          end
          local expected = tonumber(ARGV[5])
          if expected >= 0 and load ~= expected then
            return 'LOAD_CHANGED'
          end
          redis.call('SADD', KEYS[2], ARGV[1])
          redis.call('HSET', KEYS[1], 'state', 'ASSIGNED', 'agentId', ARGV[2],
              'assignedAt', ARGV[7], 'assignedEventId', ARGV[8])
          redis.call('HSET', KEYS[3], 'lastAssignedAt', ARGV[7])
          redis.call('ZREM', KEYS[4], ARGV[1])
          redis.call('HSET', KEYS[5], ARGV[8], ARGV[9])
          redis.call('ZADD', KEYS[6], ARGV[7], ARGV[8])
          return 'RESERVED'
          """);

  /** KEYS: session, outbox, outbox due. ARGV: channelId, eventId, payload, now (ms). */
  static final LuaScript CLAIM_NO_AGENT =
      new LuaScript(
          """
          if redis.call('HGET', KEYS[1], 'state') ~= 'WAITING'
              or redis.call('HGET', KEYS[1], 'channelId') ~= ARGV[1] then
            return 0
          end
          if redis.call('HSETNX', KEYS[1], 'noAgentEventId', ARGV[2]) == 0 then
            return 0
          end
          redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
          redis.call('ZADD', KEYS[3], ARGV[4], ARGV[2])
          return 1
          """);

  /**
   * KEYS: session, sessions of the agent the caller expects to hold it, channel waiting line. ARGV:
   * sessionId, expected agentId ('' for none), channelId, now (ms), seconds to keep the closed
   * session. Returns {outcome, agentId}; RETRY names the agent that actually holds it.
   */
  static final LuaScript RELEASE =
      new LuaScript(
          """
          local state = redis.call('HGET', KEYS[1], 'state')
          if state == 'CLOSED' then
            return {'ALREADY_CLOSED', ''}
          end
          local agent = ''
          if state == 'ASSIGNED' then
            agent = redis.call('HGET', KEYS[1], 'agentId') or ''
          end
          if agent ~= ARGV[2] then
            return {'RETRY', agent}
          end
          if agent ~= '' then
            redis.call('SREM', KEYS[2], ARGV[1])
          end
          local channel = redis.call('HGET', KEYS[1], 'channelId') or ARGV[3]
          redis.call('ZREM', KEYS[3], ARGV[1])
          redis.call('HSET', KEYS[1], 'state', 'CLOSED', 'channelId', channel, 'closedAt', ARGV[4])
          redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
          return {'CLOSED', agent}
          """);

  /** KEYS: agent. ARGV: status, at (ms), clockedIn (1/0). 0 when a later change is recorded. */
  static final LuaScript PRESENCE =
      new LuaScript(
          """
          local at = redis.call('HGET', KEYS[1], 'presenceAt')
          if at and tonumber(at) > tonumber(ARGV[2]) then
            return 0
          end
          redis.call('HSET', KEYS[1], 'presence', ARGV[1], 'presenceAt', ARGV[2],
              'clockedIn', ARGV[3])
          return 1
          """);
}
