package dev.switchboard.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the real Kafka, PostgreSQL and Redis are, read from the same environment variables as the
 * services.
 */
public final class Infrastructure {

  private Infrastructure() {}

  public static String kafkaBootstrapServers() {
    return env("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
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
