package dev.switchboard.routing.distribution.domain;

import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.NoAgentAvailable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Live routing state shared by every routing instance and every channel: presence, each agent's
 * open sessions (the load, across all channels), which agent has which session, and each channel's
 * waiting sessions in arrival order.
 *
 * <p>Every method that changes state is one atomic step, so two instances, or two channels handled
 * at the same time, can never give one session to two agents nor take an agent past a limit. {@link
 * #tryReserve} and {@link #claimNoAgentAnnouncement} record the event that announces their effect
 * in the same step; the {@link Announcer} then publishes it, and it is published again if that did
 * not happen.
 */
public interface LiveAgentState {

  /** The agents' live state, in any order; an agent never seen comes back offline with no load. */
  Map<String, AgentLiveState> agents(List<String> agentIds);

  /**
   * Puts the session at the end of its channel's waiting line, unless it is waiting, assigned, or
   * was closed after this same queueing event (a replay).
   */
  Enqueued enqueue(String channelId, String sessionId, String queuedEventId, Instant at);

  /** Up to {@code max} waiting sessions of the channel, oldest first. */
  List<String> waiting(String channelId, int max);

  /**
   * In one atomic step: checks that the session is still waiting, that the agent is online (when
   * asked), under the limit and (when given) still at the load the decision was based on; then adds
   * the session to the agent's open sessions, takes it off the waiting line, stamps the agent's
   * last assignment and records {@code decision} for publishing.
   */
  ReserveResult tryReserve(Reservation reservation);

  /**
   * Records {@code announcement} for publishing if the session is still waiting and no "no agent
   * available" was announced for it since it was queued; true when recorded.
   */
  boolean claimNoAgentAnnouncement(NoAgentAvailable announcement);

  /** Closes the session: takes it off its agent's open sessions or off the waiting line. */
  Released release(String channelId, String sessionId, Instant at);

  /** Records the agent's presence unless a later change is known; true when recorded. */
  boolean presenceChanged(String agentId, PresenceStatus status, boolean clockedIn, Instant at);

  enum Enqueued {
    QUEUED,
    ALREADY_WAITING,
    ALREADY_ASSIGNED,
    ALREADY_CLOSED
  }

  /**
   * @param sessionLimit Q7: fail with {@link ReserveResult#AT_CAPACITY} when the agent already has
   *     this many
   * @param expectedLoad fail with {@link ReserveResult#LOAD_CHANGED} when the agent's load is no
   *     longer this (another decision came first); empty to accept any load
   * @param requireOnline fail with {@link ReserveResult#AGENT_UNAVAILABLE} unless the agent is
   *     online
   */
  record Reservation(
      AgentAssigned decision,
      OptionalInt sessionLimit,
      OptionalInt expectedLoad,
      boolean requireOnline) {}

  enum ReserveResult {
    RESERVED,
    /** Assigned meanwhile, or closed: nothing to do for this session. */
    SESSION_NOT_WAITING,
    AT_CAPACITY,
    AGENT_UNAVAILABLE,
    LOAD_CHANGED
  }

  /**
   * @param agentId the agent whose load dropped, or null when the session was not assigned
   */
  record Released(String agentId) {}
}
