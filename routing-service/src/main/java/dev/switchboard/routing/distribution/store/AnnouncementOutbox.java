package dev.switchboard.routing.distribution.store;

import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.routing.RoutingEvent;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Routing decisions recorded in Redis together with their effect (by the scripts of {@link
 * RoutingScripts}) and not yet confirmed as published. A decision whose instance stopped before
 * Kafka acknowledged it is published again, with the same event id, so none is lost; consumers
 * ignore the repeat by its id.
 */
public class AnnouncementOutbox {

  private final RedisDataSource redis;
  private final RoutingKeys keys;

  public AnnouncementOutbox(RedisDataSource redis, RoutingKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** Kafka has the event: forget it. */
  public void confirm(String eventId) {
    confirm(List.of(eventId));
  }

  /**
   * Kafka has these events: forget them, in two round trips however many there are (a burst of
   * acknowledgements used to cost two each, and a blocked worker thread each).
   */
  public void confirm(Collection<String> eventIds) {
    if (eventIds.isEmpty()) {
      return;
    }
    List<String> hdel = new ArrayList<>(eventIds.size() + 1);
    hdel.add(keys.outbox());
    hdel.addAll(eventIds);
    redis.execute("HDEL", hdel.toArray(String[]::new));
    hdel.set(0, keys.outboxDue());
    redis.execute("ZREM", hdel.toArray(String[]::new));
  }

  /** Up to {@code max} events recorded before {@code recordedBefore} and still unconfirmed. */
  public List<RoutingEvent> unconfirmedSince(Instant recordedBefore, int max) {
    Response ids =
        redis.execute(
            "ZRANGEBYSCORE",
            keys.outboxDue(),
            "-inf",
            Long.toString(recordedBefore.toEpochMilli()),
            "LIMIT",
            "0",
            Integer.toString(max));
    List<RoutingEvent> events = new ArrayList<>();
    for (Response id : ids) {
      Response payload = redis.execute("HGET", keys.outbox(), id.toString());
      if (payload == null) {
        redis.execute("ZREM", keys.outboxDue(), id.toString());
      } else {
        events.add(read(payload.toString()));
      }
    }
    return events;
  }

  /** How a decision is kept: its CloudEvents type, a line break, its JSON. */
  static String payload(RoutingEvent event) {
    return EventRegistry.of(event).ceType() + "\n" + EventJson.writeString(event);
  }

  static RoutingEvent read(String payload) {
    int newline = payload.indexOf('\n');
    return EventJson.read(
        payload.substring(0, newline),
        payload.substring(newline + 1).getBytes(StandardCharsets.UTF_8),
        RoutingEvent.class);
  }
}
