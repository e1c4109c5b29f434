package dev.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A fact published on one of the platform's topics.
 *
 * <p>Every implementation is an immutable record registered in {@link EventRegistry} with its
 * CloudEvents type and its topic. Consumers de-duplicate on {@link #id()} (delivery is at least
 * once).
 *
 * <p>Not {@code sealed}: the events live in one sub-package per topic, and outside a named module a
 * sealed type may only permit subclasses of its own package. The topics with several events have
 * their own sealed interface instead ({@code SessionEvent}, {@code RoutingEvent}, {@code
 * CrmEvent}), and a test checks that every implementation is registered.
 */
public interface PlatformEvent {

  /** The event's own id, a UUID string; the idempotency key of every consumer. */
  String id();

  /** When the fact happened, as seen by the service that publishes it. */
  Instant occurredAt();

  /** The Kafka record key of this event on its topic (see {@link Topics} for each topic's rule). */
  String partitionKey();

  /** A fresh event id. */
  static String newId() {
    return UUID.randomUUID().toString();
  }
}
