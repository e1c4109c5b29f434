package dev.switchboard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.config.AgentDirectoryChanged;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ConnectorRegistrationChanged;
import dev.switchboard.events.crm.ClientRecognised;
import dev.switchboard.events.crm.CrmEvent;
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
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.events.session.AgentMessageSent;
import dev.switchboard.events.session.ClientErased;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.SessionAccepted;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionEvent;
import dev.switchboard.events.session.SessionMarkedUnanswered;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.events.session.SessionRated;
import dev.switchboard.events.session.SessionTransferred;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventRegistryTest {

  /**
   * Written out by hand on purpose: adding an event means adding it here, to the registry, the
   * samples and docs/topics.md.
   */
  private static final Map<Class<? extends PlatformEvent>, String> EXPECTED =
      Map.ofEntries(
          Map.entry(
              InboundMessageReceived.class, "dev.switchboard.inbound.InboundMessageReceived.v1"),
          Map.entry(
              OutboundMessageRequested.class,
              "dev.switchboard.outbound.OutboundMessageRequested.v1"),
          Map.entry(SessionOpened.class, "dev.switchboard.session.SessionOpened.v1"),
          Map.entry(
              ClientMessageReceived.class, "dev.switchboard.session.ClientMessageReceived.v1"),
          Map.entry(AgentMessageSent.class, "dev.switchboard.session.AgentMessageSent.v1"),
          Map.entry(SessionQueued.class, "dev.switchboard.session.SessionQueued.v1"),
          Map.entry(SessionAssigned.class, "dev.switchboard.session.SessionAssigned.v1"),
          Map.entry(SessionAccepted.class, "dev.switchboard.session.SessionAccepted.v1"),
          Map.entry(SessionTransferred.class, "dev.switchboard.session.SessionTransferred.v1"),
          Map.entry(SessionClosed.class, "dev.switchboard.session.SessionClosed.v1"),
          Map.entry(SessionRated.class, "dev.switchboard.session.SessionRated.v1"),
          Map.entry(
              SessionMarkedUnanswered.class, "dev.switchboard.session.SessionMarkedUnanswered.v1"),
          Map.entry(ClientErased.class, "dev.switchboard.session.ClientErased.v1"),
          Map.entry(OfferMade.class, "dev.switchboard.routing.OfferMade.v1"),
          Map.entry(OfferExpired.class, "dev.switchboard.routing.OfferExpired.v1"),
          Map.entry(OfferWithdrawn.class, "dev.switchboard.routing.OfferWithdrawn.v1"),
          Map.entry(AgentAssigned.class, "dev.switchboard.routing.AgentAssigned.v1"),
          Map.entry(NoAgentAvailable.class, "dev.switchboard.routing.NoAgentAvailable.v1"),
          Map.entry(ClientRecognised.class, "dev.switchboard.crm.ClientRecognised.v1"),
          Map.entry(LeadCreated.class, "dev.switchboard.crm.LeadCreated.v1"),
          Map.entry(ResponseLate.class, "dev.switchboard.kpi.ResponseLate.v1"),
          Map.entry(ChannelConfigChanged.class, "dev.switchboard.config.ChannelConfigChanged.v1"),
          Map.entry(AgentDirectoryChanged.class, "dev.switchboard.config.AgentDirectoryChanged.v1"),
          Map.entry(
              ConnectorRegistrationChanged.class,
              "dev.switchboard.config.ConnectorRegistrationChanged.v1"),
          Map.entry(
              AgentPresenceChanged.class, "dev.switchboard.presence.AgentPresenceChanged.v1"));

  @Test
  void everyEventIsRegisteredWithItsCloudEventsType() {
    Map<Class<? extends PlatformEvent>, String> registered =
        EventRegistry.all().stream()
            .collect(Collectors.toMap(EventType::eventClass, EventType::ceType));

    assertEquals(EXPECTED, registered);
  }

  @Test
  void cloudEventsTypesAreUniqueAndFollowTheNamingScheme() {
    List<String> ceTypes = EventRegistry.all().stream().map(EventType::ceType).toList();

    assertEquals(ceTypes.size(), new HashSet<>(ceTypes).size());
    for (EventType<?> type : EventRegistry.all()) {
      String expected =
          "^dev\\.switchboard\\.[a-z]+\\." + type.eventClass().getSimpleName() + "\\.v[0-9]+$";
      assertTrue(type.ceType().matches(expected), type.ceType());
    }
  }

  @Test
  void everyPlatformEventRecordOnTheClassPathIsRegistered() throws Exception {
    URL root = PlatformEvent.class.getResource("PlatformEvent.class");
    Path packageDir = Path.of(root.toURI()).getParent();
    Set<Class<?>> implementations = new HashSet<>();
    try (Stream<Path> files = Files.walk(packageDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String relative =
            packageDir
                .relativize(file)
                .toString()
                .replace(file.getFileSystem().getSeparator(), ".");
        Class<?> type =
            Class.forName(
                "dev.switchboard.events."
                    + relative.substring(0, relative.length() - ".class".length()));
        if (PlatformEvent.class.isAssignableFrom(type)
            && !type.isInterface()
            && !Modifier.isAbstract(type.getModifiers())) {
          implementations.add(type);
        }
      }
    }

    assertEquals(EXPECTED.keySet(), implementations);
    implementations.forEach(type -> assertTrue(type.isRecord(), type + " must be a record"));
  }

  @Test
  void everyPermittedEventOfASealedTopicInterfaceTravelsOnThatTopic() {
    Map<Class<?>, String> sealedTopics =
        Map.of(
            SessionEvent.class,
            Topics.SESSION_EVENTS,
            RoutingEvent.class,
            Topics.ROUTING_EVENTS,
            CrmEvent.class,
            Topics.CRM_EVENTS);

    sealedTopics.forEach(
        (topicInterface, topic) -> {
          Set<Class<?>> permitted = Set.of(topicInterface.getPermittedSubclasses());
          Set<Class<?>> onTopic =
              EventRegistry.onTopic(topic).stream()
                  .map(EventType::eventClass)
                  .collect(Collectors.toSet());
          assertEquals(permitted, onTopic, topic);
        });
  }

  @Test
  void everyRegisteredTopicIsAMainTopicAndEveryMainTopicCarriesEvents() {
    Set<String> mainTopics =
        Topics.mainTopics().stream().map(TopicSpec::name).collect(Collectors.toSet());
    Set<String> used =
        EventRegistry.all().stream().map(EventType::topic).collect(Collectors.toSet());

    assertEquals(mainTopics, used);
  }

  @Test
  void everyRegisteredEventHasASample() {
    assertEquals(EXPECTED.keySet(), SampleEvents.all().keySet());
  }

  @Test
  void everyEventIsKeyedByItsTopicsKeyRule() {
    for (PlatformEvent event : SampleEvents.all().values()) {
      String topic = EventRegistry.of(event).topic();
      String expected =
          switch (topic) {
            case Topics.INBOUND_MESSAGES -> "telegram:bot-4242:552093841";
            case Topics.OUTBOUND_MESSAGES -> "telegram:bot-4242:552093841";
            case Topics.CONFIG_AGENTS, Topics.PRESENCE -> "agent1";
            case Topics.CONFIG_CONNECTORS -> SampleEvents.CONNECTOR;
            default -> SampleEvents.CHANNEL;
          };
      assertEquals(expected, event.partitionKey(), event.getClass().getSimpleName());
    }
  }

  @Test
  void lookupsAnswerForKnownTypesAndFailClearlyForUnknownOnes() {
    assertEquals(Topics.SESSION_EVENTS, EventRegistry.topicOf(SessionOpened.class));
    assertEquals(
        SessionOpened.class,
        EventRegistry.byCeType("dev.switchboard.session.SessionOpened.v1").eventClass());
    assertTrue(EventRegistry.isKnown("dev.switchboard.kpi.ResponseLate.v1"));
    assertFalse(EventRegistry.isKnown("dev.switchboard.kpi.ResponseLate.v2"));
    assertFalse(EventRegistry.isKnown(null));
    assertThrows(
        UnknownEventTypeException.class, () -> EventRegistry.byCeType("com.example.Other"));
  }
}
