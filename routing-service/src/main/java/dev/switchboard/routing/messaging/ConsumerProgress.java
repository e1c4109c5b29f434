package dev.switchboard.routing.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * How far this instance's consumers have got: for every partition assigned to them, the offset of
 * the next record to process. The position at assignment counts as processed, so a partition that
 * starts at its end is caught up at once.
 *
 * <p>It lets a decision wait until the configuration and presence records published before it have
 * been taken in (see {@link CatchUp}).
 */
@ApplicationScoped
@Default
@Identifier(ConsumerProgress.LISTENER)
public class ConsumerProgress implements KafkaConsumerRebalanceListener {

  /** The name the incoming channels give in {@code consumer-rebalance-listener.name}. */
  public static final String LISTENER = "routing-consumer-progress";

  private static final Logger LOG = Logger.getLogger(ConsumerProgress.class);

  private final Map<TopicPartition, Long> nextToProcess = new ConcurrentHashMap<>();
  private final Set<String> topicsWithAssignment = ConcurrentHashMap.newKeySet();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition progressed = lock.newCondition();

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      try {
        nextToProcess.put(partition, consumer.position(partition));
      } catch (RuntimeException e) {
        // Without a start position the partition is simply not waited for.
        LOG.warnf("No position for %s: %s", partition, e.getMessage());
      }
    }
    topicsWithAssignment.addAll(consumer.subscription());
    signal();
  }

  @Override
  public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    partitions.forEach(nextToProcess::remove);
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    partitions.forEach(nextToProcess::remove);
  }

  /** Called once a record is dealt with, whatever the outcome (handled, skipped, dead-lettered). */
  public void processed(ConsumerRecord<?, ?> record) {
    nextToProcess.merge(
        new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
    signal();
  }

  /** The offset of the next record to process on {@code partition}; empty when not assigned. */
  public OptionalLong nextToProcess(TopicPartition partition) {
    Long next = nextToProcess.get(partition);
    return next == null ? OptionalLong.empty() : OptionalLong.of(next);
  }

  /** Whether the consumer of {@code topic} has been through a partition assignment. */
  public boolean hasAssignment(String topic) {
    return topicsWithAssignment.contains(topic);
  }

  /** The partitions of these topics assigned to this instance now. */
  public Set<TopicPartition> assignedPartitions(Collection<String> topics) {
    Set<TopicPartition> partitions = new HashSet<>();
    for (TopicPartition partition : nextToProcess.keySet()) {
      if (topics.contains(partition.topic())) {
        partitions.add(partition);
      }
    }
    return partitions;
  }

  /** Waits until every consumer of {@code topics} has been assigned; false when time ran out. */
  public boolean awaitAssignment(Collection<String> topics, long deadlineNanos)
      throws InterruptedException {
    return awaitUntil(() -> topics.stream().allMatch(this::hasAssignment), deadlineNanos);
  }

  /**
   * Waits until each partition has been processed up to its offset in {@code ends} (or is no longer
   * assigned here); false when time ran out.
   */
  public boolean awaitProcessed(Map<TopicPartition, Long> ends, long deadlineNanos)
      throws InterruptedException {
    return awaitUntil(
        () ->
            ends.entrySet().stream()
                .allMatch(
                    end ->
                        nextToProcess.getOrDefault(end.getKey(), Long.MAX_VALUE) >= end.getValue()),
        deadlineNanos);
  }

  private boolean awaitUntil(java.util.function.BooleanSupplier done, long deadlineNanos)
      throws InterruptedException {
    lock.lock();
    try {
      while (!done.getAsBoolean()) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        progressed.await(left, TimeUnit.NANOSECONDS);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void signal() {
    lock.lock();
    try {
      progressed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
