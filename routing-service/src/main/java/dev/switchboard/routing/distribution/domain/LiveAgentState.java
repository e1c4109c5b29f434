package dev.switchboard.routing.distribution.domain;

import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

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

  /** Of these channels, those with at least one session waiting (a few round trips for all). */
  Set<String> channelsWithWaiting(Collection<String> channelIds);

  /** Up to {@code max} waiting sessions of the channel, oldest first. */
  List<String> waiting(String channelId, int max);

  /**
   * In one atomic step: checks that the session is still waiting, that the agent is available as
   * the reservation's {@link AvailabilityCheck} asks (online, clocked in), under the limit (open
   * sessions the exclusion leaves out aside, open offers included) and (when given) still at the
   * load the decision was based on; then adds the session to the agent's open sessions, takes it
   * off the waiting line, stamps the agent's last assignment and records {@code decision} for
   * publishing.
   */
  ReserveResult tryReserve(Reservation reservation);

  /**
   * Records {@code announcement} for publishing if the session is still waiting without an open
   * offer and no "no agent available" was announced for it since it was queued; true when recorded.
   * {@link dev.switchboard.events.routing.NoAgentReason#ALL_PASSED} is claimed apart from the other
   * reasons, so a session first announced as waiting can still be announced once as passed by
   * everyone.
   */
  boolean claimNoAgentAnnouncement(NoAgentAvailable announcement);

  // ---- Offers (STRICT_ORDER, ALL): every change below is one atomic step, like tryReserve ----

  /** How many open offers each agent holds, all channels. */
  Map<String, Integer> openOffers(List<String> agentIds);

  /** The session's open offer, if any. */
  Optional<OpenOffer> offerOfSession(String sessionId);

  /** The open offer, if it is still open. */
  Optional<OpenOffer> offer(String offerId);

  /** The open offers the agent holds. */
  List<OpenOffer> offersOf(String agentId);

  /**
   * Where a waiting session's offers stand: the queue position last offered (-1: none yet) and the
   * agents who passed on it in the current round (declined, let it expire, went away, refused).
   */
  OfferProgress progress(String sessionId);

  /**
   * In one atomic step: checks that the session is still waiting in the offer's channel without an
   * open offer, and that every agent of {@code made} is present as {@code availability} asks
   * (online, clocked in), has room under the limit counting open sessions and open offers, and did
   * not pass on the session in this round (unless {@code newRound}); then opens the offer (agents,
   * expiry, the session's position) and records {@code made} for publishing. A new round forgets
   * who passed.
   */
  OpenResult open(NewOffer offer);

  /**
   * In one atomic step: the agent takes the session's open offer {@code decision.offerId()}, held
   * by exactly {@code offerAgents}; checks availability and the limit (the offer's own place counts
   * as free), assigns the session as {@link #tryReserve} does, closes the offer and records {@code
   * decision} and {@code othersWithdrawn} (null when nobody else held it).
   */
  Accepted accept(
      AgentAssigned decision,
      List<String> offerAgents,
      OfferWithdrawn othersWithdrawn,
      OptionalInt sessionLimit,
      AvailabilityCheck availability,
      LimitExclusion exclusion);

  /**
   * Q7a/b: a message in an assigned session. An agent's message marks the session answered and
   * waiting for the client; a client's message ends the wait. A message older than the last one
   * recorded changes nothing. True when the agent's count toward a limit changed.
   */
  boolean messageInSession(String sessionId, String agentId, boolean fromAgent, Instant at);

  /** How many of each agent's open sessions do not count toward a limit under {@code exclusion}. */
  Map<String, Integer> excludedFromLimit(List<String> agentIds, LimitExclusion exclusion);

  /**
   * What an accept by this agent finds when it holds no open offer for the session: ALREADY_YOURS
   * (with the offer settled), TAKEN_BY_ANOTHER, EXPIRED, DECLINED, WITHDRAWN or NOT_OFFERED.
   */
  Accepted acceptanceOf(String sessionId, String agentId);

  /**
   * In one atomic step: the agents of {@code withdrawn} leave its offer (if they still hold it);
   * with {@code passes} they count as having passed on the session this round; an offer nobody
   * holds any more is closed; records {@code withdrawn}. True when anyone left.
   */
  boolean leave(OfferWithdrawn withdrawn, boolean passes);

  /**
   * In one atomic step, at most once per offer: if the offer is still open, held by exactly {@code
   * expired.agentIds()}, and its expiry is not after {@code now}, closes it, counts its agents as
   * having passed and records {@code expired}. True when this call expired it.
   */
  boolean expire(OfferExpired expired, Instant now);

  /**
   * In one atomic step, once per transfer event: the session leaves its agent (whose load drops)
   * and waits again, at the end of {@code channelId}'s line, as a new queueing (offers, passes and
   * the "no agent available" announcements start afresh).
   */
  Requeued requeue(String channelId, String sessionId, String transferEventId, Instant at);

  /**
   * @param requeued false when this transfer was already handled (a repeated event)
   * @param previousAgentId the agent the session left; null when it had none
   */
  record Requeued(boolean requeued, String previousAgentId) {}

  /**
   * ALL (Q4), in one atomic step: the one agent of {@code made} joins the session's open offer
   * {@code made.offerId()} if it is still open, the agent does not hold it, did not pass on the
   * session this round, is present as {@code availability} asks (online, clocked in) and has room
   * under the limit counting open offers; records {@code made} (the same offer id, naming just that
   * agent) for publishing.
   */
  JoinResult join(
      OfferMade made,
      OptionalInt sessionLimit,
      AvailabilityCheck availability,
      LimitExclusion exclusion);

  enum JoinResult {
    JOINED,
    OFFER_CLOSED,
    ALREADY_HOLDS,
    PASSED,
    AGENT_UNAVAILABLE,
    AT_CAPACITY
  }

  /**
   * Q14 for an assigned session, in one atomic step: checks that the session is assigned in {@code
   * reservation.decision().channelId()} to another agent who has not answered in it yet (Q7a's
   * record of {@code AgentMessageSent}), and that the decision's agent is present (as asked) with
   * room under the limit (as {@link #tryReserve}; the expected load is ignored); then the session
   * leaves the previous agent (whose load drops) for the decision's agent and {@code decision} is
   * recorded for publishing. A session is moved this way once per queueing (a later {@code
   * ClientRecognised} naming someone else leaves it with the person it was moved to).
   */
  Reassigned reassign(Reservation reservation);

  enum ReassignResult {
    REASSIGNED,
    /** Waiting, closed, unknown or in another channel. */
    NOT_ASSIGNED,
    /** The decision's agent has it already (a repeated event). */
    ALREADY_THEIRS,
    /** Moved to a responsible person once already in this assignment: not moved again. */
    ALREADY_MOVED,
    /** The current agent has answered the client: the session stays with them. */
    ANSWERED,
    AGENT_UNAVAILABLE,
    AT_CAPACITY
  }

  /**
   * @param previousAgentId the agent the session had (REASSIGNED, ANSWERED, AGENT_UNAVAILABLE,
   *     AT_CAPACITY), else null
   */
  record Reassigned(ReassignResult result, String previousAgentId) {}

  /** Ids of open offers whose expiry is not after {@code now}, soonest first. */
  List<String> dueOffers(Instant now, int max);

  /**
   * Closes the session: takes it off its agent's open sessions (also when held for a rating, Q7c)
   * or off the waiting line.
   */
  Released release(String channelId, String sessionId, Instant at);

  /**
   * Q7c, in one atomic step: an assigned session of {@code channelId} was closed while a rating is
   * awaited until {@code until}; it stays among its agent's open sessions (counting toward the
   * limit under any Q7a/b rule) until {@link #release} (the rating, the final close, or the wait
   * over: {@link #dueRatings}). Returns the agent who keeps it, or null when the session was not
   * assigned (the caller then closes it as usual).
   */
  String holdForRating(String channelId, String sessionId, Instant until, Instant at);

  /** Sessions held for a rating (Q7c) whose wait ended by {@code now}, soonest first. */
  List<String> dueRatings(Instant now, int max);

  /** The channel routing last knew the session in, if it knows the session. */
  Optional<String> channelOf(String sessionId);

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
   * @param availability fail with {@link ReserveResult#AGENT_UNAVAILABLE} unless the agent is
   *     online (and clocked in) as the channel asks; {@link AvailabilityCheck#OFF} checks nothing
   */
  record Reservation(
      AgentAssigned decision,
      OptionalInt sessionLimit,
      OptionalInt expectedLoad,
      AvailabilityCheck availability,
      LimitExclusion exclusion) {

    public Reservation(
        AgentAssigned decision,
        OptionalInt sessionLimit,
        OptionalInt expectedLoad,
        AvailabilityCheck availability) {
      this(decision, sessionLimit, expectedLoad, availability, LimitExclusion.NONE);
    }
  }

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

  /**
   * An open offer.
   *
   * @param agentIds who hold it, in queue order
   * @param queuePosition STRICT_ORDER: the position of its agent in the queue; -1 for ALL
   * @param expiresAt null when it does not expire (ALL)
   */
  record OpenOffer(
      String offerId,
      String channelId,
      String sessionId,
      DistributionMode mode,
      List<String> agentIds,
      int queuePosition,
      Instant expiresAt) {}

  /**
   * @param lastPosition the queue position last offered the session; -1 when none
   * @param passed the agents who passed on it in the current round
   */
  record OfferProgress(int lastPosition, Set<String> passed) {
    public static final OfferProgress NONE = new OfferProgress(-1, Set.of());
  }

  /**
   * @param made the announcement; its offerId, agentIds (queue order) and expiresAt are the offer
   * @param queuePosition STRICT_ORDER: the position of the agent offered; -1 for ALL
   * @param newRound the agents who passed on the session may be offered it again
   */
  record NewOffer(
      OfferMade made,
      int queuePosition,
      OptionalInt sessionLimit,
      AvailabilityCheck availability,
      boolean newRound,
      LimitExclusion exclusion) {

    public NewOffer(
        OfferMade made,
        int queuePosition,
        OptionalInt sessionLimit,
        AvailabilityCheck availability,
        boolean newRound) {
      this(made, queuePosition, sessionLimit, availability, newRound, LimitExclusion.NONE);
    }
  }

  enum OpenOutcome {
    OPENED,
    /** Assigned, closed or moved meanwhile. */
    SESSION_NOT_WAITING,
    /** Another decision offered it first. */
    ALREADY_OFFERED,
    /** One of the agents went away, filled up or passed meanwhile: decide again. */
    AGENT_CHANGED
  }

  /**
   * @param agentId with {@link OpenOutcome#AGENT_CHANGED}: the agent who can no longer be offered
   */
  record OpenResult(OpenOutcome outcome, String agentId) {}

  /** What became of an agent's acceptance, as the store saw it. */
  enum AcceptResult {
    ASSIGNED,
    /** The agent already has the session (a repeated accept). */
    ALREADY_YOURS,
    /**
     * Another agent has the session; told only to an agent who held an offer of it (anyone else
     * gets NOT_OFFERED, so an agent of another channel learns nothing of the session).
     */
    TAKEN_BY_ANOTHER,
    /** The agent's offer was withdrawn (the session closed, the agent went away). */
    WITHDRAWN,
    /** The agent's offer expired (Q5). */
    EXPIRED,
    /** The agent declined the offer. */
    DECLINED,
    /** The session was never offered to this agent (or is not waiting). */
    NOT_OFFERED,
    /** The agent is not online (or not clocked in, where the channel requires it). */
    AGENT_UNAVAILABLE,
    /** The agent has no room under the limit now. */
    AT_CAPACITY,
    /** The offer changed between the read and the step: read again. */
    OFFER_CHANGED
  }

  /**
   * @param offerId the offer settled (ASSIGNED, ALREADY_YOURS), else null
   */
  record Accepted(AcceptResult result, String offerId) {}
}
