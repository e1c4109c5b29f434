package dev.switchboard.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.config.AgentAbsence;
import dev.switchboard.events.config.AgentDirectoryChanged;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ChannelSettings;
import dev.switchboard.testkit.Infrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A broker that has been running for months, as routing-service sees it at a start: compacted
 * configuration topics holding many thousands of records, several versions of each key not yet
 * compacted away. Two fresh topics (3 partitions, compacted, like {@code oc.config.*}) are filled
 * <em>before</em> the application starts and the config channels are pointed at them; they are
 * deleted afterwards, so the shared topics stay as they are.
 *
 * <p>Sizes: {@code -Dbench.config.channels} (5,000) and {@code -Dbench.config.agents} (5,000) keys,
 * {@code -Dbench.config.versions} (4) versions each: 20,000 + 20,000 records.
 */
public class LongLivedConfigTopics implements QuarkusTestResourceLifecycleManager {

  static final String PUBLISHED_AT = "bench.config.published-at";
  static final String RECORDS = "bench.config.records";
  static final String CHANNELS_TOPIC = "bench.config.channels-topic";
  static final String AGENTS_TOPIC = "bench.config.agents-topic";

  private static final ObjectMapper JSON = EventJson.newObjectMapper();
  private static final String SOURCE = CloudEventHeaders.source("routing-config-benchmark");

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String channelsTopic = "bench.config.channels." + run;
  private final String agentsTopic = "bench.config.agents." + run;

  @Override
  public Map<String, String> start() {
    int channels = Integer.getInteger("bench.config.channels", 5_000);
    int agents = Integer.getInteger("bench.config.agents", 5_000);
    int versions = Integer.getInteger("bench.config.versions", 4);
    try (Admin admin = admin()) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(channelsTopic, 3, (short) 1)
                      .configs(Map.of("cleanup.policy", "compact")),
                  new NewTopic(agentsTopic, 3, (short) 1)
                      .configs(Map.of("cleanup.policy", "compact"))))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Could not create the benchmark topics", e);
    }
    long begin = System.nanoTime();
    long records = 0;
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int version = 1; version <= versions; version++) {
        for (int i = 0; i < agents; i++) {
          send(producer, agentsTopic, agent(i, version));
          records++;
        }
        for (int i = 0; i < channels; i++) {
          send(producer, channelsTopic, channel(i, version, agents));
          records++;
        }
      }
      producer.flush();
    }
    System.out.printf(
        "[bench] published %,d configuration records (%,d channels, %,d agents, %d versions) in"
            + " %d ms%n",
        records,
        channels,
        agents,
        versions,
        Duration.ofNanos(System.nanoTime() - begin).toMillis());
    System.setProperty(PUBLISHED_AT, Long.toString(System.currentTimeMillis()));
    System.setProperty(RECORDS, Long.toString(records));
    System.setProperty(CHANNELS_TOPIC, channelsTopic);
    System.setProperty(AGENTS_TOPIC, agentsTopic);
    return Map.of(
        "mp.messaging.incoming.config-channels.topic", channelsTopic,
        "mp.messaging.incoming.config-agents.topic", agentsTopic);
  }

  @Override
  public void stop() {
    try (Admin admin = admin()) {
      admin.deleteTopics(List.of(channelsTopic, agentsTopic)).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.out.printf("[bench] could not delete %s, %s: %s%n", channelsTopic, agentsTopic, e);
    }
  }

  /** A channel of 10 agents with the settings a configured channel carries (about 1.5 KB). */
  private static ChannelConfigChanged channel(int i, int version, int agents) {
    ObjectNode queue = JSON.createObjectNode();
    queue.put("distributionMode", i % 3 == 0 ? "EVENLY" : i % 3 == 1 ? "STRICT_ORDER" : "ALL");
    var members = queue.putArray("members");
    var ids = queue.putArray("agentIds");
    for (int a = 0; a < 10; a++) {
      String agentId = agentId((i * 7 + a * 13 + version) % agents);
      members.addObject().put("type", "USER").put("id", agentId);
      ids.add(agentId);
    }
    members.addObject().put("type", "DEPARTMENT").put("id", "department-" + (i % 40));
    ObjectNode routing = JSON.createObjectNode();
    routing.put("checkAvailability", true);
    routing.put("requireClockIn", i % 5 == 0);
    routing.put("maxSessionsPerAgent", 3 + version);
    routing.put("offerTimeoutSeconds", 120);
    routing.putArray("excludeFromLimit").add("ANSWERED");
    ObjectNode crm = JSON.createObjectNode();
    crm.put("transferToResponsible", i % 2 == 0);
    crm.put("createLead", true);
    crm.put("leadSource", "Open channel " + i);
    ObjectNode quality = JSON.createObjectNode();
    quality.put("askRating", true);
    quality.put("ratingRequestText", "Please rate our conversation from 1 to 5. Thank you!");
    ObjectNode workingHours = JSON.createObjectNode();
    workingHours.put("timeZone", "Europe/Berlin");
    var days = workingHours.putArray("days");
    for (String day : List.of("MON", "TUE", "WED", "THU", "FRI")) {
      days.addObject().put("day", day).put("from", "09:00").put("to", "18:00");
    }
    workingHours.put(
        "offHoursText", "We are closed now. We answer on weekdays from 9:00 to 18:00 (CET).");
    ObjectNode automation = JSON.createObjectNode();
    automation.put("greetingText", "Hello! An agent will be with you in a moment.");
    automation.put("noAgentText", "All our agents are busy. Please wait, you are in the queue.");
    automation.put("closeAfterMinutes", 1440);
    automation.put("markUnansweredAfterMinutes", 15);
    return new ChannelConfigChanged(
        PlatformEvent.newId(),
        "bench-channel-" + i,
        version,
        false,
        new ChannelSettings(
            "Support line " + i + " (v" + version + ")",
            true,
            Map.of(
                "queue", queue,
                "routing", routing,
                "crm", crm,
                "quality", quality,
                "workingHours", workingHours,
                "automation", automation)),
        Instant.now());
  }

  private static AgentDirectoryChanged agent(int i, int version) {
    Instant start = Instant.parse("2026-12-20T00:00:00Z").plus(Duration.ofDays(i % 30));
    return new AgentDirectoryChanged(
        PlatformEvent.newId(),
        agentId(i),
        version,
        false,
        "Agent Number " + i,
        "https://avatars.example.com/" + i + ".png",
        List.of("department-" + (i % 40), "department-" + ((i + 1) % 40)),
        false,
        version % 2 == 0
            ? List.of(new AgentAbsence(start, start.plus(Duration.ofDays(7)), "VACATION"))
            : List.of(),
        Instant.now());
  }

  private static String agentId(int i) {
    return "bench-agent-" + i;
  }

  private static void send(KafkaProducer<String, byte[]> producer, String topic, PlatformEvent e) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topic, e.partitionKey(), EventJson.write(e));
    CloudEventHeaders.of(e, SOURCE)
        .forEach(
            (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    producer.send(record);
  }

  private static KafkaProducer<String, byte[]> producer() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(config);
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()));
  }
}
