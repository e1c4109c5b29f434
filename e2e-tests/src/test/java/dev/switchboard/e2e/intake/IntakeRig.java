package dev.switchboard.e2e.intake;

import static io.restassured.RestAssured.given;

import dev.switchboard.e2e.ConsumerGroups;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * session-service's intake on its own: channel-config-service and session-service packaged, a
 * channel with a Telegram connector created through channel-config's API, and inbound messages
 * published on {@code oc.inbound.messages.v1} exactly as a connector would (the public contract).
 * What session-service stored is read from its own tables. session-service consumes in groups of
 * this rig, started at the end of the topics, so what earlier runs left on the broker is not read.
 */
final class IntakeRig implements AutoCloseable {

  private static final String ADMIN = TestTokens.token("intake-admin", "admin");

  final ServiceProcess channelConfig;
  final ServiceProcess sessions;
  final Path sessionLog;
  final String channelId;
  final String connectorId;
  final String accountId;

  private final KafkaProducer<String, byte[]> producer;
  private final Connection db;

  IntakeRig(String name) throws Exception {
    this(name, List.of());
  }

  /** With {@code sessionOptions}: JVM options (-D...) for the rig's session-service. */
  IntakeRig(String name, List<String> sessionOptions) throws Exception {
    Infrastructure.requireReachable();
    Path root = Platform.projectRoot();
    Path logs = root.resolve("e2e-tests/target/e2e-logs");
    Files.createDirectories(logs);
    sessionLog = logs.resolve(name + "-session.log");
    Files.deleteIfExists(sessionLog);
    Map<String, String> environment = Platform.testEnvironment();
    String run = "-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    ConsumerGroups.startAtEnd("session-service-inbound" + run, Topics.INBOUND_MESSAGES);
    ConsumerGroups.startAtEnd("session-service-routing" + run, Topics.ROUTING_EVENTS);
    channelConfig =
        new ServiceProcess(
            "channel-config-service",
            name + "-channel-config",
            Platform.freePort(),
            root,
            logs,
            environment,
            List.of());
    sessions =
        new ServiceProcess(
            "session-service",
            name + "-session",
            Platform.freePort(),
            root,
            logs,
            environment,
            sessionOptions(run, logs.resolve(name + "-session.jfr"), sessionOptions));
    producer = producer();
    db = Platform.testDatabase();
    try {
      channelConfig.start();
      sessions.start();
      channelConfig.awaitReady(Duration.ofSeconds(120));
      sessions.awaitReady(Duration.ofSeconds(120));
      channelId = createChannel(name);
      long bot = ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
      accountId = Long.toString(bot);
      connectorId = attachTelegram(channelId, bot);
      awaitConnectorKnown();
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /**
   * session-service's consumer groups of this rig; with {@code -Dbench.jfr=true} also a Java Flight
   * Recording of it ({@code <name>-session.jfr} beside the logs; {@code jfr print} reads it).
   */
  private static List<String> sessionOptions(String run, Path recording, List<String> extra) {
    List<String> options =
        new java.util.ArrayList<>(
            List.of(
                "-Dmp.messaging.incoming.inbound.group.id=session-service-inbound" + run,
                "-Dmp.messaging.incoming.routing.group.id=session-service-routing" + run));
    if (Boolean.getBoolean("bench.jfr")) {
      options.add("-XX:StartFlightRecording=settings=profile,filename=" + recording);
    }
    options.addAll(extra);
    return options;
  }

  private String createChannel(String name) {
    return given()
        .baseUri(channelConfig.baseUrl())
        .auth()
        .oauth2(ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("name", name + " " + UUID.randomUUID()))
        .post("/api/v1/channels")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private String attachTelegram(String channel, long bot) {
    return given()
        .baseUri(channelConfig.baseUrl())
        .auth()
        .oauth2(ADMIN)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "type",
                "telegram",
                "botToken",
                bot + ":AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq",
                "webhookSecret",
                "intake-webhook-secret"))
        .post("/api/v1/channels/" + channel + "/connectors")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private void awaitConnectorKnown() {
    org.awaitility.Awaitility.await("session-service knows connector " + connectorId)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> count("SELECT count(*) FROM session.connector_copy WHERE connector_id = ?") == 1);
  }

  /** Client {@code chat}'s message number {@code n}, as the Telegram connector publishes it. */
  InboundMessageReceived message(long chat, int n) {
    String chatId = Long.toString(chat);
    return new InboundMessageReceived(
        PlatformEvent.newId(),
        ConnectorType.TELEGRAM,
        connectorId,
        accountId,
        chatId,
        Integer.toString(n),
        new ClientIdentity(
            chatId, "Client " + chatId, "Client", chatId, null, null, null, null, "en"),
        "Message " + n + " of chat " + chatId,
        List.of(),
        Instant.now(),
        Instant.now());
  }

  /** Publishes without waiting for each acknowledgement; {@link #flush()} waits for all. */
  void publish(InboundMessageReceived message) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            Topics.INBOUND_MESSAGES, message.partitionKey(), EventJson.write(message));
    CloudEventHeaders.of(message, CloudEventHeaders.source("intake-rig"))
        .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    producer.send(record);
  }

  void flush() {
    producer.flush();
  }

  /** Client messages of this rig's connector that session-service stored. */
  long stored() throws SQLException {
    return count("SELECT count(*) FROM session.message WHERE connector_id = ?");
  }

  /** The same, each (chat, message id) once: equal to {@link #stored()} unless one was doubled. */
  long storedDistinct() throws SQLException {
    return count(
        "SELECT count(DISTINCT (external_chat_id, external_message_id)) FROM session.message"
            + " WHERE connector_id = ?");
  }

  long sessionsOpened() throws SQLException {
    return count("SELECT count(*) FROM session.session WHERE connector_id = ?");
  }

  /** Records session-service's outbox holds that are not on Kafka yet (of every channel). */
  long unpublished() throws SQLException {
    try (PreparedStatement query =
            db.prepareStatement("SELECT count(*) FROM session.outbox WHERE published_at IS NULL");
        ResultSet row = query.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private long count(String sql) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(sql)) {
      query.setString(1, connectorId);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  String sessionLogText() throws Exception {
    return Files.exists(sessionLog) ? Files.readString(sessionLog) : "";
  }

  @Override
  public void close() throws Exception {
    try {
      sessions.stop();
      channelConfig.stop();
    } finally {
      producer.close();
      db.close();
    }
  }

  private static KafkaProducer<String, byte[]> producer() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(config);
  }
}
