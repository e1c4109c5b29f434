package dev.switchboard.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ChannelSettings;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.outbound.ReplyButton;
import dev.switchboard.events.session.SessionEvent;
import dev.switchboard.events.session.SessionOpened;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

  private static final ObjectMapper TREE = new ObjectMapper();

  static Stream<PlatformEvent> everyEvent() {
    return SampleEvents.all().values().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyEvent")
  void everyEventReadsBackEqualToWhatWasWritten(PlatformEvent event) {
    byte[] json = EventJson.write(event);

    assertEquals(event, EventJson.read(json, event.getClass()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyEvent")
  void everyEventReadsBackByItsCloudEventsType(PlatformEvent event) {
    byte[] json = EventJson.write(event);

    assertEquals(event, EventJson.read(EventRegistry.of(event).ceType(), json));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyEvent")
  void everySampleSetsEveryFieldSoTheRoundTripCoversThemAll(PlatformEvent event) throws Exception {
    for (RecordComponent component : event.getClass().getRecordComponents()) {
      assertNotNull(
          component.getAccessor().invoke(event),
          event.getClass().getSimpleName() + "." + component.getName());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyEvent")
  void everyEventWritesExactlyItsRecordComponentsAsCamelCaseProperties(PlatformEvent event)
      throws Exception {
    JsonNode json = TREE.readTree(EventJson.write(event));

    Set<String> written = new HashSet<>();
    json.fieldNames().forEachRemaining(written::add);
    Set<String> components = new HashSet<>();
    Arrays.stream(event.getClass().getRecordComponents()).forEach(c -> components.add(c.getName()));
    assertEquals(
        components, written, "helper methods such as partitionKey() must not leak into the JSON");
  }

  @Test
  void instantsAreWrittenAsIso8601UtcStrings() throws Exception {
    JsonNode json = TREE.readTree(EventJson.write(SampleEvents.inbound()));

    assertEquals("2026-11-25T10:15:30Z", json.get("occurredAt").textValue());
    assertEquals("2026-11-25T10:15:29.250Z", json.get("sentAt").textValue());
  }

  @Test
  void inboundMessageJsonHasTheDocumentedShape() throws Exception {
    JsonNode json = TREE.readTree(EventJson.write(SampleEvents.inbound()));

    assertEquals("telegram", json.get("connectorType").textValue());
    assertEquals("bot-4242", json.get("accountId").textValue());
    assertEquals("552093841", json.get("externalChatId").textValue());
    assertEquals("María", json.get("client").get("firstName").textValue());
    assertEquals("IMAGE", json.get("attachments").get(0).get("type").textValue());
    assertEquals(48213, json.get("attachments").get(0).get("sizeBytes").intValue());
  }

  @Test
  void absentValuesAreOmittedNotWrittenAsNull() {
    OutboundMessageRequested automatic =
        new OutboundMessageRequested(
            PlatformEvent.newId(),
            "ch",
            "s",
            null,
            ConnectorType.LIVECHAT,
            "con",
            "widget-1",
            "visitor-9",
            OutboundMessageKind.AUTOMATIC_TEXT,
            "We are closed now.",
            null,
            null,
            null,
            SampleEvents.AT);

    String json = new String(EventJson.write(automatic), UTF_8);

    assertFalse(json.contains("null"), json);
    assertFalse(json.contains("\"sender\""), json);
    assertFalse(json.contains("\"messageId\""), json);
    assertEquals(automatic, EventJson.read(json.getBytes(UTF_8), OutboundMessageRequested.class));
  }

  @Test
  void missingListsReadAsEmptyLists() {
    String json =
        """
        {"id":"e1","connectorType":"custom","connectorId":"c1","accountId":"a1","externalChatId":"chat1",
         "externalMessageId":"m1","client":{"externalUserId":"u1"},"text":"hi","occurredAt":"2026-11-25T10:15:30Z"}
        """;

    InboundMessageReceived event =
        EventJson.read(json.getBytes(UTF_8), InboundMessageReceived.class);

    assertEquals(List.of(), event.attachments());
  }

  @Test
  void recordsWrittenBeforeButtonsExistedStillReadWithNoButtonsAndNoButtonValue() {
    String outbound =
        """
        {"id":"e2","channelId":"ch","sessionId":"s","connectorType":"telegram","connectorId":"c1",
         "accountId":"a1","externalChatId":"chat1","kind":"AGENT_REPLY","text":"hi",
         "attachments":[],"sender":{"agentId":"agent1","displayName":"Ana"},
         "occurredAt":"2026-11-25T10:15:30Z"}
        """;
    String inbound =
        """
        {"id":"e1","connectorType":"telegram","connectorId":"c1","accountId":"a1","externalChatId":"chat1",
         "externalMessageId":"m1","client":{"externalUserId":"u1"},"text":"hi","attachments":[],
         "occurredAt":"2026-11-25T10:15:30Z"}
        """;

    assertEquals(
        List.of(),
        EventJson.read(outbound.getBytes(UTF_8), OutboundMessageRequested.class).buttons());
    assertNull(EventJson.read(inbound.getBytes(UTF_8), InboundMessageReceived.class).buttonValue());
  }

  @Test
  void theConstructorsWithoutButtonsBuildTheSameRecordAsNoButtons() {
    OutboundMessageRequested sample = SampleEvents.outbound();
    OutboundMessageRequested withoutButtons =
        new OutboundMessageRequested(
            sample.id(),
            sample.channelId(),
            sample.sessionId(),
            sample.messageId(),
            sample.connectorType(),
            sample.connectorId(),
            sample.accountId(),
            sample.externalChatId(),
            sample.kind(),
            sample.text(),
            sample.attachments(),
            sample.sender(),
            sample.replyToExternalMessageId(),
            sample.occurredAt());
    InboundMessageReceived typed = SampleEvents.inbound();
    InboundMessageReceived withoutButtonValue =
        new InboundMessageReceived(
            typed.id(),
            typed.connectorType(),
            typed.connectorId(),
            typed.accountId(),
            typed.externalChatId(),
            typed.externalMessageId(),
            typed.client(),
            typed.text(),
            typed.attachments(),
            typed.sentAt(),
            typed.occurredAt());

    assertEquals(List.of(), withoutButtons.buttons());
    assertFalse(EventJson.writeString(withoutButtonValue).contains("buttonValue"));
    assertNull(withoutButtonValue.buttonValue());
  }

  @Test
  void buttonsOverTelegramsLimitsAreRefusedWhenTheMessageIsBuilt() {
    String sixtyFiveBytes = "é".repeat(32) + "x";
    IllegalArgumentException longValue =
        assertThrows(IllegalArgumentException.class, () -> new ReplyButton("ok", sixtyFiveBytes));
    assertTrue(longValue.getMessage().contains("button.value"), longValue.getMessage());
    assertEquals("é".repeat(32), new ReplyButton("ok", "é".repeat(32)).value());

    // 64 characters are fine even when they are emoji (two UTF-16 units each).
    assertEquals(64, new ReplyButton("⭐".repeat(64), "v").label().length());
    assertThrows(IllegalArgumentException.class, () -> new ReplyButton("a".repeat(65), "v"));
    assertThrows(IllegalArgumentException.class, () -> new ReplyButton(" ", "v"));
    assertThrows(IllegalArgumentException.class, () -> new ReplyButton("ok", ""));

    List<ReplyButton> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(new ReplyButton("b" + i, "v" + i));
    }
    IllegalArgumentException tooMany =
        assertThrows(IllegalArgumentException.class, () -> withButtons(eleven));
    assertTrue(tooMany.getMessage().contains("10"), tooMany.getMessage());
    assertEquals(10, withButtons(eleven.subList(0, 10)).buttons().size());
    assertThrows(
        IllegalArgumentException.class,
        () -> withButtons(List.of(new ReplyButton("Yes", "v"), new ReplyButton("Sure", "v"))));
  }

  private static OutboundMessageRequested withButtons(List<ReplyButton> buttons) {
    OutboundMessageRequested sample = SampleEvents.outbound();
    return new OutboundMessageRequested(
        sample.id(),
        sample.channelId(),
        sample.sessionId(),
        sample.messageId(),
        sample.connectorType(),
        sample.connectorId(),
        sample.accountId(),
        sample.externalChatId(),
        OutboundMessageKind.RATING_REQUEST,
        sample.text(),
        sample.attachments(),
        buttons,
        sample.sender(),
        sample.replyToExternalMessageId(),
        sample.occurredAt());
  }

  @Test
  void unknownPropertiesFromANewerProducerAreIgnored() {
    String json =
        """
        {"id":"e1","connectorType":"telegram","connectorId":"c1","accountId":"a1","externalChatId":"chat1",
         "externalMessageId":"m1","client":{"externalUserId":"u1","karma":42},"text":"hi",
         "replyMarkup":{"buttons":[1,2]},"priority":"HIGH","occurredAt":"2026-11-25T10:15:30Z"}
        """;

    InboundMessageReceived event =
        EventJson.read(json.getBytes(UTF_8), InboundMessageReceived.class);

    assertEquals("hi", event.text());
    assertEquals("u1", event.client().externalUserId());
  }

  @Test
  void instantsWithAnOffsetAreReadAsTheSameInstant() {
    String json =
        """
        {"id":"e1","connectorType":"telegram","connectorId":"c1","accountId":"a1","externalChatId":"chat1",
         "externalMessageId":"m1","client":{"externalUserId":"u1"},"occurredAt":"2026-11-25T11:15:30+01:00"}
        """;

    InboundMessageReceived event =
        EventJson.read(json.getBytes(UTF_8), InboundMessageReceived.class);

    assertEquals(SampleEvents.AT, event.occurredAt());
  }

  @Test
  void aMissingRequiredFieldIsAFormatErrorNamingTheField() {
    String json =
        """
        {"id":"e1","connectorType":"telegram","connectorId":"c1","accountId":"a1",
         "externalMessageId":"m1","client":{"externalUserId":"u1"},"occurredAt":"2026-11-25T10:15:30Z"}
        """;

    EventFormatException error =
        assertThrows(
            EventFormatException.class,
            () -> EventJson.read(json.getBytes(UTF_8), InboundMessageReceived.class));

    assertTrue(error.getMessage().contains("externalChatId"), error.getMessage());
  }

  @Test
  void anUnknownConnectorTypeIsAFormatErrorListingTheKnownOnes() {
    String json =
        EventJson.writeString(SampleEvents.inbound()).replace("\"telegram\"", "\"carrier-pigeon\"");

    EventFormatException error =
        assertThrows(
            EventFormatException.class,
            () -> EventJson.read(json.getBytes(UTF_8), InboundMessageReceived.class));

    assertTrue(error.getMessage().contains("carrier-pigeon"), error.getMessage());
    assertTrue(error.getMessage().contains("livechat"), error.getMessage());
  }

  @Test
  void malformedJsonEmptyPayloadsAndJsonNullAreFormatErrors() {
    assertThrows(
        EventFormatException.class,
        () -> EventJson.read("{\"id\":".getBytes(UTF_8), SessionOpened.class));
    assertThrows(
        EventFormatException.class, () -> EventJson.read(new byte[0], SessionOpened.class));
    assertThrows(
        EventFormatException.class, () -> EventJson.read((byte[]) null, SessionOpened.class));
    assertThrows(
        EventFormatException.class,
        () -> EventJson.read("null".getBytes(UTF_8), SessionOpened.class));
    assertThrows(
        EventFormatException.class,
        () -> EventJson.read("{} {}".getBytes(UTF_8), SessionOpened.class));
  }

  @Test
  void readingAnUnknownCloudEventsTypeFailsWithThatType() {
    UnknownEventTypeException error =
        assertThrows(
            UnknownEventTypeException.class,
            () ->
                EventJson.read(
                    "dev.switchboard.session.SessionTeleported.v1", "{}".getBytes(UTF_8)));

    assertEquals("dev.switchboard.session.SessionTeleported.v1", error.ceType());
  }

  @Test
  void readingWithAnExpectedTypeReturnsItOrFailsForAnotherTopicsEvent() {
    PlatformEvent opened = SampleEvents.all().get(SessionOpened.class);
    String openedType = EventRegistry.ceTypeOf(SessionOpened.class);

    SessionEvent read = EventJson.read(openedType, EventJson.write(opened), SessionEvent.class);
    assertEquals(opened, read);

    String inboundType = EventRegistry.ceTypeOf(InboundMessageReceived.class);
    byte[] inbound = EventJson.write(SampleEvents.inbound());
    assertThrows(
        EventFormatException.class, () -> EventJson.read(inboundType, inbound, SessionEvent.class));
  }

  @Test
  void channelSettingsSectionsTravelAsTopLevelPropertiesOfTheSettings() throws Exception {
    ChannelConfigChanged changed =
        (ChannelConfigChanged) SampleEvents.all().get(ChannelConfigChanged.class);

    JsonNode settings = TREE.readTree(EventJson.write(changed)).get("settings");

    List<String> names = new ArrayList<>();
    for (Iterator<String> it = settings.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    assertEquals(List.of("name", "active", "queue", "kpi"), names);
    assertEquals("EVENLY", settings.get("queue").get("distributionMode").textValue());
    ChannelSettings read =
        EventJson.read(EventJson.write(changed), ChannelConfigChanged.class).settings();
    assertEquals(60, read.section("kpi").orElseThrow().get("firstResponseSeconds").intValue());
  }

  @Test
  void aDeletedChannelNeedsNoSettings() {
    ChannelConfigChanged deleted =
        new ChannelConfigChanged(PlatformEvent.newId(), "ch-1", 9, true, null, SampleEvents.AT);

    ChannelConfigChanged read =
        EventJson.read(EventJson.write(deleted), ChannelConfigChanged.class);

    assertTrue(read.deleted());
    assertEquals(deleted, read);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ChannelConfigChanged(
                PlatformEvent.newId(), "ch-1", 9, false, null, SampleEvents.AT));
  }

  @Test
  void theDocumentedInboundExampleIsAValidEvent() throws Exception {
    byte[] example;
    try (var in = getClass().getResourceAsStream("/examples/inbound-message-received.json")) {
      example = in.readAllBytes();
    }

    PlatformEvent event =
        EventJson.read(EventRegistry.ceTypeOf(InboundMessageReceived.class), example);

    InboundMessageReceived inbound = assertInstanceOf(InboundMessageReceived.class, event);
    assertEquals("telegram:bot-4242:552093841", inbound.partitionKey());
  }

  @Test
  void newObjectMapperGivesAnIndependentlyConfiguredCopy() throws Exception {
    ObjectMapper mapper = EventJson.newObjectMapper();

    assertEquals(
        TREE.readTree(EventJson.write(SampleEvents.inbound())),
        TREE.readTree(mapper.writeValueAsBytes(SampleEvents.inbound())));
  }
}
