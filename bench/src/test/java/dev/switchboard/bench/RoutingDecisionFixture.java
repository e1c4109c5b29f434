package dev.switchboard.bench;

import dev.switchboard.events.EventJson;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.WithdrawalReason;
import dev.switchboard.routing.config.store.ConfigCopy;
import dev.switchboard.routing.distribution.domain.AgentEntry;
import dev.switchboard.routing.distribution.domain.ChannelQueue;
import dev.switchboard.routing.distribution.domain.Distributor;
import dev.switchboard.routing.distribution.domain.Distributor.QueueOutcome;
import dev.switchboard.routing.distribution.domain.LiveAgentState.OpenOffer;
import dev.switchboard.routing.distribution.store.RedisLiveAgentState;
import dev.switchboard.routing.distribution.store.RoutingKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * One channel of routing-service, built from its own production classes outside Quarkus: the {@link
 * Distributor} as {@code DistributionBeans} wires it, on {@link RedisLiveAgentState} (the Lua
 * scripts) against the real Redis, under a key prefix of its own ({@value #PREFIX}{@code <uuid>:},
 * removed by {@link #close}). {@code agents} agents are online and clocked in with room (base load
 * 0-2 of a limit of {@value #SESSION_LIMIT}), all in the channel's queue.
 *
 * <p>{@link #decide} is one routing decision as {@code SessionEventsConsumer} asks for it on a
 * {@code SessionQueued}: {@code Distributor.sessionQueued}, which enqueues the session, reads the
 * queue's agents and reserves one (EVENLY) or opens an offer (STRICT_ORDER, ALL). {@link #undo}
 * takes that back (offer withdrawn, session released, its keys and the outbox entries removed) so
 * that every decision meets the same state.
 */
final class RoutingDecisionFixture implements AutoCloseable {

  static final String PREFIX = "sb:bench:jmh:";
  static final int SESSION_LIMIT = 5;

  private final Vertx vertx;
  private final Redis client;
  private final RedisDataSource redis;
  private final RoutingKeys keys;
  private final RedisLiveAgentState state;
  private final Distributor distributor;
  private final DistributionMode mode;
  private final String channelId = "bench-channel";
  private final Clock clock = Clock.systemUTC();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private long sessions;

  /** Keeps the serialised announcements reachable, so the JIT cannot drop the work. */
  volatile int announcedBytes;

  /**
   * @param measure wraps the data source the production classes get (e.g. to time each call); the
   *     set-up and the clean-up use the bare one
   */
  RoutingDecisionFixture(
      DistributionMode mode, int agents, UnaryOperator<RedisDataSource> measure) {
    this.mode = mode;
    this.vertx = Vertx.vertx();
    String url = System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379");
    this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url));
    this.redis = new BlockingRedisDataSourceImpl(vertx, client, RedisAPI.api(client), TIMEOUT);
    this.keys = new RoutingKeys(PREFIX + UUID.randomUUID() + ":");
    // keepClosedSessions as in production (7 days): undo deletes the closed session's keys anyway.
    this.state = new RedisLiveAgentState(measure.apply(redis), keys, Duration.ofDays(7));
    ConfigCopy config = new ConfigCopy();
    List<String> agentIds = new ArrayList<>(agents);
    Instant now = clock.instant();
    for (int i = 0; i < agents; i++) {
      String agentId = String.format(Locale.ROOT, "bench-agent-%05d", i);
      agentIds.add(agentId);
      config.offer(new AgentEntry(agentId, 1, false, false, List.of()));
      state.presenceChanged(agentId, PresenceStatus.ONLINE, true, now);
      // Some load already, so that EVENLY ranks agents by something.
      for (int open = 0; open < i % 3; open++) {
        redis.execute("SADD", keys.agentSessions(agentId), "base-" + open);
      }
    }
    config.offer(
        new ChannelQueue(channelId, 1, false, agentIds, mode, true, OptionalInt.of(SESSION_LIMIT)));
    this.distributor =
        new Distributor(
            config,
            state,
            event -> announcedBytes = EventJson.write(event).length,
            clock,
            Duration.ofSeconds(60));
    // The path measured must be the one that succeeds: check it once before anyone times it.
    String first = decide();
    boolean ok =
        mode == DistributionMode.EVENLY
            ? "ASSIGNED".equals(String.valueOf(redis.execute("HGET", keys.session(first), "state")))
            : state.offerOfSession(first).map(o -> o.agentIds().size()).orElse(0)
                == (mode == DistributionMode.ALL ? agents : 1);
    undo(first);
    if (!ok) {
      close();
      throw new IllegalStateException(mode + " with " + agents + " agents did not decide");
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** One routing decision for a new session; its id, for {@link #undo}. */
  String decide() {
    String sessionId = "s-" + run + "-" + (++sessions);
    QueueOutcome outcome =
        distributor.sessionQueued(channelId, sessionId, "queued-" + sessionId, null);
    if (outcome == QueueOutcome.ALREADY_HANDLED) {
      throw new IllegalStateException("session " + sessionId + " was already handled");
    }
    return sessionId;
  }

  /** Takes the decision back (not timed): the next decision meets the same state. */
  void undo(String sessionId) {
    Instant now = clock.instant();
    if (mode != DistributionMode.EVENLY) {
      OpenOffer offer = state.offerOfSession(sessionId).orElse(null);
      if (offer != null) {
        state.leave(
            new OfferWithdrawn(
                PlatformEvent.newId(),
                channelId,
                sessionId,
                offer.offerId(),
                offer.agentIds(),
                WithdrawalReason.SESSION_CLOSED,
                now),
            false);
      }
    }
    state.release(channelId, sessionId, now);
    // What AnnouncementOutbox would remove once Kafka has the decisions, and the closed session.
    redis.execute(
        "DEL",
        keys.session(sessionId),
        keys.passed(sessionId),
        keys.outcomes(sessionId),
        keys.outbox(),
        keys.outboxDue(),
        keys.offersDue());
  }

  @Override
  public void close() {
    try {
      deleteUnder(redis, keys.prefix());
    } finally {
      client.close();
      vertx.closeAndAwait();
    }
  }

  /** Removes every key under {@code prefix}. */
  static void deleteUnder(RedisDataSource redis, String prefix) {
    var scan = redis.key().scan(new KeyScanArgs().match(prefix + "*").count(1000));
    while (scan.hasNext()) {
      var found = scan.next();
      if (!found.isEmpty()) {
        redis.key().del(found.toArray(String[]::new));
      }
    }
  }

  /** Removes what runs that died left under {@value #PREFIX}. */
  static void deleteLeftovers() {
    Vertx vertx = Vertx.vertx();
    String url = System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379");
    Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url));
    try {
      deleteUnder(
          new BlockingRedisDataSourceImpl(vertx, client, RedisAPI.api(client), TIMEOUT), PREFIX);
    } finally {
      client.close();
      vertx.closeAndAwait();
    }
  }
}
