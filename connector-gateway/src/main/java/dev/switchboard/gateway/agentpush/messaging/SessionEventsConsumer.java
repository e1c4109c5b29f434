package dev.switchboard.gateway.agentpush.messaging;

import dev.switchboard.events.Topics;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionEvent;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionTransferred;
import dev.switchboard.gateway.agentpush.domain.AgentFrame;
import dev.switchboard.gateway.agentpush.domain.AgentFrames;
import dev.switchboard.gateway.agentpush.store.SessionDirectory;
import dev.switchboard.gateway.kafka.KafkaEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

  @Inject SessionDirectory sessions;
  @Inject FramePusher pusher;

  @Incoming("session-events")
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return KafkaEvents.read(record)
        .filter(SessionEvent.class::isInstance)
        .map(event -> handle((SessionEvent) event))
        .orElseGet(Uni.createFrom()::voidItem);
  }

  private Uni<Void> handle(SessionEvent event) {
    if (event instanceof SessionOpened opened) {
      return sessions.opened(opened);
    }
    if (event instanceof SessionAssigned assigned) {
      return sessions
          .assigned(assigned)
          .flatMap(session -> push(assigned.agentId(), AgentFrames.assigned(assigned, session)));
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
    return Uni.createFrom().voidItem();
  }

  private Uni<Void> push(String agentId, AgentFrame frame) {
    return pusher.push(agentId, frame);
  }
}
