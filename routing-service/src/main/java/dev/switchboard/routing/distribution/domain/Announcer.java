package dev.switchboard.routing.distribution.domain;

import dev.switchboard.events.routing.RoutingEvent;

/**
 * Publishes a routing decision that {@link LiveAgentState} has already recorded, on {@code
 * oc.routing.events.v1}.
 */
public interface Announcer {

  void announce(RoutingEvent event);
}
