package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.session.SessionAccepted;
import dev.switchboard.session.conversation.domain.Reassignments;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.events.SessionEvents;
import dev.switchboard.session.conversation.store.OfferStore;
import dev.switchboard.session.conversation.store.ProcessedEvents;
import dev.switchboard.session.conversation.store.SessionEntity;
import dev.switchboard.session.conversation.store.SessionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Records routing's decision as the fact {@code SessionAssigned} (first-conversation step 4), in
 * the caller's transaction. An accepted offer ({@code OFFER_ACCEPTED}) is also published as {@code
 * SessionAccepted}; after a transfer, {@code previousAgentId} names the agent who had the session
 * before it. Every open offer of the session closes.
 */
@ApplicationScoped
public class RecordAssignment {

  private static final Logger LOG = Logger.getLogger(RecordAssignment.class);

  @Inject ProcessedEvents processed;
  @Inject SessionRepository sessions;
  @Inject OfferStore offers;
  @Inject SessionAnnouncements announcements;
  @Inject Clock clock;

  /**
   * Routing's {@code AgentAssigned}; true when the session changed. Ignored (and remembered as
   * handled) when the session is unknown, belongs to another channel or has moved on from QUEUED
   * (e.g. closed meanwhile), except the Q14 reassignment of an ASSIGNED session to the
   * CRM-responsible person ({@code RESPONSIBLE_PERSON}, another agent): recorded with {@code
   * previousAgentId} = the agent who had it.
   */
  public Uni<Boolean> on(AgentAssigned decision) {
    return processed
        .firstTimeForSession(ProcessedEvents.ROUTING, decision.id(), decision.sessionId())
        .flatMap(
            id ->
                id == null
                    ? Uni.createFrom().item(false)
                    : sessions.locked(id).flatMap(session -> decided(session, decision)));
  }

  /**
   * Q3: the agent's reply took the session's STRICT_ORDER offer from routing-service; recorded as
   * {@code AgentAssigned(OFFER_ACCEPTED)} would be, in the caller's transaction with the session
   * locked. The {@code SessionAccepted} it publishes is the cause of its {@code SessionAssigned}.
   */
  public Uni<Void> takenByReply(SessionEntity session, String agentId, String offerId) {
    return assign(session, agentId, AssignmentReason.OFFER_ACCEPTED, offerId, null, false);
  }

  private Uni<Boolean> decided(SessionEntity session, AgentAssigned decision) {
    if (session == null || !session.channelId.equals(decision.channelId())) {
      LOG.warnf(
          "AgentAssigned %s names session %s, which this service does not have in channel %s;"
              + " ignored",
          decision.id(), decision.sessionId(), decision.channelId());
      return Uni.createFrom().item(false);
    }
    boolean reassignment =
        Reassignments.toResponsiblePerson(
            session.state, session.assignedAgentId, decision.reason(), decision.agentId());
    // Also the AgentAssigned(OFFER_ACCEPTED) of an offer the agent's reply took (Q3): the reply
    // recorded the assignment already, so it changes nothing and emits nothing.
    if (!reassignment && !session.state.canMoveTo(SessionState.ASSIGNED)) {
      LOG.infof(
          "AgentAssigned %s (%s, offer %s) to %s ignored: the session is %s (assigned to %s)",
          decision.id(),
          decision.reason(),
          decision.offerId(),
          decision.agentId(),
          session.state,
          session.assignedAgentId);
      return Uni.createFrom().item(false);
    }
    return assign(
            session,
            decision.agentId(),
            decision.reason(),
            decision.offerId(),
            decision.id(),
            reassignment)
        .replaceWith(true);
  }

  /**
   * The assignment as facts, with the session locked: the session is the agent's, {@code
   * SessionAccepted} (for an accepted offer) then {@code SessionAssigned} go out, and every open
   * offer of the session closes.
   *
   * @param causedByEventId the {@code AgentAssigned} this records; null when routing's answer to
   *     this service's own accept decided it, and then the {@code SessionAccepted} it causes
   * @param reassignment Q14's move of an ASSIGNED session: the state stays, {@code previousAgentId}
   *     is the agent who had it
   */
  private Uni<Void> assign(
      SessionEntity session,
      String agentId,
      AssignmentReason reason,
      String offerId,
      String causedByEventId,
      boolean reassignment) {
    Instant now = clock.instant();
    String previous = reassignment ? session.assignedAgentId : session.transferredFromAgentId;
    if (!reassignment) {
      session.moveTo(SessionState.ASSIGNED);
    }
    session.assignedAgentId = agentId;
    session.transferredFromAgentId = null;
    SessionAccepted accepted = SessionEvents.accepted(session, agentId, offerId, now);
    String causedBy = causedByEventId != null ? causedByEventId : accepted.id();
    Uni<Void> announced =
        reason == AssignmentReason.OFFER_ACCEPTED
            ? announcements.announce(accepted)
            : Uni.createFrom().voidItem();
    return announced
        .call(
            () ->
                announcements.announce(
                    SessionEvents.assigned(session, reason, previous, causedBy, now)))
        .call(() -> offers.closeAllOf(session.id, OfferStore.ASSIGNED, now))
        .invoke(
            () ->
                LOG.infof(
                    "Session assigned to agent %s (%s, previously %s)", agentId, reason, previous));
  }
}
