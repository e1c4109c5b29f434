package dev.switchboard.events.routing;

/** How a channel distributes sessions among the agents of its queue. */
public enum DistributionMode {
  /** To the agent with the least current load (Q2). */
  EVENLY,
  /** To the first available agent in queue order, passing on after the idle time (Q3, Q5). */
  STRICT_ORDER,
  /** To every agent of the queue at once; the first to accept gets it (Q4). */
  ALL
}
