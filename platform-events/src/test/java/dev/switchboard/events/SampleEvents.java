package dev.switchboard.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.common.AgentRef;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.common.Attachment;
import dev.switchboard.events.common.AttachmentType;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.config.AgentAbsence;
import dev.switchboard.events.config.AgentDirectoryChanged;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ChannelSettings;
import dev.switchboard.events.config.ConnectorRegistrationChanged;
import dev.switchboard.events.config.EncryptedSecrets;
import dev.switchboard.events.crm.ClientRecognised;
import dev.switchboard.events.crm.CrmEntityType;
import dev.switchboard.events.crm.LeadCreated;
import dev.switchboard.events.crm.LeadTrigger;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.events.kpi.ResponseLate;
import dev.switchboard.events.kpi.ResponseLimit;
import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.outbound.ReplyButton;
import dev.switchboard.events.presence.AgentPresenceChanged;
import dev.switchboard.events.presence.PresenceChangeReason;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.NoAgentReason;
import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.WithdrawalReason;
import dev.switchboard.events.session.AgentMessageSent;
import dev.switchboard.events.session.ClientErased;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.CloseReason;
import dev.switchboard.events.session.ClosedBy;
import dev.switchboard.events.session.QueueReason;
import dev.switchboard.events.session.SessionAccepted;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionMarkedUnanswered;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.events.session.SessionRated;
import dev.switchboard.events.session.SessionTransferred;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fully populated sample of every event type: every field set, so a round trip covers them all.
 */
final class SampleEvents {

  static final Instant AT = Instant.parse("2026-11-25T10:15:30Z");
  static final Instant SENT_AT = Instant.parse("2026-11-25T10:15:29.250Z");
  static final String CHANNEL = "7d0c6f7e-1f0a-4d55-9a43-2b7f3c3c9a10";
  static final String SESSION = "5b2f1a9e-8e4c-4b1f-a7c3-0e6d2f9b4c21";
  static final String CLIENT = "c3a8e2d4-6f71-4b0e-9d25-7a1f8c6e3b90";
  static final String CONNECTOR = "0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f";

  private SampleEvents() {}

  static ClientIdentity client() {
    return new ClientIdentity(
        "552093841",
        "María García",
        "María",
        "García",
        "mgarcia",
        "https://t.me/i/userpic/320/mgarcia.jpg",
        "maria@example.com",
        "+5491122334455",
        "es-AR");
  }

  static List<Attachment> attachments() {
    return List.of(
        new Attachment(
            AttachmentType.IMAGE,
            "https://files.example.com/a/1.jpg",
            "receipt.jpg",
            "image/jpeg",
            48213L));
  }

  static InboundMessageReceived inbound() {
    return new InboundMessageReceived(
        "3f8a2c1e-9b7d-4e6f-8a5c-2d1b0e9f8a7c",
        ConnectorType.TELEGRAM,
        CONNECTOR,
        "bot-4242",
        "552093841",
        "1001",
        client(),
        "Hola, ¿mi pedido ya salió?",
        "order:status",
        attachments(),
        SENT_AT,
        AT);
  }

  static OutboundMessageRequested outbound() {
    return new OutboundMessageRequested(
        "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
        CHANNEL,
        SESSION,
        "m-0002",
        ConnectorType.TELEGRAM,
        CONNECTOR,
        "bot-4242",
        "552093841",
        OutboundMessageKind.AGENT_REPLY,
        "¡Hola María! Sí, salió ayer.",
        attachments(),
        List.of(new ReplyButton("Gracias 👍", "thanks"), new ReplyButton("Otra pregunta", "more")),
        new AgentRef("agent1", "Ana Pérez", "https://cdn.example.com/agents/agent1.png"),
        "1001",
        AT);
  }

