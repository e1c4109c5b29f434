package dev.switchboard.routing.distribution.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Q2, "evenly": a new session goes to the available agent with the least current load, so that
 * workloads stay similar. Equal loads go to the agent earlier in the queue, then to the one who has
 * waited longest since their last assignment (never assigned counts as longest).
 *
 * <p>It ranks rather than picks: the caller reserves the first agent it can, because between
 * reading the loads and reserving, another channel may have given the same agent a session.
 */
public final class EvenlyDistribution {

  static final Comparator<Candidate> LEAST_LOADED_FIRST =
      Comparator.comparingInt(Candidate::load)
          .thenComparingInt(Candidate::queuePosition)
          .thenComparing(
              Candidate::lastAssignedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));

  /** The candidates in the order they should be tried. */
  public List<Candidate> rank(Collection<Candidate> available) {
    return available.stream().sorted(LEAST_LOADED_FIRST).toList();
  }
}
