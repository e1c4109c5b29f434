package dev.switchboard.gateway.connector;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;

import dev.switchboard.events.Topics;
import dev.switchboard.events.config.SecretsCipher;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.TestConnectors;
import dev.switchboard.gateway.support.TestConnectors.Bot;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, "local copies of the compacted topics drop a record on a database blip": the gateway
 * reads {@value Topics#CONFIG_CONNECTORS} once, so a registration it failed to store was never read
 * again before a restart and the connector's webhooks answered 404. Now the store is tried again
 * until the database answers.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class ConnectorCopyOutageTest {

  /** Cuts the connections whose statement waits for the table this test locked. */
  private static final String CUT_WAITING_WRITES =
      "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
          + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
          + " AND wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO connector_registration%'";

  private static final Duration OUTAGE = Duration.ofSeconds(5);

  @Inject SecretsCipher cipher;
  @Inject Pool pool;

  @Test
  void aRegistrationReadWhileTheDatabaseFailsIsStoredWhenItAnswersAndItsWebhookWorks() {
    Bot bot = Bot.fresh();
    try (TopicProbe deadLetters = TopicProbe.open(Topics.dlq(Topics.CONFIG_CONNECTORS))) {
      SqlConnection blocker = pool.getConnection().await().atMost(Duration.ofSeconds(10));
      Transaction tx = blocker.begin().await().atMost(Duration.ofSeconds(10));
      int cut = 0;
      try {
        blocker
            .query("LOCK TABLE connector_registration IN ACCESS EXCLUSIVE MODE")
            .execute()
            .await()
            .atMost(Duration.ofSeconds(10));
        TestConnectors.register(cipher, bot, 1);
        Instant end = Instant.now().plus(OUTAGE);
        while (Instant.now().isBefore(end)) {
          cut +=
              pool.query(CUT_WAITING_WRITES)
                  .execute()
                  .await()
                  .atMost(Duration.ofSeconds(10))
                  .iterator()
                  .next()
                  .getInteger(0);
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
      } finally {
        tx.rollback().await().atMost(Duration.ofSeconds(10));
        blocker.close().await().atMost(Duration.ofSeconds(10));
      }
      assertThat("the registration's writes cut while the table was locked", cut, greaterThan(0));

      // Known again: a wrong secret is a 401, no longer the 404 of an unknown connector.
      TestConnectors.awaitWebhookStatus(bot.connectorId(), 401);
      assertThat(
          deadLetters.records().stream()
              .filter(record -> bot.connectorId().equals(record.key()))
              .toList(),
          empty());
    }
  }
}