  static Map<Class<? extends PlatformEvent>, PlatformEvent> all() {
    ObjectNode queue = JsonNodeFactory.instance.objectNode();
    queue.put("distributionMode", "EVENLY");
    queue.putArray("members").addObject().put("type", "USER").put("id", "agent1");
    ObjectNode kpi = JsonNodeFactory.instance.objectNode().put("firstResponseSeconds", 60);
    Map<String, com.fasterxml.jackson.databind.JsonNode> sections = new LinkedHashMap<>();
    sections.put("queue", queue);
    sections.put("kpi", kpi);

    List<PlatformEvent> events =
        List.of(
            inbound(),
            outbound(),
            new SessionOpened(
                id(1),
                CHANNEL,
                SESSION,
                CLIENT,
                ConnectorType.TELEGRAM,
                CONNECTOR,
                "bot-4242",
                "552093841",
                client(),
                AT),
            new ClientMessageReceived(
                id(2),
                CHANNEL,
                SESSION,
                "m-0001",
                CLIENT,
                inbound().id(),
                "1001",
                "Hola",
                attachments(),
                SENT_AT,
                AT),
            new AgentMessageSent(
                id(3), CHANNEL, SESSION, "m-0002", "agent1", "¡Hola!", attachments(), AT),
            new SessionQueued(id(4), CHANNEL, SESSION, QueueReason.NEW_SESSION, "agent2", AT),
            new SessionAssigned(
                id(5),
                CHANNEL,
                SESSION,
                "agent1",
                AssignmentReason.OFFER_ACCEPTED,
                "agent2",
                id(6),
                AT),
            new SessionAccepted(id(6), CHANNEL, SESSION, "agent1", "offer-1", AT),
            new SessionTransferred(
                id(7),
                CHANNEL,
                SESSION,
                "agent1",
                "agent3",
                "8e7d6c5b-4a39-4281-9f0e-d1c2b3a49586",
                "supervisor1",
                AT),
            new SessionClosed(
                id(8),
                CHANNEL,
                SESSION,
                "agent1",
                ClosedBy.AGENT,
                "agent1",
                CloseReason.MANUAL,
                AT.plusSeconds(600),
                AT),
            new SessionRated(id(9), CHANNEL, SESSION, "agent1", 5, "¡Muy amable!", AT),
            new SessionMarkedUnanswered(
                id(10), CHANNEL, SESSION, "agent1", AT.minusSeconds(900), AT),
            new ClientErased(id(30), CHANNEL, SESSION, CLIENT, AT),
            new OfferMade(
                id(11),
                CHANNEL,
                SESSION,
                "offer-1",
                List.of("agent1", "agent2"),
                DistributionMode.ALL,
                AT.plusSeconds(60),
                AT),
            new OfferExpired(id(12), CHANNEL, SESSION, "offer-1", List.of("agent2"), AT),
            new OfferWithdrawn(
                id(13),
                CHANNEL,
                SESSION,
                "offer-1",
                List.of("agent2"),
                WithdrawalReason.ACCEPTED_BY_ANOTHER_AGENT,
                AT),
            new AgentAssigned(
                id(14),
                CHANNEL,
                SESSION,
                "agent1",
                AssignmentReason.RESPONSIBLE_PERSON,
                "offer-1",
                AT),
            new NoAgentAvailable(id(15), CHANNEL, SESSION, NoAgentReason.ALL_AT_CAPACITY, AT),
            new ClientRecognised(
                id(16),
                CHANNEL,
                SESSION,
                CLIENT,
                "bitrix24",
                CrmEntityType.CONTACT,
                "4711",
                "agent1",
                AT),
            new LeadCreated(
                id(17),
                CHANNEL,
                SESSION,
                CLIENT,
                "builtin",
                "lead-99",
                "agent1",
                ConnectorType.TELEGRAM,
                LeadTrigger.MANUAL,
                "agent1",
                AT),
            new ResponseLate(
                id(18),
                CHANNEL,
                SESSION,
                "agent1",
                ResponseLimit.FIRST_RESPONSE,
                "m-0001",
                AT.minusSeconds(90),
                60,
                30,
                "supervisor1",
                "Ana Pérez has not answered session 5b2f1a9e (https://switchboard.example.com/s/5b2f1a9e)",
                AT),
            new ChannelConfigChanged(
                id(19), CHANNEL, 7, false, new ChannelSettings("Soporte", true, sections), AT),
            new AgentDirectoryChanged(
                id(20),
                "agent1",
                3,
                false,
                "Ana Pérez",
                "https://cdn.example.com/agents/agent1.png",
                List.of("dept-sales", "dept-support"),
                false,
                List.of(
                    new AgentAbsence(
                        Instant.parse("2026-12-20T00:00:00Z"),
                        Instant.parse("2027-01-05T00:00:00Z"),
                        "VACATION")),
                AT),
            new ConnectorRegistrationChanged(
                id(21),
                CONNECTOR,
                CHANNEL,
                ConnectorType.TELEGRAM,
                "bot-4242",
                2,
                false,
                new EncryptedSecrets(
                    "AES-GCM", "k-2026-11", "q1w2e3r4t5y6u7i8", "c2VhbGVkIGJ5IFNlY3JldHNDaXBoZXI="),
                AT),
            new AgentPresenceChanged(
                id(22),
                "agent1",
                PresenceStatus.ONLINE,
                true,
                PresenceChangeReason.WEBSOCKET_CONNECTED,
                AT));

    Map<Class<? extends PlatformEvent>, PlatformEvent> byClass = new LinkedHashMap<>();
    for (PlatformEvent event : events) {
      byClass.put(event.getClass(), event);
    }
    return byClass;
  }

  private static String id(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }
}
