package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.session.SessionTransferred;
import dev.switchboard.session.conversation.domain.AccessDenied;
import dev.switchboard.session.conversation.domain.Caller;
import dev.switchboard.session.conversation.domain.SessionAccess;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.domain.SessionStateConflict;
import dev.switchboard.session.conversation.domain.TransferTargetUnknown;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.events.SessionEvents;
import dev.switchboard.session.conversation.store.OfferStore;
import dev.switchboard.session.conversation.store.SessionEntity;
import dev.switchboard.session.conversation.store.Transfer;
import dev.switchboard.session.directory.store.DirectoryStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Hands the session back to routing (issue 5): to another agent ({@code toAgentId}) or to a
 * channel's queue ({@code toChannelId}, which the session then belongs to). The session becomes
 * QUEUED without an agent and {@code SessionTransferred} goes out in the same transaction;
 * routing-service's next {@code AgentAssigned} names the new agent.
 */
@ApplicationScoped
public class TransferSession {

  private static final Logger LOG = Logger.getLogger(TransferSession.class);

  @Inject SessionGuard guard;
  @Inject DirectoryStore directory;
  @Inject OfferStore offers;
  @Inject SessionAnnouncements announcements;
  @Inject Clock clock;

  /** Exactly one of {@code toAgentId} and {@code toChannelId} is given. */
  public Uni<Transfer> transfer(
      String sessionId, Caller caller, String toAgentId, String toChannelId) {
    return guard.command(
        sessionId,
        caller,
        session -> {
          requireTransferable(session, caller, toAgentId);
          return requireTarget(toAgentId, toChannelId)
              .flatMap(ignored -> store(session, caller, toAgentId, toChannelId));
        });
  }

  private static void requireTransferable(SessionEntity session, Caller caller, String toAgentId) {
    if (!SessionAccess.mayTransfer(caller, session.assignedAgentId)) {
      throw new AccessDenied(
          "Only the session's agent, a supervisor or an administrator transfers it");
    }
    session.state.requireTransferable();
    if (toAgentId != null && toAgentId.equals(session.assignedAgentId)) {
      throw new SessionStateConflict(
          session.state, "The session is already assigned to " + toAgentId);
    }
  }

  private Uni<Void> requireTarget(String toAgentId, String toChannelId) {
    if (toAgentId != null) {
      return directory
          .agent(toAgentId)
          .invoke(
              agent -> {
                if (agent == null) {
                  throw new TransferTargetUnknown(
                      "toAgentId", "no agent " + toAgentId + " in the directory");
                }
              })
          .replaceWithVoid();
    }
    return directory
        .channel(toChannelId)
        .invoke(
            channel -> {
              if (channel == null || channel.deleted) {
                throw new TransferTargetUnknown("toChannelId", "no channel " + toChannelId);
              }
              if (!channel.active) {
                throw new TransferTargetUnknown(
                    "toChannelId",
                    "channel " + toChannelId + " is not active (O2): its agents cannot answer");
              }
            })
        .replaceWithVoid();
  }

  private Uni<Transfer> store(
      SessionEntity session, Caller caller, String toAgentId, String toChannelId) {
    Instant now = clock.instant();
    SessionTransferred event =
        SessionEvents.transferred(session, toAgentId, toChannelId, caller.id(), now);
    session.moveTo(SessionState.QUEUED);
    session.assignedAgentId = null;
    session.transferredFromAgentId = event.fromAgentId();
    if (toChannelId != null) {
      session.channelId = toChannelId;
    }
    return announcements
        .announce(event)
        .call(() -> offers.closeAllOf(session.id, OfferStore.TRANSFERRED, now))
        .invoke(
            () ->
                LOG.infof(
                    "Session %s of channel %s transferred from %s to %s by %s",
                    session.id,
                    event.channelId(),
                    event.fromAgentId(),
                    toAgentId != null ? "agent " + toAgentId : "channel " + toChannelId,
                    caller.id()))
        .replaceWith(
            new Transfer(
                session, event.fromAgentId(), toAgentId, toChannelId, caller.id(), event.id()));
  }
}
