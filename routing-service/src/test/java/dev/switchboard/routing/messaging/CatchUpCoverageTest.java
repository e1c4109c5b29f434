package dev.switchboard.routing.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** When a session may skip its own catch-up: only when an earlier one surely covered it. */
class CatchUpCoverageTest {

  private static final TopicPartition SESSIONS_2 = new TopicPartition("oc.session.events.v1", 2);
  private static final TopicPartition SESSIONS_3 = new TopicPartition("oc.session.events.v1", 3);
  private static final Set<TopicPartition> PRESENCE_0_1 =
      Set.of(new TopicPartition("oc.presence.v1", 0), new TopicPartition("oc.presence.v1", 1));

  /** A catch-up that began when offset 41 of partition 2 had been polled, and nothing of 3. */
  private static final CatchUp.CaughtUp AFTER_41 =
      new CatchUp.CaughtUp(Map.of(SESSIONS_2, 41L), PRESENCE_0_1);

  @Test
  void aSessionPolledBeforeTheLastCatchUpBeganNeedsNoOtherOne() {
    assertTrue(AFTER_41.covers(SESSIONS_2, 41, PRESENCE_0_1));
    assertTrue(AFTER_41.covers(SESSIONS_2, 7, PRESENCE_0_1));
  }

  @Test
  void aSessionPolledAfterwardsOrOnAnotherPartitionWaitsForItsOwn() {
    assertFalse(AFTER_41.covers(SESSIONS_2, 42, PRESENCE_0_1));
    assertFalse(AFTER_41.covers(SESSIONS_3, 0, PRESENCE_0_1));
  }

  @Test
  void aPartitionAssignedSinceTheLastCatchUpIsNotCovered() {
    Set<TopicPartition> afterRebalance =
        Set.of(new TopicPartition("oc.presence.v1", 0), new TopicPartition("oc.presence.v1", 2));
    assertFalse(AFTER_41.covers(SESSIONS_2, 1, afterRebalance));
  }

  @Test
  void nothingIsCoveredBeforeTheFirstCatchUp() {
    CatchUp.CaughtUp never = new CatchUp.CaughtUp(Map.of(), Set.of());
    assertFalse(never.covers(SESSIONS_2, 0, Set.of()));
  }

  @Test
  void theInterceptorRecordsTheHighestOffsetPolledPerPartition() {
    TopicPartition partition = new TopicPartition("polled-offsets-test", 0);
    var records =
        new org.apache.kafka.clients.consumer.ConsumerRecords<Object, Object>(
            Map.of(
                partition,
                java.util.List.of(
                    new org.apache.kafka.clients.consumer.ConsumerRecord<>(
                        "polled-offsets-test", 0, 5, "k", "v"),
                    new org.apache.kafka.clients.consumer.ConsumerRecord<>(
                        "polled-offsets-test", 0, 6, "k", "v"))),
            Map.of());
    new PolledOffsets().onConsume(records);
    assertTrue(PolledOffsets.snapshot().get(partition) == 6L);
  }
}
