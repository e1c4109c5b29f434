package dev.switchboard.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the real Kafka, PostgreSQL and Redis are, read from the same environment variables as the
 * services.
 */
public final class Infrastructure {

  private Infrastructure() {}

  public static String kafkaBootstrapServers() {
    return env("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
  }

  /**
   * The bootstrap servers and the security settings of a Kafka client, from the same variables as
   * the services (platform-runtime's microprofile-config.properties): PLAINTEXT unless {@code
   * KAFKA_SECURITY_PROTOCOL} says otherwise; {@code KAFKA_SSL_*} variables become {@code ssl.*}.
   */
  public static Map<String, Object> kafkaClientConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", kafkaBootstrapServers());
    String protocol = env("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");
    config.put("security.protocol", protocol);
    if (protocol.startsWith("SASL")) {
      config.putAll(
          kafkaSasl(
              env("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"),
              env("KAFKA_SASL_USERNAME", ""),
              env("KAFKA_SASL_PASSWORD", "")));
      String jaas = env("KAFKA_SASL_JAAS_CONFIG", "");
      if (!jaas.isEmpty()) {
        config.put("sasl.jaas.config", jaas);
      }
    }
    System.getenv()
        .forEach(
            (name, value) -> {
              if (name.startsWith("KAFKA_SSL_") && !value.isBlank()) {
                config.put(
                    name.substring("KAFKA_".length()).toLowerCase().replace('_', '.'), value);
              }
            });
    return config;
  }

  /** A SASL (PLAIN or SCRAM) client's mechanism and JAAS login line for this user. */
  public static Map<String, Object> kafkaSasl(String mechanism, String user, String password) {
    String module =
        mechanism.equals("PLAIN")
            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
    return Map.of(
        "sasl.mechanism",
        mechanism,
        "sasl.jaas.config",
        module + " required username=\"" + user + "\" password=\"" + password + "\";");
  }

  public static String pgHost() {
    return env("PG_HOST", "localhost");
  }

  public static int pgPort() {
    return Integer.parseInt(env("PG_PORT", "5432"));
  }

  public static String pgTestDatabase() {
    return env("PG_TEST_DATABASE", "switchboard_test");
  }

  public static String pgUser() {
    return env("PG_USER", "switchboard");
  }

  public static String pgPassword() {
    return env("PG_PASSWORD", "switchboard");
  }

  public static String redisUrl() {
    return env("REDIS_URL", "redis://localhost:6379");
  }

  /**
   * Fails at once with a message saying what to run, instead of a test that hangs on a connection
   * that will never come.
   */
  public static void requireReachable() {
    List<String> missing = new ArrayList<>();
    String kafka = kafkaBootstrapServers().split(",")[0].trim();
    int colon = kafka.lastIndexOf(':');
    check(
        missing, "Kafka", kafka.substring(0, colon), Integer.parseInt(kafka.substring(colon + 1)));
    check(missing, "PostgreSQL", pgHost(), pgPort());
    URI redis = URI.create(redisUrl());
    check(missing, "Redis", redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort());
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Tests need the real infrastructure, but nothing answers for "
              + String.join(", ", missing)
              + ". Run the tests with `./switchboard test`, or start it with `./switchboard infra start`.");
    }
  }

  private static void check(List<String> missing, String name, String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
    } catch (IOException e) {
      missing.add(name + " at " + host + ":" + port);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
