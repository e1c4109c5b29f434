package dev.switchboard.routing.distribution.store;

/**
 * The atomic steps of routing, as Lua run inside Redis. Each reads and writes several keys with
 * nothing able to run in between, which is what keeps two instances or two channels from giving a
 * session twice or an agent too many.
 */
final class RoutingScripts {

  private RoutingScripts() {}

  /**
   * Lua's copy of {@link RoutingKeys}' layout, for the keys a script finds only as it runs (the
   * holders of an offer, the agent of a session): every id between braces, so that no id can make
   * the key of another.
   */
  private static final String KEY_NAMES =
      """
      local function agentKey(p, id)
        return p .. 'agent:{' .. id .. '}'
      end
      local function sessionKey(p, id)
        return p .. 'session:{' .. id .. '}'
      end
      local function offerKey(p, id)
        return p .. 'offer:{' .. id .. '}'
      end
      local function waitingKey(p, id)
        return p .. 'channel:{' .. id .. '}:waiting'
      end
      """;

  /**
   * KEYS: pairs of (agent hash, agent sessions). Returns presence, lastAssignedAt, load, clockedIn
   * (1/0, '' when never recorded) per pair.
   */
  static final LuaScript READ_AGENTS =
      new LuaScript(
          """
          local result = {}
          for i = 1, #KEYS, 2 do
            local fields = redis.call('HMGET', KEYS[i], 'presence', 'lastAssignedAt', 'clockedIn')
            result[#result + 1] = fields[1] or ''
            result[#result + 1] = fields[2] or ''
            result[#result + 1] = tostring(redis.call('SCARD', KEYS[i + 1]))
            result[#result + 1] = fields[3] or ''
          end
          return result
          """);

  /** KEYS: channel waiting lines. Returns the number of sessions waiting in each. */
  static final LuaScript COUNT_WAITING =
      new LuaScript(
          """
          local counts = {}
          for i = 1, #KEYS do
            counts[i] = redis.call('ZCARD', KEYS[i])
          end
          return counts
          """);

  /**
   * Q6 at the moment of a step: {@code present(agent key, check)} with the check as {@code
   * AvailabilityCheck}'s name (OFF, ONLINE, ONLINE_AND_CLOCKED_IN). Absences and dismissals are
   * configuration, checked before the step.
   */
  private static final String PRESENT =
      """
      local function present(ak, check)
        if check == 'OFF' then
          return true
        end
        local fields = redis.call('HMGET', ak, 'presence', 'clockedIn')
        if fields[1] ~= 'ONLINE' then
          return false
        end
        return check ~= 'ONLINE_AND_CLOCKED_IN' or fields[2] == '1'
      end
      """;

  /**
   * KEYS: session, channel waiting line, arrival counter, session passed, session outcomes, rating
   * due. ARGV: sessionId, channelId, queuedEventId, now (ms), prefix. A session closed awaiting its
   * rating (state RATING, Q7c) that the client re-opens gives its agent's place back first.
   */
  static final LuaScript ENQUEUE =
      new LuaScript(
          KEY_NAMES
              + """
          local state = redis.call('HGET', KEYS[1], 'state')
          if state == 'RATING' then
            local holder = redis.call('HGET', KEYS[1], 'agentId')
            if holder then
              redis.call('SREM', agentKey(ARGV[5], holder) .. ':sessions', ARGV[1])
            end
            redis.call('ZREM', KEYS[6], ARGV[1])
          end
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
          redis.call('DEL', KEYS[1], KEYS[4], KEYS[5])
          redis.call('HSET', KEYS[1], 'state', 'WAITING', 'channelId', ARGV[2],
              'queuedEventId', ARGV[3], 'queuedAt', ARGV[4])
          redis.call('ZADD', KEYS[2], 'NX', arrival, ARGV[1])
          return 'QUEUED'
          """);

