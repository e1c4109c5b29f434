package dev.switchboard.routing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Not a test (the name keeps it out of the suite): how long a routing instance takes, at a start,
 * to read a long-lived broker's configuration topics ({@link LongLivedConfigTopics}: 20,000 channel
 * + 20,000 agent records), what each record costs, when readiness turns UP, and what becomes of a
 * session queued while the configuration is still being read. Run it with
 *
 * <pre>
 * ./mvnw -o -B -pl routing-service verify -Dtest=ConfigIngestionBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and read the {@code [bench]} lines.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@TestProfile(ConfigIngestionBenchmark.LongLivedBroker.class)
class ConfigIngestionBenchmark {

  /** The config channels read the benchmark's topics, filled before the application starts. */
  public static class LongLivedBroker implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("switchboard.test.await-configuration", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(LongLivedConfigTopics.class));
    }
  }

  /**
   * {@code bench-channel-4998}: EVENLY, its version-4 queue (see {@link LongLivedConfigTopics}).
   */
  private static final int CHANNEL = 4_998;

  @Inject ConsumerProgress progress;

  @Test
  void readsALongLivedBrokersConfiguration() {
    long publishedAt = Long.getLong(LongLivedConfigTopics.PUBLISHED_AT);
    long records = Long.getLong(LongLivedConfigTopics.RECORDS);
    List<TopicPartition> partitions =
        Stream.of(
                System.getProperty(LongLivedConfigTopics.CHANNELS_TOPIC),
                System.getProperty(LongLivedConfigTopics.AGENTS_TOPIC))
            .flatMap(topic -> Stream.of(0, 1, 2).map(p -> new TopicPartition(topic, p)))
            .toList();
    long testStart = System.currentTimeMillis();
    long processedAtStart = processed(partitions);
    AtomicLong readyAt = new AtomicLong();
    AtomicBoolean readyBeforeRead = new AtomicBoolean();
    String channelId = "bench-channel-" + CHANNEL;
    String sessionId = "bench-session-" + PlatformEvent.newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      RoutingEventsPublisher publish = new RoutingEventsPublisher();
      for (int a = 0; a < 10; a++) {
        publish.presence(
            "bench-agent-" + ((CHANNEL * 7 + a * 13 + 4) % 5_000), PresenceStatus.ONLINE, true);
      }
      long queuedAt = System.currentTimeMillis();
      publish.queued(channelId, sessionId);

      await()
          .atMost(Duration.ofMinutes(15))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                // Read how far the configuration got before asking for readiness, so an UP seen
                // with records still unread is UP before the read ended.
                boolean read = processed(partitions) >= records;
                if (readyAt.get() == 0 && ready()) {
                  readyAt.set(System.currentTimeMillis());
                  readyBeforeRead.set(!read);
                }
                return read;
              });
      long caughtUpAt = System.currentTimeMillis();
      await().atMost(Duration.ofMinutes(1)).until(() -> readyAt.get() != 0 || ready());
      readyAt.compareAndSet(0, System.currentTimeMillis());

      ConsumerRecord<String, String> decision =
          routing.await(
              r ->
                  sessionId.equals(TopicProbe.header(r, CloudEventHeaders.SUBJECT))
                      && (type(r, AgentAssigned.class) || type(r, NoAgentAvailable.class)),
              Duration.ofMinutes(5));
      long decidedAt = decision.timestamp();
      String outcome =
          type(decision, AgentAssigned.class)
              ? "AgentAssigned"
              : "NoAgentAvailable("
                  + EventJson.read(
                          decision.value().getBytes(StandardCharsets.UTF_8), NoAgentAvailable.class)
                      .reason()
                  + ")";

      long during = caughtUpAt - testStart;
      long readDuringTest = records - processedAtStart;
      System.out.printf(
          "[bench] %,d config records: all read %,d ms after publishing ended (application start"
              + " included); %,d of them read after the application had started, in %,d ms: %,.0f"
              + " records/s, %.3f ms per record%n",
          records,
          caughtUpAt - publishedAt,
          readDuringTest,
          during,
          during == 0 ? 0.0 : readDuringTest * 1000.0 / during,
          readDuringTest == 0 ? 0.0 : (double) during / readDuringTest);
      System.out.printf(
          "[bench] readiness UP %,d ms after the application had started (config read %s)%n",
          readyAt.get() - testStart, readyBeforeRead.get() ? "NOT done yet" : "done");
      System.out.printf(
          "[bench] a session queued at the start (channel %s, 10 agents online): %s, %,d ms after"
              + " it was queued (the configuration was read %,d ms after it was queued)%n",
          channelId, outcome, decidedAt - queuedAt, caughtUpAt - queuedAt);
    }
  }

  private long processed(List<TopicPartition> partitions) {
    return partitions.stream().mapToLong(p -> progress.nextToProcess(p).orElse(0)).sum();
  }

  private static boolean ready() {
    return given().when().get("/q/health/ready").statusCode() == 200;
  }

  private static boolean type(ConsumerRecord<String, String> record, Class<?> type) {
    return EventRegistry.ceTypeOf(type.asSubclass(PlatformEvent.class))
        .equals(TopicProbe.header(record, CloudEventHeaders.TYPE));
  }
}
