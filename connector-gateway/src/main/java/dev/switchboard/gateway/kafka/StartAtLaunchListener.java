package dev.switchboard.gateway.kafka;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Positions a partition that its group has never committed at the first record written since this
 * instance was launched. {@code auto.offset.reset=latest} alone would start at the end as it is
 * when the group is finally assigned, seconds later, and lose what was published in between (an
 * agent's first frames, the first reply to deliver); {@code earliest} would replay the topic's
 * whole history. A partition with a committed offset resumes from there, untouched.
 */
@ApplicationScoped
@Identifier("start-at-launch")
public class StartAtLaunchListener implements KafkaConsumerRebalanceListener {

  private static final Logger LOG = Logger.getLogger(StartAtLaunchListener.class);

  private final Instant launchedAt = Clock.systemUTC().instant();

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> committed =
        consumer.committed(new HashSet<>(partitions));
    Map<TopicPartition, Long> fresh = new HashMap<>();
    for (TopicPartition partition : partitions) {
      if (committed.get(partition) == null) {
        fresh.put(partition, launchedAt.toEpochMilli());
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(fresh);
    Set<TopicPartition> nothingSinceLaunch = new HashSet<>();
    fresh
        .keySet()
        .forEach(
            partition -> {
              OffsetAndTimestamp offset = found.get(partition);
              if (offset == null) {
                nothingSinceLaunch.add(partition);
              } else {
                consumer.seek(partition, offset.offset());
              }
            });
    if (!nothingSinceLaunch.isEmpty()) {
      // The end as it is now, not at the next poll: what is written in between is not skipped.
      consumer.endOffsets(nothingSinceLaunch).forEach(consumer::seek);
    }
    LOG.debugf("Partitions %s start at the records written since %s", fresh.keySet(), launchedAt);
  }
}
