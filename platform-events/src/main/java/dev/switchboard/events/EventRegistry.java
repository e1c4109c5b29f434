package dev.switchboard.events;

import dev.switchboard.events.config.AgentDirectoryChanged;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ConnectorRegistrationChanged;
import dev.switchboard.events.crm.ClientRecognised;
import dev.switchboard.events.crm.LeadCreated;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.events.kpi.ResponseLate;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.presence.AgentPresenceChanged;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.session.AgentMessageSent;
import dev.switchboard.events.session.ClientErased;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.SessionAccepted;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionMarkedUnanswered;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.events.session.SessionRated;
import dev.switchboard.events.session.SessionTransferred;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every event class with its CloudEvents type and its topic.
 *
 * <p>The {@code ce_type} scheme is {@code dev.switchboard.<area>.<EventName>.v<version>}, where
 * {@code area} is the topic's area ({@code inbound}, {@code outbound}, {@code session}, {@code
 * routing}, {@code crm}, {@code kpi}, {@code config}, {@code presence}), {@code EventName} is the
 * record's simple name and {@code version} is the version of the event's JSON shape. Additive
 * changes keep the version; an incompatible change is a new type ({@code .v2}), published next to
 * the old one until every consumer reads it.
 */
public final class EventRegistry {

  public static final String CE_TYPE_PREFIX = "dev.switchboard.";

  private static final List<EventType<?>> ALL =
      List.of(
          type(InboundMessageReceived.class, "inbound", Topics.INBOUND_MESSAGES),
          type(OutboundMessageRequested.class, "outbound", Topics.OUTBOUND_MESSAGES),
          type(SessionOpened.class, "session", Topics.SESSION_EVENTS),
          type(ClientMessageReceived.class, "session", Topics.SESSION_EVENTS),
          type(AgentMessageSent.class, "session", Topics.SESSION_EVENTS),
          type(SessionQueued.class, "session", Topics.SESSION_EVENTS),
          type(SessionAssigned.class, "session", Topics.SESSION_EVENTS),
          type(SessionAccepted.class, "session", Topics.SESSION_EVENTS),
          type(SessionTransferred.class, "session", Topics.SESSION_EVENTS),
          type(SessionClosed.class, "session", Topics.SESSION_EVENTS),
          type(SessionRated.class, "session", Topics.SESSION_EVENTS),
          type(SessionMarkedUnanswered.class, "session", Topics.SESSION_EVENTS),
          type(ClientErased.class, "session", Topics.SESSION_EVENTS),
          type(OfferMade.class, "routing", Topics.ROUTING_EVENTS),
          type(OfferExpired.class, "routing", Topics.ROUTING_EVENTS),
          type(OfferWithdrawn.class, "routing", Topics.ROUTING_EVENTS),
          type(AgentAssigned.class, "routing", Topics.ROUTING_EVENTS),
          type(NoAgentAvailable.class, "routing", Topics.ROUTING_EVENTS),
          type(ClientRecognised.class, "crm", Topics.CRM_EVENTS),
          type(LeadCreated.class, "crm", Topics.CRM_EVENTS),
          type(ResponseLate.class, "kpi", Topics.KPI_ALERTS),
          type(ChannelConfigChanged.class, "config", Topics.CONFIG_CHANNELS),
          type(AgentDirectoryChanged.class, "config", Topics.CONFIG_AGENTS),
          type(ConnectorRegistrationChanged.class, "config", Topics.CONFIG_CONNECTORS),
          type(AgentPresenceChanged.class, "presence", Topics.PRESENCE));

  private static final Map<Class<?>, EventType<?>> BY_CLASS = indexByClass(ALL);
  private static final Map<String, EventType<?>> BY_CE_TYPE = indexByCeType(ALL);

  private EventRegistry() {}

  /** Every registered event, grouped by topic in catalogue order. */
  public static List<EventType<?>> all() {
    return ALL;
  }

  /** The registration of an event class; fails for a class that is not registered. */
  @SuppressWarnings("unchecked")
  public static <T extends PlatformEvent> EventType<T> of(Class<T> eventClass) {
    EventType<?> type = BY_CLASS.get(eventClass);
    if (type == null) {
      throw new IllegalArgumentException(eventClass.getName() + " is not a registered event");
    }
    return (EventType<T>) type;
  }

  public static EventType<?> of(PlatformEvent event) {
    return of(event.getClass());
  }

  public static String ceTypeOf(Class<? extends PlatformEvent> eventClass) {
    return of(eventClass).ceType();
  }

  public static String topicOf(Class<? extends PlatformEvent> eventClass) {
    return of(eventClass).topic();
  }

  public static Optional<EventType<?>> find(String ceType) {
    return Optional.ofNullable(ceType == null ? null : BY_CE_TYPE.get(ceType));
  }

  /**
   * The registration of a CloudEvents type; fails with {@link UnknownEventTypeException} for an
   * unknown one.
   */
  public static EventType<?> byCeType(String ceType) {
    return find(ceType).orElseThrow(() -> new UnknownEventTypeException(ceType));
  }

  /**
   * Whether this library knows {@code ceType}; a consumer skips records of types it does not know.
   */
  public static boolean isKnown(String ceType) {
    return find(ceType).isPresent();
  }

  /** The events that travel on {@code topic}. */
  public static List<EventType<?>> onTopic(String topic) {
    return ALL.stream().filter(t -> t.topic().equals(topic)).toList();
  }

  private static <T extends PlatformEvent> EventType<T> type(
      Class<T> eventClass, String area, String topic) {
    return new EventType<>(
        eventClass, CE_TYPE_PREFIX + area + '.' + eventClass.getSimpleName() + ".v1", topic);
  }

  private static Map<Class<?>, EventType<?>> indexByClass(List<EventType<?>> types) {
    Map<Class<?>, EventType<?>> byClass = new LinkedHashMap<>();
    for (EventType<?> type : types) {
      if (byClass.put(type.eventClass(), type) != null) {
        throw new IllegalStateException(type.eventClass() + " is registered twice");
      }
    }
    return Map.copyOf(byClass);
  }

  private static Map<String, EventType<?>> indexByCeType(List<EventType<?>> types) {
    Map<String, EventType<?>> byCeType = new LinkedHashMap<>();
    for (EventType<?> type : types) {
      if (byCeType.put(type.ceType(), type) != null) {
        throw new IllegalStateException(
            "CloudEvents type " + type.ceType() + " is registered twice");
      }
    }
    return Map.copyOf(byCeType);
  }
}
