package dev.switchboard.routing.distribution.domain;

import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.routing.config.store.ConfigCopy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the in-memory domain tests share: a {@link Distributor} over {@link InMemoryLiveAgentState}
 * with a fake clock that starts at {@link #START}, a one-minute idle time (Q5) where a channel says
 * none, and the events it published, in order.
 */
abstract class InMemoryDistributorFixture {

  static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

  final MutableClock clock = new MutableClock(START);
  final ConfigCopy config = new ConfigCopy();
  final InMemoryLiveAgentState state = new InMemoryLiveAgentState();
  final List<RoutingEvent> published = new ArrayList<>();
  final Distributor distributor =
      new Distributor(config, state, published::add, clock, Duration.ofMinutes(1));
}
