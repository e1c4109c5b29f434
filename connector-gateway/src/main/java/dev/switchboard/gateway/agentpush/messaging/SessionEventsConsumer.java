package dev.switchboard.gateway.agentpush.messaging;

import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.session.ClientErased;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionEvent;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionTransferred;
import dev.switchboard.gateway.agentpush.domain.AgentFrame;
import dev.switchboard.gateway.agentpush.domain.AgentFrames;
import dev.switchboard.gateway.agentpush.store.FrameLog;
import dev.switchboard.gateway.agentpush.store.SessionDirectory;
import dev.switchboard.gateway.kafka.KafkaEvents;
import dev.switchboard.platform.runtime.messaging.GracefulStop;
import dev.switchboard.platform.runtime.messaging.TransientRetry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Turns {@value Topics#SESSION_EVENTS} into frames for the agents
 * (docs/flows/first-conversation.md, step 8). Every instance reads every event: it keeps the shared
 * session directory up to date and pushes to the sockets open on it. Idempotent: the directory is
 * overwritten with the same values, and a frame is stored once per event id; a redelivered event
 * may reach an open socket twice, with the same frame id.
 */
@ApplicationScoped
public class SessionEventsConsumer {

  /**
   * The session events that change the directory or become frames; the others (the agent's own
   * messages, queueing, ratings...) are skipped by their {@code ce_type} header, unread.
   */
  static final Set<String> HANDLED =
      KafkaEvents.ceTypes(
          SessionOpened.class,
          SessionAssigned.class,
          ClientMessageReceived.class,
          SessionClosed.class,
          SessionTransferred.class,
          ClientErased.class);

  @Inject SessionDirectory sessions;
  @Inject FrameLog frames;
  @Inject FramePusher pusher;
  @Inject GracefulStop gracefulStop;

  /**
   * Redis away (a restart, a failover, dropped connections) is waited out with the record
   * uncommitted: dead-lettered, the event would never reach the agents (issue 12, seen in ChaosIT:
   * every event of a 20 s cut).
   */
  @Inject TransientRetry retry;

  @Incoming("session-events")
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    // A record that fails because the service is stopping (Redis closed under it) is not
    // dead-lettered: it is left unacknowledged.
    return gracefulStop.handle(
        () ->
            KafkaEvents.readIf(record, HANDLED)
                .filter(SessionEvent.class::isInstance)
                .map(
                    event ->
                        retry.<Void>untilDone(
                            "Pushing " + record.topic() + "@" + record.offset(),
                            () -> handle((SessionEvent) event)))
                .orElseGet(Uni.createFrom()::voidItem));
  }

  private Uni<Void> handle(SessionEvent event) {
    if (event instanceof SessionOpened opened) {
      return sessions.opened(opened);
    }
    if (event instanceof SessionAssigned assigned) {
      return sessions
          .assigned(assigned)
          .flatMap(
              assignment ->
                  push(assigned.agentId(), AgentFrames.assigned(assigned, assignment.session()))
                      .chain(
                          () ->
                              takenAway(assigned, assignment.agentBefore())
                                  ? push(
                                      assigned.previousAgentId(),
                                      AgentFrames.reassignedAway(assigned))
                                  : Uni.createFrom().voidItem()));
    }
    if (event instanceof ClientMessageReceived message) {
      return sessions
          .find(message.sessionId())
          .flatMap(
              session ->
                  session.agentId() == null
                      ? Uni.createFrom().voidItem()
                      : push(session.agentId(), AgentFrames.message(message)));
    }
    if (event instanceof SessionClosed closed) {
      Uni<String> agentId =
          closed.agentId() != null
              ? Uni.createFrom().item(closed.agentId())
              : sessions.find(closed.sessionId()).map(session -> session.agentId());
      return agentId.flatMap(
          agent ->
              agent == null
                  ? Uni.createFrom().voidItem()
                  : push(agent, AgentFrames.closed(closed)));
    }
    if (event instanceof SessionTransferred transferred) {
      Uni<String> agentId =
          transferred.fromAgentId() != null
              ? Uni.createFrom().item(transferred.fromAgentId())
              : sessions.find(transferred.sessionId()).map(session -> session.agentId());
      return agentId.flatMap(
          previous ->
              sessions
                  .transferred(transferred)
                  .chain(
                      () ->
                          previous == null
                              ? Uni.createFrom().voidItem()
                              : push(previous, AgentFrames.transferred(transferred))));
    }
    if (event instanceof ClientErased erased) {
      return sessions
          .clientErased(erased.sessionId())
          .chain(() -> frames.forgetSession(erased.sessionId()));
    }
    return Uni.createFrom().voidItem();
  }

  /**
   * A session re-assigned while its agent still had it (Q14: routing moved it to the client's
   * CRM-responsible person, no {@code SessionTransferred} before): the previous agent, still the
   * directory's agent, is told with a {@code TRANSFERRED} frame. After an ordinary transfer the
   * directory already forgot that agent (who got {@code TRANSFERRED} from {@code
   * SessionTransferred}), so they are not told twice.
   */
  private static boolean takenAway(SessionAssigned assigned, String agentBefore) {
    String previous = assigned.previousAgentId();
    return previous != null
        && !previous.equals(assigned.agentId())
        && previous.equals(agentBefore)
        && assigned.reason() == AssignmentReason.RESPONSIBLE_PERSON;
  }

  private Uni<Void> push(String agentId, AgentFrame frame) {
    return pusher.push(agentId, frame);
  }
}
