package dev.switchboard.e2e.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.e2e.Platform;
import dev.switchboard.e2e.ServiceProcess;
import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.testkit.Infrastructure;
import dev.switchboard.testkit.TestTokens;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka with authentication and ACLs (docs/kafka-security.md): a broker started with SASL/SCRAM and
 * the StandardAuthorizer, the platform's topics and ACLs applied with the tools of deploy/local as
 * its admin, channel-config-service and session-service started with principals of their own, and a
 * custom connector's principal that may only write {@code oc.inbound.messages.v1} and read {@code
 * oc.outbound.messages.v1}.
 */
class KafkaSecurityIT {

  private static final String ADMIN_TOKEN = TestTokens.token("kafka-security-admin", "admin");
  private static final String CONNECTOR = "connector";
  private static final Map<String, String> PASSWORDS =
      Map.of(
          CONNECTOR,
          SaslBroker.secret(),
          "session-service",
          SaslBroker.secret(),
          "channel-config-service",
          SaslBroker.secret());

  private static SaslBroker broker;
  private static ServiceProcess channelConfig;
  private static ServiceProcess sessions;

  @BeforeAll
  static void startSecuredPlatform() throws Exception {
    Infrastructure.requireReachable();
    Path root = Platform.projectRoot();
    broker = SaslBroker.start(root);
    Path admin = broker.adminCommandConfig();
    broker.runTool(
        "CreateTopics",
        "--bootstrap",
        broker.bootstrap(),
        "--command-config",
        admin.toString(),
        "--file",
        root.resolve("deploy/local/topics.conf").toString());
    Path users = broker.dir.resolve("users.txt");
    Files.writeString(
        users,
        String.join(
            "\n",
            PASSWORDS.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
    broker.runTool(
        "KafkaAcls",
        "--bootstrap",
        broker.bootstrap(),
        "--command-config",
        admin.toString(),
        "--file",
        root.resolve("deploy/local/acls.conf").toString(),
        "--users",
        users.toString());
    Path logs = root.resolve("e2e-tests/target/e2e-logs");
    Files.createDirectories(logs);
    channelConfig = service(root, logs, "channel-config-service", "channel_config_sasl");
    sessions = service(root, logs, "session-service", "session_sasl");
    channelConfig.start();
    sessions.start();
    channelConfig.awaitReady(Duration.ofSeconds(120));
    sessions.awaitReady(Duration.ofSeconds(120));
  }

  /**
   * The service, its Kafka settings only from the environment, as its own principal. Its tables are
   * a schema of their own: a service of the same database on the other broker (e2e's {@link
   * Platform}) would otherwise publish rows of this one's outbox there, and the reverse.
   */
  private static ServiceProcess service(Path root, Path logs, String module, String schema)
      throws IOException {
    Map<String, String> environment = new HashMap<>(Platform.testEnvironment());
    environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrap());
    environment.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
    environment.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
    environment.put("KAFKA_SASL_USERNAME", module);
    environment.put("KAFKA_SASL_PASSWORD", PASSWORDS.get(module));
    return new ServiceProcess(
        module,
        "sasl-" + module,
        Platform.freePort(),
        root,
        logs,
        environment,
        List.of("-Dswitchboard.db.schema=" + schema));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (sessions != null) {
        sessions.stop();
      }
      if (channelConfig != null) {
        channelConfig.stop();
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  @Test
  void aConnectorsMessageIsStoredBySessionServiceUnderItsOwnPrincipal() throws Exception {
    String channelId = createChannel();
    long bot = ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
    String connectorId = attachTelegram(channelId, bot);
    awaitCount(
        "SELECT count(*) FROM session_sasl.connector_copy WHERE connector_id = ?", connectorId);

    String chatId = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 1L << 40));
    InboundMessageReceived message =
        new InboundMessageReceived(
            PlatformEvent.newId(),
            ConnectorType.TELEGRAM,
            connectorId,
            Long.toString(bot),
            chatId,
            "1",
            ClientIdentity.anonymous(chatId),
            "Hello over SASL",
            List.of(),
            Instant.now(),
            Instant.now());
    try (KafkaProducer<String, byte[]> producer = producer(CONNECTOR, PASSWORDS.get(CONNECTOR))) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(
              Topics.INBOUND_MESSAGES, message.partitionKey(), EventJson.write(message));
      CloudEventHeaders.of(message, CloudEventHeaders.source("sasl-connector"))
          .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
      producer.send(record).get(30, TimeUnit.SECONDS);
    }

    awaitCount("SELECT count(*) FROM session_sasl.message WHERE connector_id = ?", connectorId);
  }

