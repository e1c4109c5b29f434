package dev.switchboard.gateway.agentpush;

import com.sun.management.OperatingSystemMXBean;
import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.gateway.agentpush.messaging.SessionEventsConsumer;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.TestSessions;
import dev.switchboard.testkit.Infrastructure;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Not a test: how fast the session-event consumer turns session events into directory entries and
 * frames. Run alone: {@code ./mvnw verify -pl connector-gateway -Dtest=SessionEventsBench}. Each
 * session is opened, assigned and gets 4 client messages (6 events, 5 frames); the figure is the
 * time and the process CPU from the first record published to the last frame stored.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class SessionEventsBench {

  private static final int CHANNELS = 20;

  @Inject RedisDataSource redis;
  @Inject SessionEventsConsumer consumer;

  /**
   * The consumer's own cost, without the broker nor the other traffic on the shared topic: records
   * handed to it one after the other, as SmallRye does on one channel.
   */
  @Test
  void directCallsPerSecond() {
    direct(200, "warm-up");
    direct(Integer.getInteger("bench.sessions", 1500), "measured");
  }

  private void direct(int sessions, String label) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    for (PlatformEvent event : events(sessions, new ArrayList<>())) {
      ConsumerRecord<String, byte[]> record =
          new ConsumerRecord<>(
              EventRegistry.topicOf(event.getClass()),
              0,
              0L,
              event.partitionKey(),
              EventJson.write(event));
      CloudEventHeaders.of(event, "/bench")
          .forEach((n, v) -> record.headers().add(n, v.getBytes(StandardCharsets.UTF_8)));
      records.add(record);
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long start = System.nanoTime();
    for (ConsumerRecord<String, byte[]> record : records) {
      consumer.consume(record).await().atMost(Duration.ofSeconds(10));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long cpu = os.getProcessCpuTime() - cpuBefore;
    System.out.printf(
        "BENCH direct %s: %d session events in %.2f s: %.0f events/s, %.3f ms each, %.3f CPU ms"
            + " per event (whole test JVM)%n",
        label,
        records.size(),
        seconds,
        records.size() / seconds,
        seconds * 1000 / records.size(),
        cpu / 1e6 / records.size());
  }

  @Test
  void sessionEventsPerSecond() {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      run(producer, 200, "warm-up");
      run(producer, Integer.getInteger("bench.sessions", 1500), "measured");
    }
  }

  private void run(KafkaProducer<String, byte[]> producer, int sessions, String label) {
    List<String> agents = new ArrayList<>();
    List<PlatformEvent> events = events(sessions, agents);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long start = System.nanoTime();
    for (PlatformEvent event : events) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(
              EventRegistry.topicOf(event.getClass()),
              event.partitionKey(),
              EventJson.write(event));
      CloudEventHeaders.of(event, "/bench")
          .forEach((n, v) -> record.headers().add(n, v.getBytes(StandardCharsets.UTF_8)));
      producer.send(record);
    }
    producer.flush();
    long published = System.nanoTime();
    // A channel's events are in order on its partition: its last session done, all of it is.
    List<String> lastOfEachChannel = agents.subList(agents.size() - CHANNELS, agents.size());
    Awaitility.await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                lastOfEachChannel.stream()
                    .allMatch(a -> redis.sortedSet(String.class).zcard("sb:gw:frames:" + a) == 5));
    long done = System.nanoTime();
    long cpu = os.getProcessCpuTime() - cpuBefore;
    double seconds = (done - start) / 1e9;
    System.out.printf(
        "BENCH %s: %d session events in %.2f s (published in %.2f s): %.0f events/s, %.3f CPU ms"
            + " per event (whole test JVM)%n",
        label,
        events.size(),
        seconds,
        (published - start) / 1e9,
        events.size() / seconds,
        cpu / 1e6 / events.size());
  }

  private static List<PlatformEvent> events(int sessions, List<String> agents) {
    List<PlatformEvent> events = new ArrayList<>();
    Instant at = Instant.now();
    for (int i = 0; i < sessions; i++) {
      String channelId = "bench-channel-" + (i % CHANNELS);
      String agentId = UUID.randomUUID().toString();
      agents.add(agentId);
      SessionOpened opened = TestSessions.opened(channelId, UUID.randomUUID().toString(), at);
      events.add(opened);
      events.add(
          TestSessions.assigned(
              channelId, opened.sessionId(), agentId, AssignmentReason.DISTRIBUTION, null, at));
      for (int m = 0; m < 4; m++) {
        events.add(TestSessions.message(opened, UUID.randomUUID().toString(), "hola " + m, at));
      }
    }
    return events;
  }

  private static KafkaProducer<String, byte[]> producer() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(config);
  }
}