  /**
   * KEYS: session, agent sessions, agent, channel waiting line, outbox, outbox due, agent offers,
   * agent answered, agent awaiting client. ARGV: sessionId, agentId, channelId, limit (-1: none;
   * open offers count, the sessions the exclusion names do not), expected load (-1: any),
   * availability check (see {@link #PRESENT}), now (ms), eventId, payload, exclusion (NONE,
   * WAITING_FOR_CLIENT, ANSWERED).
   */
  static final LuaScript RESERVE =
      new LuaScript(
          PRESENT
              + """
          if redis.call('HGET', KEYS[1], 'state') ~= 'WAITING'
              or redis.call('HGET', KEYS[1], 'channelId') ~= ARGV[3] then
            redis.call('ZREM', KEYS[4], ARGV[1])
            return 'SESSION_NOT_WAITING'
          end
          if not present(KEYS[3], ARGV[6]) then
            return 'AGENT_UNAVAILABLE'
          end
          local load = redis.call('SCARD', KEYS[2])
          local limit = tonumber(ARGV[4])
          local excluded = 0
          if ARGV[10] == 'ANSWERED' then
            excluded = redis.call('SCARD', KEYS[8])
          elseif ARGV[10] == 'WAITING_FOR_CLIENT' then
            excluded = redis.call('SCARD', KEYS[9])
          end
          if limit >= 0 and load - excluded + redis.call('SCARD', KEYS[7]) >= limit then
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

  /**
   * KEYS: session, outbox, outbox due. ARGV: channelId, eventId, payload, now (ms), the session
   * field that remembers the announcement (noAgentEventId or allPassedEventId).
   */
  static final LuaScript CLAIM_NO_AGENT =
      new LuaScript(
          """
          if redis.call('HGET', KEYS[1], 'state') ~= 'WAITING'
              or redis.call('HGET', KEYS[1], 'channelId') ~= ARGV[1] then
            return 0
          end
          local offer = redis.call('HGET', KEYS[1], 'offerId')
          if offer and offer ~= '' then
            return 0
          end
          if redis.call('HSETNX', KEYS[1], ARGV[5], ARGV[2]) == 0 then
            return 0
          end
          redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
          redis.call('ZADD', KEYS[3], ARGV[4], ARGV[2])
          return 1
          """);

  /**
   * KEYS: session, sessions of the agent the caller expects to hold it, channel waiting line,
   * session passed, session outcomes, that agent's answered and awaiting-client sets, rating due.
   * ARGV: sessionId, expected agentId ('' for none), channelId, now (ms), seconds to keep the
   * closed session. Returns {outcome, agentId}; RETRY names the agent that actually holds it. A
   * session closed awaiting a rating (state RATING, Q7c) is released for good.
   */
  static final LuaScript RELEASE =
      new LuaScript(
          """
          local state = redis.call('HGET', KEYS[1], 'state')
          if state == 'CLOSED' then
            return {'ALREADY_CLOSED', ''}
          end
          redis.call('ZREM', KEYS[8], ARGV[1])
          local agent = ''
          if state == 'ASSIGNED' or state == 'RATING' then
            agent = redis.call('HGET', KEYS[1], 'agentId') or ''
          end
          if agent ~= ARGV[2] then
            return {'RETRY', agent}
          end
          if agent ~= '' then
            redis.call('SREM', KEYS[2], ARGV[1])
            redis.call('SREM', KEYS[6], ARGV[1])
            redis.call('SREM', KEYS[7], ARGV[1])
          end
          local channel = redis.call('HGET', KEYS[1], 'channelId') or ARGV[3]
          redis.call('ZREM', KEYS[3], ARGV[1])
          redis.call('HSET', KEYS[1], 'state', 'CLOSED', 'channelId', channel, 'closedAt', ARGV[4])
          redis.call('HDEL', KEYS[1], 'offerId')
          redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
          redis.call('DEL', KEYS[4])
          redis.call('EXPIRE', KEYS[5], tonumber(ARGV[5]))
          return {'CLOSED', agent}
          """);

  /**
   * Q7c: an assigned session is closed but a rating is awaited; it keeps counting toward its
   * agent's limit (under any Q7a/b rule) until released. KEYS: session, rating due. ARGV: prefix,
   * sessionId, channelId, until (ms), now (ms). Returns {outcome, agentId}: HELD, or NOT_ASSIGNED
   * (the caller closes it as usual).
   */
  static final LuaScript HOLD_FOR_RATING =
      new LuaScript(
          KEY_NAMES
              + """
          local sk = KEYS[1]
          if redis.call('HGET', sk, 'state') ~= 'ASSIGNED'
              or redis.call('HGET', sk, 'channelId') ~= ARGV[3] then
            return {'NOT_ASSIGNED', ''}
          end
          local agent = redis.call('HGET', sk, 'agentId') or ''
          local ak = agentKey(ARGV[1], agent)
          redis.call('SREM', ak .. ':answered', ARGV[2])
          redis.call('SREM', ak .. ':awaiting-client', ARGV[2])
          redis.call('HSET', sk, 'state', 'RATING', 'closedAt', ARGV[5], 'ratingUntil', ARGV[4])
          redis.call('ZADD', KEYS[2], ARGV[4], ARGV[2])
          return {'HELD', agent}
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

  /** KEYS: one set per agent (offers, answered, ...). Returns the size of each. */
  static final LuaScript READ_OFFER_COUNTS =
      new LuaScript(
          """
          local result = {}
          for i = 1, #KEYS do
            result[i] = redis.call('SCARD', KEYS[i])
          end
          return result
          """);

  /**
   * KEYS: offer, offer agents. Returns {} when the offer is not open, else {channelId, sessionId,
   * mode, expiresAt, position, agentId...} (agents in queue order).
   */
  static final LuaScript READ_OFFER =
      new LuaScript(
          """
          local fields = redis.call('HMGET', KEYS[1], 'channelId', 'sessionId', 'mode',
              'expiresAt', 'position')
          if not fields[2] then
            return {}
          end
          local result = {fields[1], fields[2], fields[3], fields[4] or '', fields[5] or '-1'}
          for _, agent in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
            result[#result + 1] = agent
          end
          return result
          """);

  /**
   * Opens an offer. KEYS: session, outbox, outbox due. ARGV: prefix, sessionId, channelId, offerId,
   * mode, expiresAt (ms, '' for none), limit (-1: none), availability check (see {@link #PRESENT}),
   * queue position, new round (1/0), now (ms), eventId, payload, exclusion, agentId... (queue
   * order). Returns {outcome, agentId}.
   */
  static final LuaScript OPEN_OFFER =
      new LuaScript(
          KEY_NAMES
              + PRESENT
              + """
          local function excluded(ak, rule)
            if rule == 'ANSWERED' then
              return redis.call('SCARD', ak .. ':answered')
            end
            if rule == 'WAITING_FOR_CLIENT' then
              return redis.call('SCARD', ak .. ':awaiting-client')
            end
            return 0
          end
          local p = ARGV[1]
          local sk = KEYS[1]
          if redis.call('HGET', sk, 'state') ~= 'WAITING'
              or redis.call('HGET', sk, 'channelId') ~= ARGV[3] then
            return {'SESSION_NOT_WAITING', ''}
          end
          local open = redis.call('HGET', sk, 'offerId')
          if open and open ~= '' then
            return {'ALREADY_OFFERED', ''}
          end
          local limit = tonumber(ARGV[7])
          for i = 15, #ARGV do
            local ak = agentKey(p, ARGV[i])
            if not present(ak, ARGV[8]) then
              return {'AGENT_CHANGED', ARGV[i]}
            end
            if limit >= 0 and redis.call('SCARD', ak .. ':sessions') - excluded(ak, ARGV[14])
                + redis.call('SCARD', ak .. ':offers') >= limit then
              return {'AGENT_CHANGED', ARGV[i]}
            end
            if ARGV[10] ~= '1' and redis.call('SISMEMBER', sk .. ':passed', ARGV[i]) == 1 then
              return {'AGENT_CHANGED', ARGV[i]}
            end
          end
          if ARGV[10] == '1' then
            redis.call('DEL', sk .. ':passed')
          end
          local ok = offerKey(p, ARGV[4])
          redis.call('HSET', ok, 'channelId', ARGV[3], 'sessionId', ARGV[2], 'mode', ARGV[5],
              'expiresAt', ARGV[6], 'position', ARGV[9])
          for i = 15, #ARGV do
            redis.call('ZADD', ok .. ':agents', i, ARGV[i])
            redis.call('SADD', agentKey(p, ARGV[i]) .. ':offers', ARGV[4])
            redis.call('HDEL', sk .. ':outcomes', ARGV[i])
          end
          redis.call('HSET', sk, 'offerId', ARGV[4], 'lastPosition', ARGV[9])
          if ARGV[6] ~= '' then
            redis.call('ZADD', p .. 'offers:due', ARGV[6], ARGV[4])
          end
          redis.call('HSET', KEYS[2], ARGV[12], ARGV[13])
          redis.call('ZADD', KEYS[3], ARGV[11], ARGV[12])
          return {'OPENED', ''}
          """);

  /**
   * Adds one agent to an open ALL offer (an agent of the queue came online or freed up). KEYS:
   * session, outbox, outbox due. ARGV: prefix, sessionId, offerId, agentId, limit (-1: none),
   * availability check (see {@link #PRESENT}), exclusion, now (ms), eventId, payload. Returns the
   * outcome: JOINED, OFFER_CLOSED, ALREADY_HOLDS, PASSED, AGENT_UNAVAILABLE, AT_CAPACITY.
   */
  static final LuaScript JOIN_OFFER =
      new LuaScript(
          KEY_NAMES
              + PRESENT
              + """
          local p = ARGV[1]
          local sk = KEYS[1]
          local ok = offerKey(p, ARGV[3])
          if redis.call('HGET', sk, 'state') ~= 'WAITING'
              or redis.call('HGET', sk, 'offerId') ~= ARGV[3]
              or redis.call('EXISTS', ok) == 0 then
            return 'OFFER_CLOSED'
          end
          if redis.call('ZSCORE', ok .. ':agents', ARGV[4]) then
            return 'ALREADY_HOLDS'
          end
          if redis.call('SISMEMBER', sk .. ':passed', ARGV[4]) == 1 then
            return 'PASSED'
          end
          local ak = agentKey(p, ARGV[4])
          if not present(ak, ARGV[6]) then
            return 'AGENT_UNAVAILABLE'
          end
          local excluded = 0
          if ARGV[7] == 'ANSWERED' then
            excluded = redis.call('SCARD', ak .. ':answered')
          elseif ARGV[7] == 'WAITING_FOR_CLIENT' then
            excluded = redis.call('SCARD', ak .. ':awaiting-client')
          end
          local limit = tonumber(ARGV[5])
          if limit >= 0 and redis.call('SCARD', ak .. ':sessions') - excluded
              + redis.call('SCARD', ak .. ':offers') >= limit then
            return 'AT_CAPACITY'
          end
          local last = redis.call('ZRANGE', ok .. ':agents', -1, -1, 'WITHSCORES')
          local score = 15
          if last[2] then
            score = tonumber(last[2]) + 1
          end
          redis.call('ZADD', ok .. ':agents', score, ARGV[4])
          redis.call('SADD', ak .. ':offers', ARGV[3])
          redis.call('HDEL', sk .. ':outcomes', ARGV[4])
          redis.call('HSET', KEYS[2], ARGV[9], ARGV[10])
          redis.call('ZADD', KEYS[3], ARGV[8], ARGV[9])
          return 'JOINED'
          """);

  private static final String ACCEPTANCE_OF =
      """
      local function acceptance(sk, agent)
        local state = redis.call('HGET', sk, 'state')
        if state == 'ASSIGNED' then
          if redis.call('HGET', sk, 'agentId') == agent then
            return {'ALREADY_YOURS', redis.call('HGET', sk, 'assignedOfferId') or ''}
          end
        end
        -- Only an agent who held an offer of it learns that somebody else took it (TAKEN_BY_ANOTHER
        -- is written for those holders); anyone else is told NOT_OFFERED, as for an unknown session.
        return {redis.call('HGET', sk .. ':outcomes', agent) or 'NOT_OFFERED', ''}
      end
      """;

  /**
   * What an agent's accept finds without an open offer. KEYS: session. ARGV: agentId. Returns
   * {result, offerId}.
   */
  static final LuaScript ACCEPTANCE =
      new LuaScript(ACCEPTANCE_OF + "return acceptance(KEYS[1], ARGV[1])\n");

  /**
   * An agent takes an open offer. KEYS: session, outbox, outbox due. ARGV: prefix, sessionId,
   * agentId, offerId, limit (-1: none), availability check (see {@link #PRESENT}), now (ms),
   * assigned eventId, assigned payload, withdrawn eventId ('' when nobody else held it), withdrawn
   * payload, channelId, exclusion, the offer's agents as read (queue order). Returns {result,
   * offerId}.
   */
  static final LuaScript ACCEPT =
      new LuaScript(
          KEY_NAMES
              + ACCEPTANCE_OF
              + PRESENT
              + """
              local p = ARGV[1]
              local sk = KEYS[1]
              local agent = ARGV[3]
              if redis.call('HGET', sk, 'state') ~= 'WAITING' then
                return acceptance(sk, agent)
              end
              local offerId = redis.call('HGET', sk, 'offerId')
              if not offerId or offerId == '' then
                return acceptance(sk, agent)
              end
              local ok = offerKey(p, offerId)
              if not redis.call('ZSCORE', ok .. ':agents', agent) then
                return acceptance(sk, agent)
              end
              if offerId ~= ARGV[4] then
                return {'OFFER_CHANGED', ''}
              end
              local holders = redis.call('ZRANGE', ok .. ':agents', 0, -1)
              if #holders ~= #ARGV - 13 then
                return {'OFFER_CHANGED', ''}
              end
              for i = 1, #holders do
                if holders[i] ~= ARGV[13 + i] then
                  return {'OFFER_CHANGED', ''}
                end
              end
              local ak = agentKey(p, agent)
              if not present(ak, ARGV[6]) then
                return {'AGENT_UNAVAILABLE', ''}
              end
              local limit = tonumber(ARGV[5])
              local excluded = 0
              if ARGV[13] == 'ANSWERED' then
                excluded = redis.call('SCARD', ak .. ':answered')
              elseif ARGV[13] == 'WAITING_FOR_CLIENT' then
                excluded = redis.call('SCARD', ak .. ':awaiting-client')
              end
              if limit >= 0 and redis.call('SCARD', ak .. ':sessions') - excluded >= limit then
                return {'AT_CAPACITY', ''}
              end
              for i = 1, #holders do
                redis.call('SREM', agentKey(p, holders[i]) .. ':offers', offerId)
                if holders[i] ~= agent then
                  redis.call('HSET', sk .. ':outcomes', holders[i], 'TAKEN_BY_ANOTHER')
                end
              end
              redis.call('DEL', ok, ok .. ':agents', sk .. ':passed')
              redis.call('ZREM', p .. 'offers:due', offerId)
              redis.call('SADD', ak .. ':sessions', ARGV[2])
              redis.call('HSET', sk, 'state', 'ASSIGNED', 'agentId', agent, 'assignedAt', ARGV[7],
                  'assignedEventId', ARGV[8], 'assignedOfferId', offerId)
              redis.call('HDEL', sk, 'offerId')
              redis.call('HSET', ak, 'lastAssignedAt', ARGV[7])
              redis.call('ZREM', waitingKey(p, ARGV[12]), ARGV[2])
              redis.call('HSET', KEYS[2], ARGV[8], ARGV[9])
              redis.call('ZADD', KEYS[3], ARGV[7], ARGV[8])
              if ARGV[10] ~= '' then
                redis.call('HSET', KEYS[2], ARGV[10], ARGV[11])
                redis.call('ZADD', KEYS[3], ARGV[7], ARGV[10])
              end
              return {'ASSIGNED', offerId}
              """);

  /**
   * Agents leave an offer. KEYS: outbox, outbox due. ARGV: prefix, offerId, outcome (DECLINED or
   * WITHDRAWN), passes (1/0), now (ms), eventId, payload, agentId... Returns 1 when anyone left.
   */
  static final LuaScript LEAVE_OFFER =
      new LuaScript(
          KEY_NAMES
              + """
          local p = ARGV[1]
          local ok = offerKey(p, ARGV[2])
          local sid = redis.call('HGET', ok, 'sessionId')
          if not sid then
            return 0
          end
          local sk = sessionKey(p, sid)
          local left = 0
          for i = 8, #ARGV do
            if redis.call('ZREM', ok .. ':agents', ARGV[i]) == 1 then
              left = left + 1
              redis.call('SREM', agentKey(p, ARGV[i]) .. ':offers', ARGV[2])
              redis.call('HSET', sk .. ':outcomes', ARGV[i], ARGV[3])
              if ARGV[4] == '1' then
                redis.call('SADD', sk .. ':passed', ARGV[i])
              end
            end
          end
          if left == 0 then
            return 0
          end
          if redis.call('ZCARD', ok .. ':agents') == 0 then
            redis.call('DEL', ok)
            redis.call('ZREM', p .. 'offers:due', ARGV[2])
            if redis.call('HGET', sk, 'offerId') == ARGV[2] then
              redis.call('HDEL', sk, 'offerId')
            end
          end
          redis.call('HSET', KEYS[1], ARGV[6], ARGV[7])
          redis.call('ZADD', KEYS[2], ARGV[5], ARGV[6])
          return 1
          """);

  /**
   * Claims the expiry of a due offer, at most once. KEYS: outbox, outbox due. ARGV: prefix,
   * offerId, now (ms), eventId, payload, agentId... (the holders as read). Returns 1 when this call
   * expired it.
   */
  static final LuaScript EXPIRE_OFFER =
      new LuaScript(
          KEY_NAMES
              + """
          local p = ARGV[1]
          local due = p .. 'offers:due'
          local score = redis.call('ZSCORE', due, ARGV[2])
          if not score or tonumber(score) > tonumber(ARGV[3]) then
            return 0
          end
          local ok = offerKey(p, ARGV[2])
          local sid = redis.call('HGET', ok, 'sessionId')
          if not sid then
            redis.call('ZREM', due, ARGV[2])
            return 0
          end
          local holders = redis.call('ZRANGE', ok .. ':agents', 0, -1)
          if #holders ~= #ARGV - 5 then
            return 0
          end
          for i = 1, #holders do
            if holders[i] ~= ARGV[5 + i] then
              return 0
            end
          end
          local sk = sessionKey(p, sid)
          for i = 1, #holders do
            redis.call('SREM', agentKey(p, holders[i]) .. ':offers', ARGV[2])
            redis.call('SADD', sk .. ':passed', holders[i])
            redis.call('HSET', sk .. ':outcomes', holders[i], 'EXPIRED')
          end
          redis.call('DEL', ok, ok .. ':agents')
          redis.call('ZREM', due, ARGV[2])
          if redis.call('HGET', sk, 'offerId') == ARGV[2] then
            redis.call('HDEL', sk, 'offerId')
          end
          redis.call('HSET', KEYS[1], ARGV[4], ARGV[5])
          redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
          return 1
          """);

  /**
   * A transferred session waits again. KEYS: session, target channel waiting line, arrival counter,
   * session passed, session outcomes. ARGV: prefix, sessionId, target channelId, transfer eventId,
   * now (ms). Returns {outcome, previous agentId}.
   */
  static final LuaScript REQUEUE =
      new LuaScript(
          KEY_NAMES
              + """
          local p = ARGV[1]
          local sk = KEYS[1]
          if redis.call('HGET', sk, 'transferEventId') == ARGV[4] then
            return {'ALREADY_HANDLED', ''}
          end
          local state = redis.call('HGET', sk, 'state')
          local previous = ''
          if state == 'ASSIGNED' then
            previous = redis.call('HGET', sk, 'agentId') or ''
            if previous ~= '' then
              local ak = agentKey(p, previous)
              redis.call('SREM', ak .. ':sessions', ARGV[2])
              redis.call('SREM', ak .. ':answered', ARGV[2])
              redis.call('SREM', ak .. ':awaiting-client', ARGV[2])
            end
          end
          local channel = redis.call('HGET', sk, 'channelId')
          if channel then
            redis.call('ZREM', waitingKey(p, channel), ARGV[2])
          end
          local arrival = redis.call('INCR', KEYS[3])
          redis.call('DEL', sk, KEYS[4], KEYS[5])
          redis.call('HSET', sk, 'state', 'WAITING', 'channelId', ARGV[3],
              'queuedEventId', ARGV[4], 'queuedAt', ARGV[5], 'transferEventId', ARGV[4])
          redis.call('ZADD', KEYS[2], 'NX', arrival, ARGV[2])
          return {'QUEUED', previous}
          """);

  /**
   * Q14: an assigned, unanswered session moves to another agent. KEYS: session, new agent sessions,
   * new agent, outbox, outbox due, new agent offers, new agent answered, new agent awaiting client.
   * ARGV: prefix, sessionId, new agentId, channelId, limit (-1: none), availability check (see
   * {@link #PRESENT}), now (ms), eventId, payload, exclusion. Returns {outcome, previous agentId}.
   */
  static final LuaScript REASSIGN =
      new LuaScript(
          KEY_NAMES
              + PRESENT
              + """
          local sk = KEYS[1]
          if redis.call('HGET', sk, 'state') ~= 'ASSIGNED'
              or redis.call('HGET', sk, 'channelId') ~= ARGV[4] then
            return {'NOT_ASSIGNED', ''}
          end
          local previous = redis.call('HGET', sk, 'agentId') or ''
          if previous == ARGV[3] then
            return {'ALREADY_THEIRS', previous}
          end
          if redis.call('HGET', sk, 'responsibleEventId') then
            return {'ALREADY_MOVED', previous}
          end
          local pk = agentKey(ARGV[1], previous)
          if previous ~= '' and redis.call('SISMEMBER', pk .. ':answered', ARGV[2]) == 1 then
            return {'ANSWERED', previous}
          end
          if not present(KEYS[3], ARGV[6]) then
            return {'AGENT_UNAVAILABLE', previous}
          end
          local load = redis.call('SCARD', KEYS[2])
          local limit = tonumber(ARGV[5])
          local excluded = 0
          if ARGV[10] == 'ANSWERED' then
            excluded = redis.call('SCARD', KEYS[7])
          elseif ARGV[10] == 'WAITING_FOR_CLIENT' then
            excluded = redis.call('SCARD', KEYS[8])
          end
          if limit >= 0 and load - excluded + redis.call('SCARD', KEYS[6]) >= limit then
            return {'AT_CAPACITY', previous}
          end
          if previous ~= '' then
            redis.call('SREM', pk .. ':sessions', ARGV[2])
            redis.call('SREM', pk .. ':answered', ARGV[2])
            redis.call('SREM', pk .. ':awaiting-client', ARGV[2])
          end
          redis.call('SADD', KEYS[2], ARGV[2])
          redis.call('HSET', sk, 'agentId', ARGV[3], 'assignedAt', ARGV[7],
              'assignedEventId', ARGV[8], 'responsibleEventId', ARGV[8])
          redis.call('HSET', KEYS[3], 'lastAssignedAt', ARGV[7])
          redis.call('HSET', KEYS[4], ARGV[8], ARGV[9])
          redis.call('ZADD', KEYS[5], ARGV[7], ARGV[8])
          return {'REASSIGNED', previous}
          """);

  /**
   * A message in an assigned session (Q7a/b). KEYS: session. ARGV: prefix, sessionId, from agent
   * (1/0), at (ms). Returns 1 when the agent's sets changed.
   */
  static final LuaScript MESSAGE =
      new LuaScript(
          KEY_NAMES
              + """
          local sk = KEYS[1]
          if redis.call('HGET', sk, 'state') ~= 'ASSIGNED' then
            return 0
          end
          local last = redis.call('HGET', sk, 'lastMessageAt')
          if last and tonumber(last) > tonumber(ARGV[4]) then
            return 0
          end
          redis.call('HSET', sk, 'lastMessageAt', ARGV[4])
          local ak = agentKey(ARGV[1], redis.call('HGET', sk, 'agentId'))
          if ARGV[3] == '1' then
            local answered = redis.call('SADD', ak .. ':answered', ARGV[2])
            local awaiting = redis.call('SADD', ak .. ':awaiting-client', ARGV[2])
            if answered + awaiting > 0 then
              return 1
            end
            return 0
          end
          return redis.call('SREM', ak .. ':awaiting-client', ARGV[2])
          """);

  /**
   * KEYS: session, channel waiting line, arrivals, agent sessions (of ARGV[4]). ARGV: sessionId,
   * channelId, state (QUEUED or ASSIGNED, as session-service has it), agentId, since (ms). Puts a
   * session session-service holds open back into a state that lost it; a session routing knows (an
   * event handled since the loss) is left as it is.
   */
  static final LuaScript RESTORE_SESSION =
      new LuaScript(
          """
          if redis.call('EXISTS', KEYS[1]) == 1 then
            return 'KNOWN'
          end
          if ARGV[3] == 'ASSIGNED' then
            redis.call('HSET', KEYS[1], 'state', 'ASSIGNED', 'channelId', ARGV[2],
                'agentId', ARGV[4], 'assignedAt', ARGV[5])
            redis.call('SADD', KEYS[4], ARGV[1])
            return 'ASSIGNED'
          end
          local arrival = redis.call('INCR', KEYS[3])
          redis.call('HSET', KEYS[1], 'state', 'WAITING', 'channelId', ARGV[2], 'queuedAt', ARGV[5])
          redis.call('ZADD', KEYS[2], 'NX', arrival, ARGV[1])
          return 'WAITING'
          """);
}
