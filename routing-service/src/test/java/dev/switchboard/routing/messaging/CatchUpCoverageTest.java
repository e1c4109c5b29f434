package dev.switchboard.routing.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** When a session may skip its own catch-up: only when an earlier one surely covered it. */
class CatchUpCoverageTest {

  private static final Set<TopicPartition> PRESENCE_0_1 =
      Set.of(new TopicPartition("oc.presence.v1", 0), new TopicPartition("oc.presence.v1", 1));
  private static final CatchUp.CaughtUp AT_10_000 = new CatchUp.CaughtUp(10_000, PRESENCE_0_1);

  @Test
  void aSessionStampedWellBeforeTheLastCatchUpBeganNeedsNoOtherOne() {
    assertTrue(AT_10_000.covers(7_999, 2_000, PRESENCE_0_1));
  }

  @Test
  void aSessionStampedWithinTheMarginOrAfterwardsWaitsForItsOwn() {
    assertFalse(AT_10_000.covers(8_000, 2_000, PRESENCE_0_1));
    assertFalse(AT_10_000.covers(12_000, 2_000, PRESENCE_0_1));
  }

  @Test
  void aPartitionAssignedSinceTheLastCatchUpIsNotCovered() {
    Set<TopicPartition> afterRebalance =
        Set.of(new TopicPartition("oc.presence.v1", 0), new TopicPartition("oc.presence.v1", 2));
    assertFalse(AT_10_000.covers(1_000, 2_000, afterRebalance));
  }

  @Test
  void nothingIsCoveredBeforeTheFirstCatchUp() {
    CatchUp.CaughtUp never = new CatchUp.CaughtUp(Long.MIN_VALUE, Set.of());
    assertFalse(never.covers(0, 2_000, Set.of()));
  }
}
