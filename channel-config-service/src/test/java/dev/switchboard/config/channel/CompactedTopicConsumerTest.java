package dev.switchboard.config.channel;

import static dev.switchboard.config.Api.admin;
import static dev.switchboard.config.Api.json;
import static dev.switchboard.config.Api.newChannel;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.Topics;
import dev.switchboard.testkit.Infrastructure;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * What a consumer of the compacted oc.config.channels.v1 relies on after many edits of one channel:
 * reading from the beginning, the last record of the channel's key is its latest version, and the
 * versions of that key come in strictly increasing order, each once. (The broker compacts lazily;
 * whatever it has removed are older versions, so these hold before and after compaction.)
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class CompactedTopicConsumerTest {

  private static final int EDITS = 30;

  @Test
  void afterManyEditsAConsumerFromTheBeginningEndsOnTheLatestVersionEachVersionOnce() {
    String channelId = newChannel();
    try (TopicProbe probe = TopicProbe.open(Topics.CONFIG_CHANNELS)) {
      for (int i = 1; i <= EDITS; i++) {
        admin()
            .header("If-Match", "\"" + i + "\"")
            .body(
                "{\"automation\":{\"greetingEnabled\":true,\"greetingText\":\"Hello " + i + "\"}}")
            .when()
            .put("/api/v1/channels/" + channelId)
            .then()
            .statusCode(200)
            .header("ETag", "\"" + (i + 1) + "\"");
      }
      probe.await(
          r -> channelId.equals(r.key()) && json(r.value()).path("version").asLong() == EDITS + 1,
          Duration.ofSeconds(30));
    }

    List<ConsumerRecord<String, String>> fromTheBeginning = readPartitionOf(channelId);

    List<Long> versions = new ArrayList<>();
    Map<String, ConsumerRecord<String, String>> compacted = new HashMap<>();
    for (ConsumerRecord<String, String> record : fromTheBeginning) {
      compacted.put(record.key(), record);
      if (channelId.equals(record.key())) {
        versions.add(json(record.value()).path("version").asLong());
      }
    }
    for (int i = 1; i < versions.size(); i++) {
      assertThat("versions " + versions, versions.get(i - 1), lessThan(versions.get(i)));
    }
    assertThat(versions.get(versions.size() - 1), equalTo((long) EDITS + 1));
    JsonNode latest = json(compacted.get(channelId).value());
    assertThat(latest.path("version").asLong(), equalTo((long) EDITS + 1));
    assertThat(
        latest.path("settings").path("automation").path("greetingText").asText(),
        equalTo("Hello " + EDITS));
    admin()
        .when()
        .get("/api/v1/channels/" + channelId)
        .then()
        .header("ETag", "\"" + (EDITS + 1) + "\"");
  }

  /** Every record of the partition that holds {@code key}, from its beginning to its end now. */
  private static List<ConsumerRecord<String, String>> readPartitionOf(String key) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      int partitions =
          consumer.partitionsFor(Topics.CONFIG_CHANNELS, Duration.ofSeconds(10)).size();
      // The producer's default partitioner for a keyed record.
      int partition =
          Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
      TopicPartition topicPartition = new TopicPartition(Topics.CONFIG_CHANNELS, partition);
      consumer.assign(List.of(topicPartition));
      consumer.seekToBeginning(List.of(topicPartition));
      long end = consumer.endOffsets(List.of(topicPartition)).get(topicPartition);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (consumer.position(topicPartition) < end && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      assertThat(
          "read the partition to its end", consumer.position(topicPartition) >= end, equalTo(true));
      return records;
    }
  }
}
