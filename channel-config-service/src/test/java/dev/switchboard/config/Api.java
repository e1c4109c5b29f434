package dev.switchboard.config;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testkit.TestTokens;
import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Calls of this service's API for tests. The test database keeps its data between runs, so
 * everything a test creates has a fresh id.
 */
public final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Api() {}

  public static RequestSpecification as(String user, String... roles) {
    return given()
        .header("Authorization", "Bearer " + TestTokens.token(user, roles))
        .contentType("application/json");
  }

  public static RequestSpecification admin() {
    return as("admin1", "admin");
  }

  public static RequestSpecification supervisor() {
    return as("supervisor1", "supervisor");
  }

  public static RequestSpecification agent() {
    return as("agent1", "agent");
  }

  /** A new channel's id. */
  public static String newChannel() {
    return admin()
        .body("{}")
        .when()
        .post("/api/v1/channels")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** A Telegram bot id no other test run has used (ten digits, no leading zero). */
  public static String newBotId() {
    return Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
  }

  /** A well-formed token for the bot: {@code <id>:<35 random token characters>}. */
  public static String botToken(String botId) {
    StringBuilder token = new StringBuilder(botId).append(':');
    for (int i = 0; i < 35; i++) {
      token.append(TOKEN_ALPHABET.charAt(RANDOM.nextInt(TOKEN_ALPHABET.length())));
    }
    return token.toString();
  }

  /** An id with {@code prefix}, unique to this run. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A connection to the test database (schema {@code channel_config}). */
  public static java.sql.Connection database() throws java.sql.SQLException {
    String url =
        "jdbc:postgresql://"
            + dev.switchboard.testkit.Infrastructure.pgHost()
            + ":"
            + dev.switchboard.testkit.Infrastructure.pgPort()
            + "/"
            + dev.switchboard.testkit.Infrastructure.pgTestDatabase();
    return java.sql.DriverManager.getConnection(
        url,
        dev.switchboard.testkit.Infrastructure.pgUser(),
        dev.switchboard.testkit.Infrastructure.pgPassword());
  }

  /** A new canned-response list with these {@code {shortcut, text}} items (JSON); its id. */
  public static String newCannedList(String name, String itemsJson) {
    return admin()
        .body("{\"name\":\"" + name + "\",\"items\":" + itemsJson + "}")
        .when()
        .post("/api/v1/canned-response-lists")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Puts {@code members} (JSON array) into the channel's queue. */
  public static void queue(String channelId, String membersJson) {
    admin()
        .body("{\"members\":" + membersJson + ",\"distributionMode\":\"EVENLY\"}")
        .when()
        .put("/api/v1/channels/" + channelId + "/queue")
        .then()
        .statusCode(200);
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("Not JSON: " + text, e);
    }
  }
}
