package dev.switchboard.session.conversation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.Topics;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.session.OwnDatabaseConnections;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, "short outages lose data": PostgreSQL cutting session-service's connections delays
 * clients' messages, it never loses, doubles or dead-letters them, and the API says 503 meanwhile.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
@QuarkusTestResource(OwnDatabaseConnections.class)
class DatabaseOutageTest {

  /** Terminates this run's service connections only (the database is shared with other tests). */
  private static final String CUT_CONNECTIONS =
      "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
          + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
          + " AND application_name = ?";

  private static final Duration OUTAGE = Duration.ofSeconds(8);

  @Test
  void aBurstStoredWhileTheDatabaseCutsTheConnectionsIsStoredOnceInOrderAndNothingDeadLettered()
      throws Exception {
    String agent = TestChannel.newAgent();
    TestChannel channel = TestChannel.withQueue(agent);
    List<TestChannel.Chat> chats = IntStream.range(0, 10).mapToObj(i -> channel.newChat()).toList();
    Map<String, List<String>> sent = new LinkedHashMap<>();
    Set<String> eventIds = ConcurrentHashMap.newKeySet();
    List<Response> answers = new CopyOnWriteArrayList<>();
    ExecutorService background = Executors.newFixedThreadPool(2);
    try (TopicProbe deadLetters = TopicProbe.open(Topics.dlq(Topics.INBOUND_MESSAGES))) {
      Instant end = Instant.now().plus(OUTAGE);
      Future<Integer> cutting =
          background.submit(() -> cutConnectionsUntil(end, "session.processed_event"));
      Future<?> asking =
          background.submit(
              () -> {
                while (Instant.now().isBefore(end)) {
                  answers.add(
                      given()
                          .header("Authorization", "Bearer " + TestTokens.token(agent, "agent"))
                          .when()
                          .get("/api/v1/agent/sessions"));
                  pause(50);
                }
              });
      int round = 0;
      while (Instant.now().isBefore(end)) {
        round++;
        for (TestChannel.Chat chat : chats) {
          String text = "message " + round + " of " + chat.chatId;
          InboundMessageReceived message = chat.says(text);
          eventIds.add(message.id());
          sent.computeIfAbsent(chat.chatId, c -> new ArrayList<>()).add(text);
        }
        pause(100);
      }
      assertThat("connections cut", cutting.get(30, TimeUnit.SECONDS), greaterThan(0));
      asking.get(30, TimeUnit.SECONDS);

      int total = sent.values().stream().mapToInt(List::size).sum();
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  Platform.count(
                      "SELECT count(*) FROM session.message WHERE connector_id = ?",
                      channel.connectorId),
              n -> n >= total);
      assertThat(storedTextsByChat(channel.connectorId), equalTo(sent));
      assertThat(
          "dead letters written for this connector",
          Platform.count(
              "SELECT count(*) FROM session.outbox WHERE topic = '"
                  + Topics.dlq(Topics.INBOUND_MESSAGES)
                  + "' AND payload LIKE '%' || ? || '%'",
              channel.connectorId),
          is(0L));
      assertThat(
          deadLetters.records().stream()
              .filter(r -> eventIds.contains(TopicProbe.header(r, CloudEventHeaders.ID)))
              .toList(),
          empty());
    } finally {
      background.shutdownNow();
    }
    assertThat(answers.size(), greaterThan(0));
    for (Response answer : answers) {
      assertThat(answer.statusCode(), oneOf(200, 503));
      if (answer.statusCode() == 503) {
        assertThat(answer.contentType(), startsWith("application/problem+json"));
        assertThat(answer.jsonPath().getInt("status"), equalTo(503));
      }
    }
  }

  /**
   * The copy of channel-config's connectors waits out an outage instead of dropping the record: a
   * dropped registration was not read again before a restart, and the connector's messages were
   * parked and then dead-lettered as coming from an unknown connector.
   */
  @Test
  void aConnectorRegisteredWhileTheDatabaseIsAwayIsCopiedWhenItIsBackAndItsMessagesAreStored()
      throws Exception {
    TestChannel channel = TestChannel.unregistered(TestChannel.newAgent());
    ExecutorService background = Executors.newSingleThreadExecutor();
    try (TopicProbe deadLetters = TopicProbe.open(Topics.dlq(Topics.INBOUND_MESSAGES))) {
      Instant end = Instant.now().plus(OUTAGE);
      Future<Integer> cutting =
          background.submit(() -> cutConnectionsUntil(end, "session.connector_copy"));
      channel.publishRegistration();
      assertThat("connections cut", cutting.get(30, TimeUnit.SECONDS), greaterThan(0));
      Platform.awaitConnectorCopy(channel.connectorId, 1);

      InboundMessageReceived message = channel.newChat().says("hello after the outage");
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  Platform.count(
                      "SELECT count(*) FROM session.message WHERE connector_id = ?",
                      channel.connectorId),
              n -> n >= 1);
      assertThat(
          deadLetters.records().stream()
              .filter(r -> message.id().equals(TopicProbe.header(r, CloudEventHeaders.ID)))
              .toList(),
          empty());
    } finally {
      background.shutdownNow();
    }
  }

  /**
   * Until {@code end}, the database is as good as away for the service: every transaction that
   * writes {@code table} (locked here; {@code processed_event} records every inbound event) waits
   * until its connection is cut, which happens every few milliseconds. Returns how many connections
   * were cut.
   */
  private static int cutConnectionsUntil(Instant end, String table) throws Exception {
    int cut = 0;
    try (Connection locker = Platform.database();
        Connection killer = Platform.database();
        PreparedStatement statement = killer.prepareStatement(CUT_CONNECTIONS)) {
      locker.setAutoCommit(false);
      try (var lock = locker.createStatement()) {
        lock.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
      }
      statement.setString(1, OwnDatabaseConnections.APPLICATION_NAME);
      while (Instant.now().isBefore(end)) {
        try (ResultSet result = statement.executeQuery()) {
          result.next();
          cut += result.getInt(1);
        }
        pause(5);
      }
      locker.commit();
    }
    return cut;
  }

  /** Paces the burst, the questions and the cuts over the outage: a rhythm, not a wait. */
  private static void pause(long millis) {
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  private static Map<String, List<String>> storedTextsByChat(String connectorId) throws Exception {
    Map<String, List<String>> stored = new LinkedHashMap<>();
    try (Connection db = Platform.database();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT external_chat_id, text FROM session.message WHERE connector_id = ?"
                    + " ORDER BY seq")) {
      query.setString(1, connectorId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          stored.computeIfAbsent(rows.getString(1), c -> new ArrayList<>()).add(rows.getString(2));
        }
      }
    }
    return stored;
  }
}
