package dev.switchboard.e2e.ops;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.e2e.Platform;
import dev.switchboard.testkit.Infrastructure;
import dev.switchboard.testkit.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./switchboard dlq} (deploy/local/DeadLetters.java) on the real broker, with a topic pair
 * of its own: what an operator sees in a dead-letter topic, and that a replay puts each record back
 * on the topic it came from once, never twice.
 */
class DeadLetterToolIT {

  private static final String ORIGIN =
      "dlq-tool-it-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String DLQ = ORIGIN + ".dlq";
  private static KafkaProducer<String, String> producer;

  @BeforeAll
  static void topics() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafkaBootstrapServers()))) {
      admin
          .createTopics(
              List.of(new NewTopic(ORIGIN, 2, (short) 1), new NewTopic(DLQ, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(config);
  }

  @AfterAll
  static void removeTopics() throws Exception {
    producer.close();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafkaBootstrapServers()))) {
      admin.deleteTopics(List.of(ORIGIN, DLQ)).all().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void listShowsWhyRecordsWereDeadLetteredAndReplayPutsEachBackOnItsTopicOnce() throws Exception {
    deadLetter("chat-1", "{\"n\":1}", "Retries exhausted: database unavailable");
    deadLetter("chat-2", "{\"n\":2}", "Unreadable event");
    deadLetter("chat-1", "{\"n\":3}", "Retries exhausted: database unavailable");

    Run list = tool("list", DLQ);
    assertThat(list.output, list.exitCode, equalTo(0));
    assertThat(list.output, containsString(DLQ));
    assertThat("how many are waiting", list.output, containsString("3            3"));
    assertThat(list.output, containsString("reason: Unreadable event"));
    assertThat(list.output, containsString("from " + ORIGIN + " p4@17"));

    try (TopicProbe origin = TopicProbe.openAtStart(ORIGIN)) {
      Run dryRun = tool("replay", DLQ, "--dry-run");
      assertThat(dryRun.output, dryRun.exitCode, equalTo(0));
      assertThat(dryRun.output, containsString("3 record(s) would be replayed"));

      Run replay = tool("replay", DLQ);
      assertThat(replay.output, replay.exitCode, equalTo(0));
      assertThat(replay.output, containsString("replayed 3 record(s)"));
      await().atMost(Duration.ofSeconds(15)).until(() -> origin.records().size() >= 3);
      List<ConsumerRecord<String, String>> back = origin.records();
      assertThat("only what the replay sent, nothing during the dry run", back, hasSize(3));
      ConsumerRecord<String, String> first =
          back.stream().filter(r -> r.value().equals("{\"n\":1}")).findFirst().orElseThrow();
      assertThat(first.key(), equalTo("chat-1"));
      assertThat("the event's own headers kept", TopicProbe.header(first, "ce_id"), equalTo("e-1"));
      assertThat(
          "the dead-letter headers dropped",
          TopicProbe.header(first, "dead-letter-reason"),
          nullValue());
      assertThat(
          TopicProbe.header(first, "dead-letter-replayed-from"), containsString(DLQ + "/0/"));
      List<String> chatOne =
          back.stream().filter(r -> "chat-1".equals(r.key())).map(ConsumerRecord::value).toList();
      assertThat(
          "one key's records keep their order",
          chatOne,
          equalTo(List.of("{\"n\":1}", "{\"n\":3}")));

      Run again = tool("replay", DLQ);
      assertThat(again.output, containsString("nothing to replay"));
      deadLetter("chat-3", "{\"n\":4}", "Retries exhausted");
      Run onlyTheNew = tool("replay", DLQ);
      assertThat(onlyTheNew.output, containsString("replayed 1 record(s)"));
      await().atMost(Duration.ofSeconds(15)).until(() -> origin.records().size() >= 4);
      await("each record replayed once")
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(3))
          .until(() -> origin.records().size() == 4);
    }

    Run listAfter = tool("list", DLQ);
    assertThat(listAfter.output, containsString("4            0"));
  }

  @Test
  void aTopicThatIsNotADeadLetterTopicIsRefused() throws Exception {
    Run run = tool("replay", ORIGIN);
    assertThat(run.exitCode, equalTo(2));
    assertThat(run.output, containsString("is not a dead-letter topic"));
  }

  private void deadLetter(String key, String value, String reason) throws Exception {
    ProducerRecord<String, String> record = new ProducerRecord<>(DLQ, key, value);
    record
        .headers()
        .add("ce_id", ("e-" + value.replaceAll("\\D", "")).getBytes(StandardCharsets.UTF_8));
    record.headers().add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
    record.headers().add("dead-letter-topic", ORIGIN.getBytes(StandardCharsets.UTF_8));
    record.headers().add("dead-letter-partition", "4".getBytes(StandardCharsets.UTF_8));
    record.headers().add("dead-letter-offset", "17".getBytes(StandardCharsets.UTF_8));
    producer.send(record).get(10, TimeUnit.SECONDS);
  }

  record Run(int exitCode, String output) {}

  /** The tool as {@code ./switchboard dlq} runs it: its source file, on this JVM's class path. */
  private static Run tool(String... args) throws Exception {
    Path source = Platform.projectRoot().resolve("deploy/local/DeadLetters.java");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                source.toString(),
                "--bootstrap",
                Infrastructure.kafkaBootstrapServers()));
    command.addAll(List.of(args));
    Path output = Files.createTempFile("dlq-tool", ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the tool did not finish in 120 s: " + Files.readString(output));
      }
      return new Run(process.exitValue(), Files.readString(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
