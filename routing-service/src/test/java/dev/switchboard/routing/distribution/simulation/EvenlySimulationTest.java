package dev.switchboard.routing.distribution.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.routing.config.store.ConfigCopy;
import dev.switchboard.routing.distribution.domain.ChannelQueue;
import dev.switchboard.routing.distribution.domain.Distributor;
import dev.switchboard.routing.distribution.domain.InMemoryLiveAgentState;
import dev.switchboard.routing.distribution.domain.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays thousands of sessions and hundreds of agents through the EVENLY {@link Distributor}
 * (issue 5), with a seeded {@link Random} and a fake clock, and checks the invariants after every
 * step against a model the simulator keeps from the decisions it saw.
 *
 * <p>Invariants, checked after every step (and at every decision):
 *
 * <ol>
 *   <li>A session is assigned at most once, so never to two agents; the live state's load of every
 *       agent equals the model's.
 *   <li>No agent goes above its limit. The domain's limit (Q7) is a channel setting; an agent in
 *       several channels may therefore meet several limits. Precisely: when channel c gives an
 *       agent a session, the agent's load (all channels) is below c's limit before it; so an
 *       agent's load never exceeds the largest limit of the channels whose queue holds it.
 *   <li>No session waits while an eligible agent has room: for every channel with a waiting
 *       session, no agent of its queue is online, not dismissed and below the channel's limit. The
 *       waiting line holds exactly the model's waiting sessions, in arrival order.
 *   <li>EVENLY, "least load wins": at every decision of channel c, the chosen agent has the least
 *       load (all channels) among c's eligible agents, and among those the first in queue order.
 *   <li>EVENLY, "spread within 1": what a decision can promise. Closes, disconnects and agents
 *       shared with other channels move loads behind a channel's back, so a global spread cannot be
 *       promised. It holds where only this channel's arrivals change the loads: a channel whose
 *       agents are in no other queue, with no closes and no presence changes, keeps the loads of
 *       its online agents within 1 of each other — except that an agent at the channel's limit is
 *       not eligible, which can only shrink the spread since everyone stops at the same limit.
 *       {@link #evenlyKeepsTheSpreadWithinOneWhereOnlyTheChannelsArrivalsMoveTheLoad} checks that
 *       after every arrival.
 * </ol>
 */
class EvenlySimulationTest {

  private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1L, 20261125L})
  void tenThousandSessionsOverTwoHundredAgentsKeepEveryInvariant(long seed) {
    Simulation simulation = new Simulation(seed, 200, 20, true);
    Stats stats = simulation.run(10_000);
    System.out.println("EVENLY simulation, seed " + seed + ": " + stats);

    // The run must have met the hard cases, not only the easy path.
    assertEquals(10_000, stats.arrivals);
    assertTrue(stats.assignments > 5_000, "assignments " + stats.assignments);
    assertTrue(stats.stepsWithSomeoneWaiting > 500, "waiting steps " + stats);
    assertTrue(stats.assignedOnReconnectOrClose > 100, "served later " + stats);
    assertTrue(stats.disconnects > 500, "disconnects " + stats);
  }

  @Test
  void evenlyKeepsTheSpreadWithinOneWhereOnlyTheChannelsArrivalsMoveTheLoad() {
    Simulation simulation = new Simulation(7L, 200, 20, false);
    simulation.checkSpreadWithinOne = true;
    Stats stats = simulation.runArrivalsOnly(3_000);

    assertEquals(3_000, stats.arrivals);
    assertTrue(stats.stepsWithSomeoneWaiting > 0, "some channels reach their limit " + stats);
  }

  /** Counters that show which paths a run went through. */
  static final class Stats {
    int arrivals;
    int assignments;
    int closes;
    int disconnects;
    int reconnects;
    int stepsWithSomeoneWaiting;
    int assignedOnReconnectOrClose;

    @Override
    public String toString() {
      return "arrivals=%d assignments=%d closes=%d disconnects=%d reconnects=%d waitingSteps=%d servedLater=%d"
          .formatted(
              arrivals,
              assignments,
              closes,
              disconnects,
              reconnects,
              stepsWithSomeoneWaiting,
              assignedOnReconnectOrClose);
    }
  }

  static final class Simulation {
    private final Random random;
    private final MutableClock clock = new MutableClock(START);
    private final ConfigCopy config = new ConfigCopy();
    private final InMemoryLiveAgentState state = new InMemoryLiveAgentState();
    private final Distributor distributor;
    private final List<String> agents = new ArrayList<>();
    private final List<ChannelQueue> channels = new ArrayList<>();
    private final Map<String, ChannelQueue> channelById = new HashMap<>();
    private final Map<String, List<String>> channelsOfAgent = new HashMap<>();
    private final Set<String> online = new HashSet<>();
    private final Map<String, Set<String>> sessionsOfAgent = new HashMap<>();
    private final Map<String, String> agentOfSession = new HashMap<>();
    private final Map<String, String> channelOfSession = new HashMap<>();
    private final Map<String, LinkedHashSet<String>> waiting = new HashMap<>();
    private final Set<String> everAssigned = new HashSet<>();
    private final List<String> openSessions = new ArrayList<>();
    private final Map<String, Integer> openIndex = new HashMap<>();
    private final Stats stats = new Stats();
    private String arrivingSession;
    boolean checkSpreadWithinOne;

    /**
     * @param sharedAgents true: each queue is a random subset of all agents (agents work in several
     *     channels); false: the agents are split into disjoint queues
     */
    Simulation(long seed, int agentCount, int channelCount, boolean sharedAgents) {
      random = new Random(seed);
      distributor = new Distributor(config, state, this::observe, clock);
      for (int i = 0; i < agentCount; i++) {
        String agentId = "agent-" + i;
        agents.add(agentId);
        sessionsOfAgent.put(agentId, new HashSet<>());
        channelsOfAgent.put(agentId, new ArrayList<>());
      }
      List<String> shuffled = new ArrayList<>(agents);
      Collections.shuffle(shuffled, random);
      for (int c = 0; c < channelCount; c++) {
        String channelId = "channel-" + c;
        List<String> queue;
        if (sharedAgents) {
          Collections.shuffle(shuffled, random);
          queue = List.copyOf(shuffled.subList(0, 8 + random.nextInt(20)));
        } else {
          int size = agentCount / channelCount;
          queue = List.copyOf(shuffled.subList(c * size, (c + 1) * size));
        }
        ChannelQueue channel =
            new ChannelQueue(
                channelId,
                1,
                false,
                queue,
                DistributionMode.EVENLY,
                true,
                OptionalInt.of(1 + random.nextInt(5)));
        config.offer(channel);
        channels.add(channel);
        channelById.put(channelId, channel);
        waiting.put(channelId, new LinkedHashSet<>());
        queue.forEach(agentId -> channelsOfAgent.get(agentId).add(channelId));
      }
      for (String agentId : agents) {
        if (!sharedAgents || random.nextInt(10) < 8) {
          setPresence(agentId, PresenceStatus.ONLINE);
        }
      }
    }

    Stats run(int sessionCount) {
      while (stats.arrivals < sessionCount) {
        clock.advance(Duration.ofMillis(1 + random.nextInt(3_000)));
        int dice = random.nextInt(100);
        if (dice < 46) {
          arrive();
        } else if (dice < 90) {
          closeRandomSession();
        } else {
          togglePresenceOfRandomAgent();
        }
        checkInvariants();
      }
      return stats;
    }

    Stats runArrivalsOnly(int sessionCount) {
      while (stats.arrivals < sessionCount) {
        clock.advance(Duration.ofMillis(1 + random.nextInt(3_000)));
        arrive();
        checkInvariants();
      }
      return stats;
    }

    private void arrive() {
      ChannelQueue channel = channels.get(random.nextInt(channels.size()));
      String sessionId = "session-" + stats.arrivals++;
      channelOfSession.put(sessionId, channel.channelId());
      waiting.get(channel.channelId()).add(sessionId);
      addOpen(sessionId);
      arrivingSession = sessionId;
      distributor.sessionQueued(channel.channelId(), sessionId, "queued-" + sessionId);
      arrivingSession = null;
    }

    private void closeRandomSession() {
      if (openSessions.isEmpty()) {
        return;
      }
      String sessionId = openSessions.get(random.nextInt(openSessions.size()));
      removeOpen(sessionId);
      String channelId = channelOfSession.get(sessionId);
      String agentId = agentOfSession.remove(sessionId);
      if (agentId != null) {
        sessionsOfAgent.get(agentId).remove(sessionId);
      }
      waiting.get(channelId).remove(sessionId);
      stats.closes++;
      distributor.sessionClosed(channelId, sessionId);
    }

    private void togglePresenceOfRandomAgent() {
      String agentId = agents.get(random.nextInt(agents.size()));
      if (online.contains(agentId)) {
        stats.disconnects++;
        setPresence(agentId, random.nextBoolean() ? PresenceStatus.OFFLINE : PresenceStatus.AWAY);
      } else {
        stats.reconnects++;
        setPresence(agentId, PresenceStatus.ONLINE);
      }
    }

    private void setPresence(String agentId, PresenceStatus status) {
      if (status == PresenceStatus.ONLINE) {
        online.add(agentId);
      } else {
        online.remove(agentId);
      }
      distributor.presenceChanged(agentId, status, true, clock.instant());
    }

    /** Every decision the distributor publishes, checked against the model before applying it. */
    private void observe(RoutingEvent event) {
      if (!(event instanceof AgentAssigned assigned)) {
        return;
      }
      String sessionId = assigned.sessionId();
      String agentId = assigned.agentId();
      ChannelQueue channel = channelById.get(assigned.channelId());
      if (!everAssigned.add(sessionId)) {
        fail(sessionId + " assigned a second time, now to " + agentId);
      }
      assertEquals(channelOfSession.get(sessionId), channel.channelId(), "channel of " + sessionId);
      assertTrue(waiting.get(channel.channelId()).contains(sessionId), sessionId + " not waiting");
      assertEquals(
          waiting.get(channel.channelId()).iterator().next(),
          sessionId,
          "the oldest waiting session of " + channel.channelId() + " goes first");
      assertTrue(channel.contains(agentId), agentId + " not in the queue");
      assertTrue(online.contains(agentId), agentId + " is not online");
      int load = sessionsOfAgent.get(agentId).size();
      assertTrue(
          load < channel.sessionLimit().getAsInt(),
          agentId + " at " + load + " over the limit of " + channel.channelId());
      // Least load wins, ties by queue order.
      String expected = null;
      int expectedLoad = Integer.MAX_VALUE;
      for (String candidate : channel.agentIds()) {
        int candidateLoad = sessionsOfAgent.get(candidate).size();
        if (eligible(candidate, channel) && candidateLoad < expectedLoad) {
          expected = candidate;
          expectedLoad = candidateLoad;
        }
      }
      assertEquals(expected, agentId, "EVENLY choice for " + sessionId);

      waiting.get(channel.channelId()).remove(sessionId);
      sessionsOfAgent.get(agentId).add(sessionId);
      agentOfSession.put(sessionId, agentId);
      stats.assignments++;
      if (!sessionId.equals(arrivingSession)) {
        stats.assignedOnReconnectOrClose++;
      }
    }

    private boolean eligible(String agentId, ChannelQueue channel) {
      return online.contains(agentId)
          && sessionsOfAgent.get(agentId).size() < channel.sessionLimit().getAsInt();
    }

    private void checkInvariants() {
      for (String agentId : agents) {
        int load = sessionsOfAgent.get(agentId).size();
        assertEquals(load, state.load(agentId), "load of " + agentId);
        int largestLimit =
            channelsOfAgent.get(agentId).stream()
                .mapToInt(c -> channelById.get(c).sessionLimit().getAsInt())
                .max()
                .orElse(0);
        assertTrue(load <= largestLimit, agentId + " above every limit: " + load);
      }
      boolean someoneWaiting = false;
      for (ChannelQueue channel : channels) {
        LinkedHashSet<String> line = waiting.get(channel.channelId());
        assertEquals(
            List.copyOf(line),
            state.waiting(channel.channelId(), 0),
            "line " + channel.channelId());
        if (!line.isEmpty()) {
          someoneWaiting = true;
          for (String agentId : channel.agentIds()) {
            if (eligible(agentId, channel)) {
              fail(
                  line.iterator().next()
                      + " waits in "
                      + channel.channelId()
                      + " while "
                      + agentId
                      + " has room");
            }
          }
        }
        if (checkSpreadWithinOne) {
          checkSpreadWithinOne(channel);
        }
      }
      if (someoneWaiting) {
        stats.stepsWithSomeoneWaiting++;
      }
    }

    private void checkSpreadWithinOne(ChannelQueue channel) {
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      for (String agentId : channel.agentIds()) {
        if (online.contains(agentId)) {
          int load = sessionsOfAgent.get(agentId).size();
          min = Math.min(min, load);
          max = Math.max(max, load);
        }
      }
      if (min != Integer.MAX_VALUE) {
        assertTrue(max - min <= 1, channel.channelId() + " spread " + min + ".." + max);
      }
    }

    private void addOpen(String sessionId) {
      openIndex.put(sessionId, openSessions.size());
      openSessions.add(sessionId);
    }

    private void removeOpen(String sessionId) {
      int index = openIndex.remove(sessionId);
      String last = openSessions.remove(openSessions.size() - 1);
      if (!last.equals(sessionId)) {
        openSessions.set(index, last);
        openIndex.put(last, index);
      }
    }
  }
}
