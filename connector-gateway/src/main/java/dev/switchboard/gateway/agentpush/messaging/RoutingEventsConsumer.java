package dev.switchboard.gateway.agentpush.messaging;

import dev.switchboard.events.Topics;
import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.gateway.agentpush.domain.AgentFrame;
import dev.switchboard.gateway.agentpush.domain.AgentFrames;
import dev.switchboard.gateway.agentpush.store.SessionDirectory;
import dev.switchboard.gateway.kafka.KafkaEvents;
import dev.switchboard.platform.runtime.messaging.GracefulStop;
import dev.switchboard.platform.runtime.messaging.TransientRetry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Turns the offers of {@value Topics#ROUTING_EVENTS} into frames for the agents they name: {@code
 * OFFERED} to each agent of {@code OfferMade}, {@code OFFER_WITHDRAWN} and {@code OFFER_EXPIRED} to
 * each agent of {@code OfferWithdrawn} and {@code OfferExpired}. Every instance reads every event
 * (an agent's socket may be on any of them). Idempotent per event id: the frame log keeps a frame
 * once (same bytes on every instance), and an event this instance has already pushed is not sent to
 * its sockets again. Assignments reach the agent as {@code ASSIGNED} from session-service's {@code
 * SessionAssigned}, not from here.
 */
@ApplicationScoped
public class RoutingEventsConsumer {

  /** How many handled event ids this instance remembers to skip a redelivery. */
  static final int REMEMBERED_EVENTS = 10_000;

  /** Frame logs written at once for one offer. */
  static final int PUSH_CONCURRENCY = 4;

  /** The routing events that become frames; the others are skipped unread. */
  static final Set<String> HANDLED =
      KafkaEvents.ceTypes(OfferMade.class, OfferWithdrawn.class, OfferExpired.class);

  @Inject SessionDirectory sessions;
  @Inject FramePusher pusher;
  @Inject GracefulStop gracefulStop;

  /**
   * Redis away (a restart, a failover, dropped connections) is waited out with the record
   * uncommitted: dead-lettered, the event would never reach the agents (issue 12, seen in ChaosIT:
   * every event of a 20 s cut).
   */
  @Inject TransientRetry retry;

  private final Set<String> handled =
      Collections.synchronizedSet(
          Collections.newSetFromMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > REMEMBERED_EVENTS;
                }
              }));

  @Incoming("routing-events")
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    // A record that fails because the service is stopping is left unacknowledged, not
    // dead-lettered.
    return gracefulStop.handle(
        () ->
            KafkaEvents.readIf(record, HANDLED)
                .filter(RoutingEvent.class::isInstance)
                .map(
                    event ->
                        retry.<Void>untilDone(
                            "Pushing " + record.topic() + "@" + record.offset(),
                            () -> handleOnce((RoutingEvent) event)))
                .orElseGet(Uni.createFrom()::voidItem));
  }

  private Uni<Void> handleOnce(RoutingEvent event) {
    if (handled.contains(event.id())) {
      return Uni.createFrom().voidItem();
    }
    return handle(event).invoke(() -> handled.add(event.id()));
  }

  private Uni<Void> handle(RoutingEvent event) {
    if (event instanceof OfferMade offer) {
      return sessions
          .find(offer.sessionId())
          .flatMap(session -> pushToEach(offer.agentIds(), AgentFrames.offered(offer, session)));
    }
    if (event instanceof OfferWithdrawn withdrawn) {
      return pushToEach(withdrawn.agentIds(), AgentFrames.offerWithdrawn(withdrawn));
    }
    if (event instanceof OfferExpired expired) {
      return pushToEach(expired.agentIds(), AgentFrames.offerExpired(expired));
    }
    // AgentAssigned reaches the agent as SessionAssigned; NoAgentAvailable is for no agent.
    return Uni.createFrom().voidItem();
  }

  /**
   * To a few agents at a time: each has a frame log of its own, and there is no order between them;
   * bounded, so that an offer to a large team does not exhaust the Redis pool.
   */
  private Uni<Void> pushToEach(List<String> agentIds, AgentFrame frame) {
    return Multi.createFrom()
        .iterable(agentIds.stream().distinct().toList())
        .onItem()
        .transformToUni(agentId -> pusher.push(agentId, frame))
        .merge(PUSH_CONCURRENCY)
        .collect()
        .last()
        .replaceWithVoid();
  }
}
