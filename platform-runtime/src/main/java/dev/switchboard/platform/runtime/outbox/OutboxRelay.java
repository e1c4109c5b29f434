package dev.switchboard.platform.runtime.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox in order of writing. One relay at a time publishes a service's outbox (a
 * transaction-scoped advisory lock), so records of one key reach Kafka in the order they were
 * written even with several instances; on a compacted topic the last record is then the latest
 * version. A row is marked published only after Kafka acknowledged it. A crash between the two
 * re-publishes the row once more (at least once), which every consumer tolerates (they are
 * idempotent on the event id, or keep the highest version). Woken after each commit ({@link
 * Outbox#flushSoon()}) and by {@link OutboxPoller}.
 *
 * <p>A row Kafka refuses for a reason that will never change (larger than its request limit, an
 * invalid topic) is taken out of the line: marked failed with the reason ({@code failed_at}, {@code
 * failure_reason}), logged at ERROR and counted ({@value #REFUSED_METRIC}), kept in the table for
 * inspection, and the rows behind it go out. Before, it failed its batch at every pass: every row
 * behind it waited for good while the rows ahead were sent again every second. Any other failure
 * (the broker away) fails the batch, which is sent again whole at the next pass.
 */
@ApplicationScoped
@IfBuildProperty(name = "switchboard.outbox.enabled", stringValue = "true")
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final int BATCH = 500;

  /** Records handed to the producer at once; the sink's own limit (max-inflight) is higher. */
  private static final int IN_FLIGHT = 256;

  /** Outbox rows Kafka refused for good, by topic: marked failed and left in the table. */
  static final String REFUSED_METRIC = "switchboard.outbox.refused";

  @Inject Pool pool;
  @Inject MeterRegistry metrics;

  @Inject
  @Channel("outbox")
  MutinyEmitter<byte[]> kafka;

  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();

  /** Drains the outbox now; concurrent calls coalesce into one more pass. */
  public void wake() {
    if (!running.compareAndSet(false, true)) {
      again.set(true);
      return;
    }
    drain()
        .subscribe()
        .with(
            published -> finish(published >= BATCH),
            failure -> {
              LOG.warnf(failure, "Outbox relay could not publish; it retries at the next poll");
              finish(false);
            });
  }

  private void finish(boolean more) {
    running.set(false);
    if (more || again.getAndSet(false)) {
      wake();
    }
  }

  private Uni<Integer> drain() {
    return pool.withTransaction(
        tx ->
            tx.query("SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))")
                .execute()
                .onItem()
                .transformToUni(
                    lock ->
                        lock.iterator().next().getBoolean(0)
                            ? claim(tx)
                            : Uni.createFrom().item(0)));
  }

  private Uni<Integer> claim(SqlConnection tx) {
    return tx.preparedQuery(
            "SELECT id, topic, record_key, headers, payload FROM outbox"
                + " WHERE published_at IS NULL AND failed_at IS NULL ORDER BY id LIMIT $1")
        .execute(Tuple.of(BATCH))
        .onItem()
        .transformToUni(
            rows -> {
              List<Row> claimed = new ArrayList<>();
              rows.forEach(claimed::add);
              if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
              }
              // Handed to the producer in order of writing without waiting for each
              // acknowledgement (merge subscribes in order): the idempotent producer keeps that
              // order per partition, so records of one key keep their order on the topic.
              // Waiting for each ack in turn capped the relay at ~500 records/s.
              return Multi.createFrom()
                  .iterable(claimed)
                  .onItem()
                  .transformToUni(this::send)
                  .merge(IN_FLIGHT)
                  .collect()
                  .asList()
                  .onItem()
                  .transformToUni(sent -> settle(tx, sent));
            });
  }

  /** What became of one row: published, or refused for good (with the reason). */
  private record Sent(long id, String topic, String key, String refusal) {}

  /**
   * Marks the published rows, and takes the refused ones out of the line: kept in the table with
   * the reason for inspection, never sent again.
   */
  private Uni<Integer> settle(SqlConnection tx, List<Sent> sent) {
    List<Long> published = new ArrayList<>();
    List<Tuple> refused = new ArrayList<>();
    for (Sent one : sent) {
      if (one.refusal() == null) {
        published.add(one.id());
      } else {
        LOG.errorf(
            "Kafka refuses outbox row %d (topic %s, key %s) for good; it is marked failed and left"
                + " in the outbox, the rows behind it go out: %s",
            one.id(), one.topic(), one.key(), one.refusal());
        metrics.counter(REFUSED_METRIC, "topic", one.topic()).increment();
        refused.add(Tuple.of(one.id(), one.refusal()));
      }
    }
    Uni<Void> failed =
        refused.isEmpty()
            ? Uni.createFrom().voidItem()
            : tx.preparedQuery(
                    "UPDATE outbox SET failed_at = now(), failure_reason = $2 WHERE id = $1")
                .executeBatch(refused)
                .replaceWithVoid();
    return failed
        .chain(
            () ->
                published.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : tx.preparedQuery("UPDATE outbox SET published_at = now() WHERE id = ANY($1)")
                        .execute(Tuple.of(published.toArray(Long[]::new)))
                        .replaceWithVoid())
        .replaceWith(sent.size());
  }

  /**
   * Sends one row; a refusal that will never change ({@link KafkaRefusals}) is the row's outcome,
   * any other failure fails the batch, which is sent again at the next pass.
   */
  private Uni<Sent> send(Row row) {
    long id = row.getLong("id");
    String topic = row.getString("topic");
    String key = row.getString("record_key");
    return Uni.createFrom()
        .deferred(
            () -> {
              RecordHeaders headers = new RecordHeaders();
              JsonObject stored = new JsonObject(row.getString("headers"));
              stored.forEach(
                  h ->
                      headers.add(
                          h.getKey(),
                          String.valueOf(h.getValue()).getBytes(StandardCharsets.UTF_8)));
              OutgoingKafkaRecordMetadata<String> metadata =
                  OutgoingKafkaRecordMetadata.<String>builder()
                      .withTopic(topic)
                      .withKey(key)
                      .withHeaders(headers)
                      .build();
              byte[] payload = row.getString("payload").getBytes(StandardCharsets.UTF_8);
              return kafka.sendMessage(Message.of(payload).addMetadata(metadata));
            })
        .replaceWith(new Sent(id, topic, key, null))
        .onFailure(failure -> KafkaRefusals.permanentReason(failure) != null)
        .recoverWithItem(
            failure -> new Sent(id, topic, key, KafkaRefusals.permanentReason(failure)));
  }
}
