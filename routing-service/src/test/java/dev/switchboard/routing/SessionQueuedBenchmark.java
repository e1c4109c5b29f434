package dev.switchboard.routing;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.QueueReason;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.routing.distribution.store.RoutingKeys;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.testkit.Infrastructure;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Not a test (the name keeps it out of the suite): what routing-service's share of the message path
 * costs. A burst of {@code N} new sessions goes through the real consumer, Kafka and Redis: per
 * session a {@code ClientMessageReceived}, its {@code SessionQueued} (EVENLY, 20 channels of 5
 * online agents, no limit) and a {@code SessionAssigned} (a type routing ignores), as
 * session-service publishes them. It is done when the consumer has processed every record and every
 * decision has been confirmed by Kafka (the Redis outbox is empty). Prints sessions/s and the CPU
 * of this process per session (process CPU minus this test's producer and polling threads). Run it
 * with
 *
 * <pre>
 * ./mvnw -o -B -pl routing-service verify -Dtest=SessionQueuedBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.sessions=2000]
 * </pre>
 *
 * and read the {@code [bench]} lines.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class SessionQueuedBenchmark {

  private static final int CHANNELS = 20;
  private static final int AGENTS_PER_CHANNEL = 5;
  private static final String SOURCE = CloudEventHeaders.source("session-service");
  private static final String PRODUCER_ID = "routing-bench-producer";

  @Inject ConsumerProgress progress;
  @Inject RedisDataSource redis;
  @Inject RoutingKeys keys;
  @Inject MeterRegistry meters;

  @Test
  void routesABurstOfNewSessions() throws Exception {
    RoutingFlows.awaitConsumersAssigned(progress);
    int sessions = Integer.getInteger("bench.sessions", 2_000);
    RoutingEventsPublisher publish = new RoutingEventsPublisher();
    List<String> channels = new ArrayList<>();
    for (int c = 0; c < CHANNELS; c++) {
      String channel = RoutingFlows.newId();
      String[] agents = new String[AGENTS_PER_CHANNEL];
      for (int a = 0; a < agents.length; a++) {
        agents[a] = RoutingFlows.newAgent();
        publish.presence(agents[a], PresenceStatus.ONLINE);
      }
      publish.channel(channel, agents);
      channels.add(channel);
    }
    try (KafkaProducer<String, byte[]> producer = producer()) {
      // Warm-up (JIT, connections, the catch-up's admin client), not measured.
      run(producer, channels, sessions / 4, "warm-up");
      run(producer, channels, sessions, "measured");
    }
  }

  private void run(
      KafkaProducer<String, byte[]> producer, List<String> channels, int sessions, String label)
      throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double assignedBefore = assignedCount();
    long ownBefore = threads.getCurrentThreadCpuTime() + producerThreadsCpu(threads);
    long cpuBefore = os.getProcessCpuTime();
    long begin = System.nanoTime();

    for (int i = 0; i < sessions; i++) {
      String channel = channels.get(i % channels.size());
      String session = RoutingFlows.newId();
      Instant now = Instant.now();
      send(
          producer,
          new ClientMessageReceived(
              PlatformEvent.newId(),
              channel,
              session,
              PlatformEvent.newId(),
              "client-" + session,
              PlatformEvent.newId(),
              null,
              "Hello",
              List.of(),
              now,
              now));
      send(
          producer,
          new SessionQueued(
              PlatformEvent.newId(), channel, session, QueueReason.NEW_SESSION, null, now));
      send(
          producer,
          new SessionAssigned(
              PlatformEvent.newId(),
              channel,
              session,
              "someone",
              AssignmentReason.DISTRIBUTION,
              null,
              null,
              now));
    }
    producer.flush();
    Map<TopicPartition, Long> ends = sessionEventEnds();
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                progress.awaitProcessed(ends, System.nanoTime())
                    && redis.execute("HLEN", keys.outbox()).toLong() == 0);
    long took = System.nanoTime() - begin;
    long cpu =
        os.getProcessCpuTime()
            - cpuBefore
            - (threads.getCurrentThreadCpuTime() + producerThreadsCpu(threads) - ownBefore);
    assertThat(assignedCount() - assignedBefore, greaterThanOrEqualTo((double) sessions));
    System.out.printf(
        "[bench] %s: %d sessions (%d records) in %d ms: %.0f sessions/s, %.2f ms CPU a session"
            + " (routing-service's threads, the test's producer excluded)%n",
        label,
        sessions,
        sessions * 3,
        TimeUnit.NANOSECONDS.toMillis(took),
        sessions / (took / 1e9),
        cpu / 1e6 / sessions);
  }

  private double assignedCount() {
    var counter = meters.find("routing.sessions.assigned").counter();
    return counter == null ? 0 : counter.count();
  }

  private static long producerThreadsCpu(ThreadMXBean threads) {
    long cpu = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(PRODUCER_ID)) {
        cpu += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return cpu;
  }

  private static void send(KafkaProducer<String, byte[]> producer, PlatformEvent event) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(Topics.SESSION_EVENTS, event.partitionKey(), EventJson.write(event));
    CloudEventHeaders.of(event, SOURCE)
        .forEach(
            (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    producer.send(record);
  }

  private static KafkaProducer<String, byte[]> producer() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, PRODUCER_ID);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(config);
  }

  private static Map<TopicPartition, Long> sessionEventEnds() {
    Properties config = new Properties();
    config.put("bootstrap.servers", Infrastructure.kafkaBootstrapServers());
    config.put("key.deserializer", StringDeserializer.class.getName());
    config.put("value.deserializer", ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.SESSION_EVENTS).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      return new HashMap<>(consumer.endOffsets(partitions));
    }
  }
}
