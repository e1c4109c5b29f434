package dev.switchboard.gateway.connector;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.config.ConnectorRegistrationChanged;
import dev.switchboard.gateway.connector.messaging.ConnectorRegistrationConsumer;
import dev.switchboard.gateway.connector.store.ConnectorRegistrationStore;
import dev.switchboard.gateway.connector.store.ConnectorRegistrations;
import dev.switchboard.platform.runtime.messaging.GracefulStop;
import dev.switchboard.testkit.Infrastructure;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stop closes the PostgreSQL pool under the records in hand ("Pool closed"). Before the gateway's
 * consumers went through {@link GracefulStop}, such a record failed, and its failure sent it to the
 * dead-letter topic; now, once the service is stopping, it is left unacknowledged (read again at
 * the next start). The pool here is a real PostgreSQL client, closed as at a stop.
 */
class GracefulStopOfConsumersTest {

  private final Vertx vertx = Vertx.vertx();
  private final GracefulStop stop = new GracefulStop();
  private final ConnectorRegistrationConsumer consumer = new ConnectorRegistrationConsumer();

  GracefulStopOfConsumersTest() throws Exception {
    set(stop, "drainTimeout", Duration.ofSeconds(2));
    io.vertx.sqlclient.Pool pool =
        PgBuilder.pool()
            .connectingTo(
                new PgConnectOptions()
                    .setHost(Infrastructure.pgHost())
                    .setPort(Infrastructure.pgPort())
                    .setDatabase(Infrastructure.pgTestDatabase())
                    .setUser(Infrastructure.pgUser())
                    .setPassword(Infrastructure.pgPassword()))
            .using(vertx)
            .build();
    pool.close().toCompletionStage().toCompletableFuture().get();
    ConnectorRegistrationStore store = new ConnectorRegistrationStore();
    set(store, "pool", Pool.newInstance(pool));
    ConnectorRegistrations registrations = new ConnectorRegistrations();
    set(registrations, "store", store);
    set(consumer, "registrations", registrations);
    set(consumer, "gracefulStop", stop);
  }

  @AfterEach
  void closeVertx() {
    vertx.close();
  }

  @Test
  void aRecordFailingBecauseThePoolClosedIsNotDeadLetteredOnceStopping() throws Exception {
    // Running: the same failure is the record's own and fails it (dead-letter topic).
    UniAssertSubscriber<Void> running =
        consumer.consume(record()).subscribe().withSubscriber(UniAssertSubscriber.create());
    running.awaitFailure(Duration.ofSeconds(5));

    Method onStop = GracefulStop.class.getDeclaredMethod("onStop", ShutdownEvent.class);
    onStop.setAccessible(true);
    onStop.invoke(stop, (Object) null);

    UniAssertSubscriber<Void> stopping =
        consumer.consume(record()).subscribe().withSubscriber(UniAssertSubscriber.create());
    // Neither acknowledged nor failed: its offset is not committed and nothing is dead-lettered.
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .untilAsserted(stopping::assertNotTerminated);
    assertTrue(stop.stopping());
  }

  private static ConsumerRecord<String, byte[]> record() {
    String connectorId = UUID.randomUUID().toString();
    ConnectorRegistrationChanged event =
        new ConnectorRegistrationChanged(
            PlatformEvent.newId(),
            connectorId,
            UUID.randomUUID().toString(),
            ConnectorType.TELEGRAM,
            "4242",
            1,
            true,
            null,
            Instant.now());
    ConsumerRecord<String, byte[]> record =
        new ConsumerRecord<>(
            EventRegistry.topicOf(event.getClass()),
            0,
            0L,
            event.partitionKey(),
            EventJson.write(event));
    CloudEventHeaders.of(event, "/tests")
        .forEach((n, v) -> record.headers().add(n, v.getBytes(StandardCharsets.UTF_8)));
    return record;
  }

  private static void set(Object target, String field, Object value) throws Exception {
    Field f = target.getClass().getDeclaredField(field);
    f.setAccessible(true);
    f.set(target, value);
  }
}
