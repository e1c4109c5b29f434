package dev.switchboard.routing.distribution.store;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.WithdrawalReason;
import dev.switchboard.routing.RedisKeysCleanup;
import dev.switchboard.routing.config.store.ConfigCopy;
import dev.switchboard.routing.distribution.domain.AgentEntry;
import dev.switchboard.routing.distribution.domain.ChannelQueue;
import dev.switchboard.routing.distribution.domain.Distributor;
import dev.switchboard.routing.distribution.domain.Distributor.QueueOutcome;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Not a test (the name keeps it out of the suite): one routing decision ({@code
 * Distributor.sessionQueued} on the Redis state, the Kafka send left out) with 10 and 1,000 agents,
 * EVENLY, STRICT_ORDER and ALL, as the perf-jmh benchmark sets it up (all online and clocked in,
 * base load 0-2 under a limit of 5), then with nobody idle (base load 1-3). Prints per decision:
 * Redis round trips, arguments sent, reply elements, wall time (p50/p99, inflated on a loaded
 * machine) and the server's own time in scripts (INFO commandstats, usec per decision: shared
 * Redis, so other users' scripts add noise). Run it with
 *
 * <pre>
 * ./mvnw -o -B -pl routing-service verify -Dtest=DecisionTimingBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class DecisionTimingBenchmark {

  private static final int LIMIT = 5;

  @Inject RedisDataSource redis;

  @Test
  void evenlyDecision() {
    for (int agents : new int[] {10, 1_000}) {
      run(DistributionMode.EVENLY, agents, agents >= 1_000 ? 200 : 1_000, 0);
      // Nobody idle: the search cannot stop at the first idle agent and looks at every one.
      run(DistributionMode.EVENLY, agents, agents >= 1_000 ? 200 : 1_000, 1);
      run(DistributionMode.STRICT_ORDER, agents, agents >= 1_000 ? 100 : 300, 0);
      run(DistributionMode.ALL, agents, agents >= 1_000 ? 50 : 300, 0);
    }
  }

  private void run(DistributionMode mode, int agents, int decisions, int baseLoad) {
    String prefix = "sb:routing:timing-" + UUID.randomUUID() + ":";
    RoutingKeys keys = new RoutingKeys(prefix);
    long[] counts = new long[3];
    RedisDataSource counting = counting(redis, counts);
    RedisLiveAgentState state = new RedisLiveAgentState(counting, keys, Duration.ofMinutes(5));
    ConfigCopy config = new ConfigCopy();
    List<String> agentIds = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < agents; i++) {
      String agentId = String.format(Locale.ROOT, "timing-agent-%05d", i);
      agentIds.add(agentId);
      config.offer(new AgentEntry(agentId, 1, false, false, List.of()));
      state.presenceChanged(agentId, PresenceStatus.ONLINE, true, now);
      for (int open = 0; open < baseLoad + i % 3; open++) {
        redis.execute("SADD", keys.agentSessions(agentId), "base-" + open);
      }
    }
    String channel = "timing-channel";
    config.offer(new ChannelQueue(channel, 1, false, agentIds, mode, true, OptionalInt.of(LIMIT)));
    Distributor distributor =
        new Distributor(config, state, event -> {}, Clock.systemUTC(), Duration.ofSeconds(60));
    try {
      for (int i = 0; i < 50; i++) {
        undo(state, keys, channel, decide(distributor, channel, mode));
      }
      Arrays.fill(counts, 0);
      long scriptUsecBefore = scriptUsec();
      long[] nanos = new long[decisions];
      for (int i = 0; i < decisions; i++) {
        long begin = System.nanoTime();
        String sessionId = decide(distributor, channel, mode);
        nanos[i] = System.nanoTime() - begin;
        long[] saved = counts.clone();
        undo(state, keys, channel, sessionId);
        System.arraycopy(saved, 0, counts, 0, 3);
      }
      long scriptUsec = scriptUsec() - scriptUsecBefore;
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "[timing] %s agents=%d base-load=%d-%d decisions=%d round-trips/decision=%.2f args/decision=%.0f"
              + " reply-elements/decision=%.0f p50=%.3f ms p99=%.3f ms mean=%.3f ms"
              + " redis-script-usec/decision~%.0f (incl. the untimed undo's release)%n",
          mode,
          agents,
          baseLoad,
          baseLoad + 2,
          decisions,
          counts[0] / (double) decisions,
          counts[1] / (double) decisions,
          counts[2] / (double) decisions,
          nanos[decisions / 2] / 1e6,
          nanos[(int) (decisions * 0.99)] / 1e6,
          Arrays.stream(nanos).average().orElse(0) / 1e6,
          scriptUsec / (double) decisions);
    } finally {
      RedisKeysCleanup.deleteUnder(redis, prefix);
    }
  }

  private static String decide(Distributor distributor, String channel, DistributionMode mode) {
    String sessionId = "s-" + UUID.randomUUID();
    QueueOutcome outcome = distributor.sessionQueued(channel, sessionId, "q-" + sessionId);
    // STRICT_ORDER and ALL offer it: it waits, with an open offer.
    if (outcome
        != (mode == DistributionMode.EVENLY ? QueueOutcome.ASSIGNED : QueueOutcome.WAITING)) {
      throw new IllegalStateException(sessionId + ": " + outcome);
    }
    return sessionId;
  }

  private void undo(RedisLiveAgentState state, RoutingKeys keys, String channel, String sessionId) {
    state
        .offerOfSession(sessionId)
        .ifPresent(
            offer ->
                state.leave(
                    new OfferWithdrawn(
                        PlatformEvent.newId(),
                        channel,
                        sessionId,
                        offer.offerId(),
                        offer.agentIds(),
                        WithdrawalReason.SESSION_CLOSED,
                        Instant.now()),
                    false));
    state.release(channel, sessionId, Instant.now());
    redis.execute(
        "DEL",
        keys.session(sessionId),
        keys.passed(sessionId),
        keys.outcomes(sessionId),
        keys.outbox(),
        keys.outboxDue(),
        keys.offersDue());
  }

  /** Microseconds Redis spent in EVAL/EVALSHA so far (all users of this Redis). */
  private long scriptUsec() {
    String info = redis.execute("INFO", "commandstats").toString();
    long usec = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
        for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
          if (field.startsWith("usec=")) {
            usec += Long.parseLong(field.substring(5));
          }
        }
      }
    }
    return usec;
  }

  /** Counts execute calls (round trips), their arguments and their reply elements. */
  private static RedisDataSource counting(RedisDataSource target, long[] counts) {
    return (RedisDataSource)
        Proxy.newProxyInstance(
            RedisDataSource.class.getClassLoader(),
            new Class<?>[] {RedisDataSource.class},
            (proxy, method, args) -> {
              Object result;
              try {
                result = method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (method.getName().equals("execute") && args != null && args.length == 2) {
                counts[0]++;
                if (args[1] instanceof String[] arguments) {
                  counts[1] += arguments.length;
                }
                if (result instanceof Response response) {
                  counts[2] += replyElements(response);
                }
              }
              return result;
            });
  }

  private static long replyElements(Response response) {
    try {
      return response.size();
    } catch (RuntimeException e) {
      return 1;
    }
  }
}
