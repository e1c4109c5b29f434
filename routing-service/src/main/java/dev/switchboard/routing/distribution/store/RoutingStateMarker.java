package dev.switchboard.routing.distribution.store;

import dev.switchboard.routing.recovery.domain.OpenSession;
import io.quarkus.redis.datasource.RedisDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Whether routing's Redis state is whole, and the steps that rebuild it. The marker key is written
 * when the state is first built; Redis never drops it on its own (no expiry, and the documented
 * {@code maxmemory-policy} is {@code noeviction}), so its absence means the data set was emptied (a
 * failover to an empty replica, a FLUSHDB, a restart without persistence).
 */
public class RoutingStateMarker {

  private final RedisDataSource redis;
  private final RoutingKeys keys;

  public RoutingStateMarker(RedisDataSource redis, RoutingKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  public boolean present() {
    return redis.key().exists(keys.stateMarker());
  }

  /** Marks the state whole; a marker already there (another instance's) is kept. */
  public void mark(Instant builtAt) {
    redis.execute("SET", keys.stateMarker(), Long.toString(builtAt.toEpochMilli()), "NX");
  }

  /**
   * Claims the rebuild for {@code owner} until {@code hold} has passed (a crashed owner's ends).
   */
  public boolean claimRebuild(String owner, Duration hold) {
    return redis.execute(
            "SET", keys.rebuildClaim(), owner, "NX", "PX", Long.toString(hold.toMillis()))
        != null;
  }

  public void releaseRebuild(String owner) {
    redis.execute(
        "EVAL",
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end"
            + " return 0",
        "1",
        keys.rebuildClaim(),
        owner);
  }

  /** Puts one open session back, unless routing knows it already; returns what it did. */
  public String restore(OpenSession session) {
    String agentId = session.agentId() == null ? "" : session.agentId();
    return RoutingScripts.RESTORE_SESSION
        .run(
            redis,
            List.of(
                keys.session(session.sessionId()),
                keys.waiting(session.channelId()),
                keys.arrivals(),
                keys.agentSessions(agentId)),
            session.sessionId(),
            session.channelId(),
            session.state().name(),
            agentId,
            Long.toString(session.since().toEpochMilli()))
        .toString();
  }
}
