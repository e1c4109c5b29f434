package dev.switchboard.e2e.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a test saw of routing from the outside: the sessions it queued and closed, and the
 * assignments routing published. It checks the rules of routing on that record: a session goes to
 * one agent once, no agent holds more than the limit, and once things settle no session waits while
 * an agent of its queue has room.
 *
 * <p>The limit check is sound with records from separate producers: an assignment published at time
 * {@code t} can only count on closes published before {@code t}, so "assignments up to {@code t}
 * minus closes published up to {@code t}" is a lower bound of the agent's real load at {@code t};
 * if even that is above the limit, routing broke it.
 */
final class RoutingLedger {

  record Assignment(String eventId, String sessionId, String agentId, long publishedAt) {}

  private final Map<String, List<String>> queues;
  private final int limit;
  private final Map<String, String> channelOfSession = new HashMap<>();
  private final Map<String, Long> queuedAt = new HashMap<>();
  private final Map<String, Assignment> firstAssignment = new LinkedHashMap<>();
  private final Map<String, Long> closedAt = new HashMap<>();
  private final Set<String> seenEventIds = new java.util.HashSet<>();
  private final List<String> violations = new ArrayList<>();

  /**
   * @param queues each channel's queue, in order
   * @param limit the per-agent limit of simultaneous sessions, the same on every channel
   */
  RoutingLedger(Map<String, List<String>> queues, int limit) {
    this.queues = Map.copyOf(queues);
    this.limit = limit;
  }

  /** Noted before the record is sent, so an assignment read early still finds its session. */
  synchronized void queued(String channelId, String sessionId) {
    channelOfSession.put(sessionId, channelId);
  }

  synchronized void queuedPublishedAt(String sessionId, long publishedAt) {
    queuedAt.put(sessionId, publishedAt);
  }

  synchronized String channelOf(String sessionId) {
    return channelOfSession.get(sessionId);
  }

  synchronized void closed(String sessionId, long publishedAt) {
    closedAt.put(sessionId, publishedAt);
  }

  /** A record of {@code AgentAssigned}; a repeat of the same event (same id) is not a new fact. */
  synchronized void assigned(String eventId, String sessionId, String agentId, long publishedAt) {
    if (!channelOfSession.containsKey(sessionId) || !seenEventIds.add(eventId)) {
      return;
    }
    Assignment assignment = new Assignment(eventId, sessionId, agentId, publishedAt);
    Assignment earlier = firstAssignment.putIfAbsent(sessionId, assignment);
    if (earlier != null) {
      violations.add(
          "session "
              + sessionId
              + " assigned twice: to "
              + earlier.agentId()
              + " (event "
              + earlier.eventId()
              + ") and to "
              + agentId
              + " (event "
              + eventId
              + ")");
      return;
    }
    String channelId = channelOfSession.get(sessionId);
    if (!queues.get(channelId).contains(agentId)) {
      violations.add(
          "session "
              + sessionId
              + " of "
              + channelId
              + " went to "
              + agentId
              + ", not in its queue");
    }
    long loadLowerBound =
        firstAssignment.values().stream()
                .filter(a -> a.agentId().equals(agentId) && a.publishedAt() <= publishedAt)
                .count()
            - firstAssignment.values().stream()
                .filter(
                    a ->
                        a.agentId().equals(agentId)
                            && closedAt.getOrDefault(a.sessionId(), Long.MAX_VALUE) <= publishedAt)
                .count();
    if (loadLowerBound > limit) {
      violations.add(
          "agent "
              + agentId
              + " holds at least "
              + loadLowerBound
              + " sessions (limit "
              + limit
              + ") after session "
              + sessionId);
    }
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  synchronized int assignedCount() {
    return firstAssignment.size();
  }

  synchronized Assignment assignmentOf(String sessionId) {
    return firstAssignment.get(sessionId);
  }

  /** Sessions assigned and not closed, oldest assignment first. */
  synchronized List<Assignment> openAssignments() {
    return firstAssignment.values().stream()
        .filter(a -> !closedAt.containsKey(a.sessionId()))
        .toList();
  }

  synchronized Map<String, Integer> loads() {
    Map<String, Integer> loads = new TreeMap<>();
    queues.values().forEach(agents -> agents.forEach(agent -> loads.putIfAbsent(agent, 0)));
    openAssignments().forEach(a -> loads.merge(a.agentId(), 1, Integer::sum));
    return loads;
  }

  synchronized Map<String, Integer> waiting() {
    Map<String, Integer> waiting = new TreeMap<>();
    channelOfSession.forEach(
        (sessionId, channelId) -> {
          if (!firstAssignment.containsKey(sessionId) && !closedAt.containsKey(sessionId)) {
            waiting.merge(channelId, 1, Integer::sum);
          }
        });
    return waiting;
  }

  /**
   * Nothing more should happen: every channel with a waiting session has every agent of its queue
   * at the limit. Returns what still contradicts that, empty when settled.
   */
  synchronized List<String> unsettled() {
    Map<String, Integer> loads = loads();
    List<String> idle = new ArrayList<>();
    waiting()
        .forEach(
            (channelId, count) ->
                queues.get(channelId).stream()
                    .filter(agent -> loads.get(agent) < limit)
                    .forEach(
                        agent ->
                            idle.add(
                                channelId
                                    + " has "
                                    + count
                                    + " waiting while "
                                    + agent
                                    + " holds "
                                    + loads.get(agent))));
    return idle;
  }

  /** Milliseconds from each session's queueing to its assignment, as published. */
  synchronized List<Long> latencies() {
    return firstAssignment.values().stream()
        .filter(a -> queuedAt.containsKey(a.sessionId()))
        .map(a -> a.publishedAt() - queuedAt.get(a.sessionId()))
        .toList();
  }
}