  @Test
  void theConnectorReadsOutboundMessagesInAGroupOfItsOwn() throws Exception {
    String key = "telegram:1:" + UUID.randomUUID();
    try (KafkaProducer<String, byte[]> admin = producer(SaslBroker.ADMIN, broker.adminPassword)) {
      admin
          .send(new ProducerRecord<>(Topics.OUTBOUND_MESSAGES, key, "{}".getBytes()))
          .get(30, TimeUnit.SECONDS);
    }
    try (KafkaConsumer<String, byte[]> consumer =
        consumer(CONNECTOR, PASSWORDS.get(CONNECTOR), "connector-delivery-" + UUID.randomUUID())) {
      consumer.subscribe(List.of(Topics.OUTBOUND_MESSAGES));
      Awaitility.await("the connector reads the outbound record")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                  if (key.equals(r.key())) {
                    return true;
                  }
                }
                return false;
              });
    }
  }

  @Test
  void theConnectorMayNotWriteSessionEventsNorConfiguration() throws Exception {
    try (KafkaProducer<String, byte[]> producer = producer(CONNECTOR, PASSWORDS.get(CONNECTOR))) {
      for (String topic : List.of(Topics.SESSION_EVENTS, Topics.CONFIG_CONNECTORS)) {
        ExecutionException refused =
            assertThrows(
                ExecutionException.class,
                () ->
                    producer
                        .send(new ProducerRecord<>(topic, "k", "{}".getBytes()))
                        .get(30, TimeUnit.SECONDS),
                topic);
        assertThat(topic, refused.getCause(), instanceOf(TopicAuthorizationException.class));
      }
    }
  }

  @Test
  void theConnectorMayNotReadInboundMessagesNorJoinAServicesGroup() {
    try (KafkaConsumer<String, byte[]> consumer =
        consumer(CONNECTOR, PASSWORDS.get(CONNECTOR), "connector-spy-" + UUID.randomUUID())) {
      consumer.assign(List.of(new TopicPartition(Topics.INBOUND_MESSAGES, 0)));
      assertThrows(
          TopicAuthorizationException.class,
          () -> {
            for (int i = 0; i < 50; i++) {
              consumer.poll(Duration.ofMillis(200));
            }
          });
    }
    try (KafkaConsumer<String, byte[]> consumer =
        consumer(CONNECTOR, PASSWORDS.get(CONNECTOR), "session-service-inbound")) {
      consumer.subscribe(List.of(Topics.OUTBOUND_MESSAGES));
      assertThrows(
          GroupAuthorizationException.class,
          () -> {
            for (int i = 0; i < 50; i++) {
              consumer.poll(Duration.ofMillis(200));
            }
          });
    }
  }

  @Test
  void aWrongPasswordIsRefused() {
    try (Admin admin = Admin.create(broker.client(CONNECTOR, "not-the-password"))) {
      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS));
      assertThat(refused.getCause(), instanceOf(SaslAuthenticationException.class));
    }
  }

  private static KafkaProducer<String, byte[]> producer(String user, String password) {
    Map<String, Object> config = broker.client(user, password);
    config.put("acks", "all");
    config.put("max.block.ms", 30_000);
    config.put("key.serializer", StringSerializer.class.getName());
    config.put("value.serializer", ByteArraySerializer.class.getName());
    return new KafkaProducer<>(config);
  }

  private static KafkaConsumer<String, byte[]> consumer(
      String user, String password, String group) {
    Map<String, Object> config = broker.client(user, password);
    config.put("group.id", group);
    config.put("auto.offset.reset", "earliest");
    config.put("enable.auto.commit", "false");
    config.put("key.deserializer", StringDeserializer.class.getName());
    config.put("value.deserializer", ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(config);
  }

  private static String createChannel() {
    return given()
        .baseUri(channelConfig.baseUrl())
        .auth()
        .oauth2(ADMIN_TOKEN)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "SASL " + UUID.randomUUID()))
        .post("/api/v1/channels")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String attachTelegram(String channelId, long bot) {
    return given()
        .baseUri(channelConfig.baseUrl())
        .auth()
        .oauth2(ADMIN_TOKEN)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "type",
                "telegram",
                "botToken",
                bot + ":AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq",
                "webhookSecret",
                "sasl-webhook-secret"))
        .post("/api/v1/channels/" + channelId + "/connectors")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static void awaitCount(String sql, String id) {
    Awaitility.await(sql + " for " + id)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> count(sql, id) > 0);
  }

  private static long count(String sql, String id) throws Exception {
    try (Connection db = Platform.testDatabase();
        PreparedStatement query = db.prepareStatement(sql)) {
      query.setString(1, id);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
