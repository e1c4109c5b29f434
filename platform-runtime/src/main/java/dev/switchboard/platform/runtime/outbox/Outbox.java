package dev.switchboard.platform.runtime.outbox;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The transactional outbox: a record to publish is written in the same database transaction as the
 * change it announces, and {@link OutboxRelay} publishes it after the commit. So a change is never
 * published without being stored, nor stored without being published. A service enables it with
 * {@code switchboard.outbox.enabled=true} and creates the {@code outbox} table in its migrations
 * (columns of {@link OutboxMessage}).
 */
@ApplicationScoped
@IfBuildProperty(name = "switchboard.outbox.enabled", stringValue = "true")
public class Outbox {

  @Inject OutboxRelay relay;
  @Inject Clock clock;

  /** One record to publish: its topic, key, Kafka headers (CloudEvents {@code ce_*}) and value. */
  public record Entry(String topic, String key, Map<String, String> headers, byte[] payload) {}

  /**
   * Adds a record to publish to the caller's open transaction ({@code Panache.withTransaction}).
   *
   * @param headers the Kafka headers (CloudEvents {@code ce_*} attributes)
   */
  public Uni<Void> add(String topic, String key, Map<String, String> headers, byte[] payload) {
    return addAll(List.of(new Entry(topic, key, headers, payload)));
  }

  /**
   * Adds records to publish, in this order, to the caller's open transaction: one statement for all
   * of them (a new session's three events were three round trips to the database).
   */
  public Uni<Void> addAll(List<Entry> entries) {
    if (entries.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO outbox (topic, record_key, headers, payload, created_at) VALUES ");
    for (int i = 0; i < entries.size(); i++) {
      int p = i * 5;
      sql.append(i == 0 ? "" : ", ")
          .append("(?")
          .append(p + 1)
          .append(", ?")
          .append(p + 2)
          .append(", ?")
          .append(p + 3)
          .append(", ?")
          .append(p + 4)
          .append(", ?")
          .append(p + 5)
          .append(')');
    }
    Instant now = clock.instant();
    return Panache.getSession()
        .flatMap(
            session -> {
              var insert = session.createNativeQuery(sql.toString());
              for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                int p = i * 5;
                insert.setParameter(p + 1, entry.topic());
                insert.setParameter(p + 2, entry.key());
                insert.setParameter(
                    p + 3, new JsonObject(Map.<String, Object>copyOf(entry.headers())).encode());
                insert.setParameter(p + 4, new String(entry.payload(), StandardCharsets.UTF_8));
                insert.setParameter(p + 5, now);
              }
              // Values rows take their identity in order, so the relay publishes them in order.
              return insert.executeUpdate();
            })
        .replaceWithVoid();
  }

  /**
   * Adds records to publish, in this order, to a transaction of the plain reactive client (for
   * writers that batch their own statements rather than go through Hibernate): one statement for
   * all of them, the rows taking their identity in the order given.
   */
  public Uni<Void> addAll(SqlConnection transaction, List<Entry> entries) {
    if (entries.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    String[] topics = new String[entries.size()];
    String[] keys = new String[entries.size()];
    String[] headers = new String[entries.size()];
    String[] payloads = new String[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      topics[i] = entry.topic();
      keys[i] = entry.key();
      headers[i] = new JsonObject(Map.<String, Object>copyOf(entry.headers())).encode();
      payloads[i] = new String(entry.payload(), StandardCharsets.UTF_8);
    }
    return transaction
        .preparedQuery(
            "INSERT INTO outbox (topic, record_key, headers, payload, created_at)"
                + " SELECT topic, record_key, headers, payload, $5"
                + " FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY"
                + " AS entry (topic, record_key, headers, payload, position) ORDER BY position")
        .execute(
            Tuple.of(
                topics,
                keys,
                headers,
                payloads,
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  /** Asks the relay to publish now rather than at its next poll; call it after the commit. */
  public void flushSoon() {
    relay.wake();
  }
}
