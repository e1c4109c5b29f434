package dev.switchboard.e2e.chaos;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.e2e.Platform;
import dev.switchboard.e2e.RedisKeys;
import dev.switchboard.e2e.ServiceProcess;
import dev.switchboard.e2e.TelegramStub;
import dev.switchboard.testkit.Infrastructure;
import dev.switchboard.testkit.TcpProxy;
import dev.switchboard.testkit.TestTokens;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The whole platform for the chaos run, built so that every part of it may fail: the six packaged
 * services as processes, a Kafka broker of the run's own ({@link ChaosBroker}), PostgreSQL and
 * Redis reached through {@link TcpProxy} instances that can cut them, Telegram as a {@link
 * TelegramStub} that records every {@code sendMessage}.
 */
final class ChaosRig implements AutoCloseable {

  static final Path DIR = Platform.projectRoot().resolve("e2e-tests/target/chaos");
  static final String ADMIN = TestTokens.token("chaos-admin", "admin");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A channel of the run: its Telegram bot, its agents, its per-agent limit (Q7). */
  record Channel(
      String id,
      String connectorId,
      String botToken,
      String webhookSecret,
      List<String> agentIds,
      int maxSessionsPerAgent) {}

  final ChaosBroker broker;
  final TcpProxy postgres;
  final TcpProxy redis;
  final TelegramStub telegram;
  final Map<String, ServiceProcess> services = new LinkedHashMap<>();
  private final String routingKeyPrefix =
      "sb:routing:chaos-" + UUID.randomUUID().toString().substring(0, 8) + ":";

  ChaosRig() throws Exception {
    Infrastructure.requireReachable();
    Files.createDirectories(DIR);
    broker = ChaosBroker.start(DIR.resolve("kafka"));
    postgres =
        TcpProxy.start(Platform.freePort(), Infrastructure.pgHost(), Infrastructure.pgPort());
    URI redisUrl = URI.create(Infrastructure.redisUrl());
    redis =
        TcpProxy.start(
            Platform.freePort(),
            redisUrl.getHost(),
            redisUrl.getPort() < 0 ? 6379 : redisUrl.getPort());
    telegram = new TelegramStub();
    Map<String, Integer> ports = new HashMap<>();
    for (String module : Platform.MODULES) {
      ports.put(module, Platform.freePort());
    }
    Map<String, String> environment = Platform.testEnvironment();
    environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    environment.put("PG_HOST", "127.0.0.1");
    environment.put("PG_PORT", Integer.toString(postgres.port()));
    environment.put(
        "REDIS_URL",
        "redis://"
            + (redisUrl.getRawUserInfo() == null ? "" : redisUrl.getRawUserInfo() + "@")
            + "127.0.0.1:"
            + redis.port()
            + (redisUrl.getRawPath() == null ? "" : redisUrl.getRawPath()));
    environment.put("TELEGRAM_API_BASE_URL", telegram.baseUrl());
    environment.put("PUBLIC_BASE_URL", url(ports.get("connector-gateway")));
    environment.put("CHANNEL_CONFIG_URL", url(ports.get("channel-config-service")));
    environment.put("SESSION_SERVICE_URL", url(ports.get("session-service")));
    environment.put("ROUTING_SERVICE_URL", url(ports.get("routing-service")));
    environment.put("ROUTING_REDIS_KEY_PREFIX", routingKeyPrefix);
    for (String module : Platform.MODULES) {
      Files.deleteIfExists(DIR.resolve("chaos-" + module + ".log"));
      services.put(
          module,
          new ServiceProcess(
              module,
              "chaos-" + module,
              ports.get(module),
              Platform.projectRoot(),
              DIR,
              environment,
              List.of()));
    }
    try {
      for (ServiceProcess service : services.values()) {
        service.start();
      }
      awaitAllReady();
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  String gateway() {
    return services.get("connector-gateway").baseUrl();
  }

  void awaitAllReady() {
    for (ServiceProcess service : services.values()) {
      service.awaitReady(Duration.ofSeconds(180));
    }
  }

  /** The gateway's API as the holder of {@code token}. */
  RequestSpecification as(String token) {
    return given()
        .baseUri(gateway())
        .header("Authorization", "Bearer " + token)
        .contentType("application/json");
  }

  /**
   * A channel with a Telegram bot whose queue is {@code agentIds} (each a new directory entry),
   * distributed by {@code mode}, at most {@code limit} sessions per agent, offers passing on after
   * {@code offerTimeoutSeconds}.
   */
  Channel channel(String name, String mode, List<String> agentIds, int limit, int offerTimeout)
      throws Exception {
    for (String agentId : agentIds) {
      as(ADMIN)
          .body(Map.of("name", "Agent " + agentId, "departments", List.of()))
          .put("/api/v1/agents/" + agentId)
          .then()
          .statusCode(anyOf(equalTo(200), equalTo(201)));
    }
    String channelId =
        as(ADMIN)
            .body(Map.of("name", name))
            .post("/api/v1/channels")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    ObjectNode queue = JSON.createObjectNode().put("distributionMode", mode);
    var members = queue.putArray("members");
    agentIds.forEach(id -> members.addObject().put("type", "USER").put("id", id));
    as(ADMIN)
        .body(queue.toString())
        .put("/api/v1/channels/" + channelId + "/queue")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(200);
    var current = as(ADMIN).get("/api/v1/channels/" + channelId).then().statusCode(200).extract();
    ObjectNode settings = (ObjectNode) JSON.readTree(current.asString());
    ((ObjectNode) settings.path("routing"))
        .put("maxSessionsPerAgent", limit)
        .put("offerTimeoutSeconds", offerTimeout);
    as(ADMIN)
        .header("If-Match", current.header("ETag"))
        .body(settings.toString())
        .put("/api/v1/channels/" + channelId)
        .then()
        .log()
        .ifValidationFails()
        .statusCode(200);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String botToken = random.nextLong(100_000_000L, 999_999_999L) + ":AAH" + "c".repeat(32);
    String webhookSecret = "chaos-secret-" + random.nextInt(1_000_000);
    String connectorId =
        as(ADMIN)
            .body(Map.of("type", "telegram", "botToken", botToken, "webhookSecret", webhookSecret))
            .post("/api/v1/channels/" + channelId + "/connectors")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return new Channel(channelId, connectorId, botToken, webhookSecret, agentIds, limit);
  }

  private static String url(int port) {
    return "http://localhost:" + port;
  }

  @Override
  public void close() throws Exception {
    for (ServiceProcess service : services.values()) {
      if (service.isAlive()) {
        service.kill();
      }
    }
    telegram.close();
    postgres.close();
    redis.close();
    broker.close();
    RedisKeys.deleteUnder(routingKeyPrefix);
  }
}
