package dev.switchboard.session.outbox;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.session.OwnDatabaseConnections;
import dev.switchboard.session.conversation.Platform;
import dev.switchboard.testkit.Infrastructure;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, "one record can stop a service's publishing for good": a row Kafka will never take
 * (over its 1 MiB request limit) is taken out of the line, and the rows behind it go out.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
@QuarkusTestResource(OwnDatabaseConnections.class)
class OutboxRefusedRowTest {

  /** A topic of this test's own: no service consumes what it writes there. */
  private static final String TOPIC = "switchboard.test.outbox-relay";

  @Test
  void aRowKafkaRefusesForGoodIsMarkedFailedAndTheRowsBehindItOfTheSameKeyGoOut() throws Exception {
    createTopic();
    String key = "key-" + UUID.randomUUID();
    String tooLarge = "{\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
    List<Long> ids = new ArrayList<>();
    try (TopicProbe topic = TopicProbe.open(TOPIC);
        Connection db = Platform.database()) {
      db.setAutoCommit(false);
      try (PreparedStatement insert =
          db.prepareStatement(
              "INSERT INTO session.outbox (topic, record_key, headers, payload, created_at)"
                  + " VALUES (?, ?, '{}', ?, now()) RETURNING id")) {
        for (String payload : List.of(tooLarge, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}")) {
          insert.setString(1, TOPIC);
          insert.setString(2, key);
          insert.setString(3, payload);
          try (ResultSet id = insert.executeQuery()) {
            id.next();
            ids.add(id.getLong(1));
          }
        }
      }
      db.commit();
      db.setAutoCommit(true);

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> topic.records().stream().filter(r -> key.equals(r.key())).count() == 3);
      assertThat(
          topic.records().stream()
              .filter(r -> key.equals(r.key()))
              .map(ConsumerRecord::value)
              .toList(),
          equalTo(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}")));

      assertThat(
          "the refused row, marked failed and kept",
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> row(db, ids.get(0)), r -> r.get(1).equals("failed: true")),
          equalTo(
              List.of(
                  "published_at: null",
                  "failed: true",
                  "reason mentions RecordTooLargeException: true")));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> row(db, ids.get(3)), r -> r.get(0).equals("published_at: set"));
      // Once each: before, the rows ahead of or beside the refused one were sent again every
      // second.
      assertThat(
          topic.records().stream()
              .filter(r -> key.equals(r.key()))
              .map(ConsumerRecord::value)
              .toList(),
          equalTo(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}")));
    }
  }

  /** What the outbox holds for a row, in words the assertions compare. */
  private static List<String> row(Connection db, long id) throws Exception {
    try (PreparedStatement query =
        db.prepareStatement(
            "SELECT published_at, failed_at, failure_reason FROM session.outbox WHERE id = ?")) {
      query.setLong(1, id);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        String reason = row.getString("failure_reason");
        return List.of(
            "published_at: " + (row.getTimestamp("published_at") == null ? "null" : "set"),
            "failed: " + (row.getTimestamp("failed_at") != null),
            "reason mentions RecordTooLargeException: "
                + (reason != null && reason.contains("RecordTooLargeException")));
      }
    }
  }

  private static void createTopic() throws Exception {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
    try (Admin admin = Admin.create(config)) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }
}
