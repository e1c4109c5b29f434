package dev.switchboard.events.routing;

import dev.switchboard.events.SessionScoped;
import dev.switchboard.events.Topics;

/**
 * A routing decision about one session. Topic {@value Topics#ROUTING_EVENTS}, keyed by channel id;
 * session-service turns them into session facts, the gateway into offers on agents' screens.
 */
public sealed interface RoutingEvent extends SessionScoped
    permits OfferMade, OfferExpired, OfferWithdrawn, AgentAssigned, NoAgentAvailable {}
