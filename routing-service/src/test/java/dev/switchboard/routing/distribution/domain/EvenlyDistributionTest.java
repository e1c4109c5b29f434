package dev.switchboard.routing.distribution.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvenlyDistributionTest {

  private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
  private final EvenlyDistribution evenly = new EvenlyDistribution();

  @Test
  void theLeastLoadedAgentComesFirstWhateverTheQueueOrder() {
    List<Candidate> ranked =
        evenly.rank(
            List.of(
                new Candidate("first", 0, 3, null),
                new Candidate("second", 1, 1, T),
                new Candidate("third", 2, 2, null)));

    assertThat(ids(ranked), contains("second", "third", "first"));
  }

  @Test
  void equalLoadsGoByQueueOrderBeforeIdleTime() {
    List<Candidate> ranked =
        evenly.rank(
            List.of(
                new Candidate("second-idle-longest", 1, 1, T.minusSeconds(3600)),
                new Candidate("first-just-assigned", 0, 1, T)));

    assertThat(ids(ranked), contains("first-just-assigned", "second-idle-longest"));
  }

  @Test
  void equalLoadsAndPositionsGoToWhoWaitedLongestSinceTheirLastAssignment() {
    List<Candidate> ranked =
        evenly.rank(
            List.of(
                new Candidate("recent", 0, 1, T),
                new Candidate("long-ago", 0, 1, T.minusSeconds(600)),
                new Candidate("never", 0, 1, null)));

    assertThat(ids(ranked), contains("never", "long-ago", "recent"));
  }

  private static List<String> ids(List<Candidate> candidates) {
    return candidates.stream().map(Candidate::agentId).toList();
  }
}
