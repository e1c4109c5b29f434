package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.store.SessionEntity;
import dev.switchboard.session.timers.SessionTimers;
import dev.switchboard.session.timers.TimerKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The two clocks of a conversation, on durable timers: A3 runs from the client's first message that
 * no agent has answered yet (the session is marked unanswered when it runs out, {@link
 * MarkUnanswered}); A7 runs from the agent's last message while the client is silent (the session
 * closes when it runs out, {@link CloseOnClientSilence}). Each message stops the other side's
 * clock. Called in the message's transaction, with the session locked.
 */
@ApplicationScoped
public class ConversationClocks {

  /** The states in which the client waits for a person's answer. */
  static final Set<SessionState> AWAITING_AN_ANSWER =
      EnumSet.of(SessionState.QUEUED, SessionState.ASSIGNED, SessionState.ANSWERED);

  @Inject SessionTimers timers;

  /** The client wrote: A7 stops; A3 starts unless it runs already (or the mark is set). */
  public Uni<Void> clientWrote(SessionEntity session, ChannelSections settings, Instant at) {
    Integer unanswered = settings.automation().unansweredAfterSeconds();
    Uni<Void> timeout = timers.cancel(TimerKind.CONVERSATION_TIMEOUT, session.id);
    if (unanswered == null
        || session.unansweredSince != null
        || !AWAITING_AN_ANSWER.contains(session.state)) {
      return timeout;
    }
    return timeout.chain(
        () ->
            timers.scheduleIfAbsent(
                TimerKind.UNANSWERED, session.id, at.plus(Duration.ofSeconds(unanswered))));
  }

  /** The agent answered: A3 stops and its mark goes; A7 starts (again) from now. */
  public Uni<Void> agentWrote(SessionEntity session, ChannelSections settings, Instant at) {
    session.unansweredSince = null;
    Integer timeout = settings.automation().conversationTimeoutSeconds();
    Uni<Void> unanswered = timers.cancel(TimerKind.UNANSWERED, session.id);
    if (timeout == null) {
      return unanswered;
    }
    return unanswered.chain(
        () ->
            timers.schedule(
                TimerKind.CONVERSATION_TIMEOUT, session.id, at.plus(Duration.ofSeconds(timeout))));
  }
}
