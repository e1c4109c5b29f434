package dev.switchboard.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.session.SessionOpened;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudEventHeadersTest {

  private static final String SESSION_SERVICE = "/switchboard/session-service";

  @Test
  void sessionEventHeadersCarryEveryAttributeInSpecOrderWithTheSessionAsSubject() {
    PlatformEvent opened = SampleEvents.all().get(SessionOpened.class);

    Map<String, String> headers = CloudEventHeaders.of(opened, SESSION_SERVICE);

    assertEquals(
        List.of(
            "ce_specversion",
            "ce_id",
            "ce_type",
            "ce_source",
            "ce_time",
            "ce_subject",
            "content-type"),
        List.copyOf(headers.keySet()));
    assertEquals("1.0", headers.get("ce_specversion"));
    assertEquals(opened.id(), headers.get("ce_id"));
    assertEquals("dev.switchboard.session.SessionOpened.v1", headers.get("ce_type"));
    assertEquals(SESSION_SERVICE, headers.get("ce_source"));
    assertEquals("2026-11-25T10:15:30Z", headers.get("ce_time"));
    assertEquals(SampleEvents.SESSION, headers.get("ce_subject"));
    assertEquals("application/json", headers.get("content-type"));
  }

  @Test
  void eventsWithoutASessionHaveNoSubject() {
    Map<String, String> headers =
        CloudEventHeaders.of(SampleEvents.inbound(), CloudEventHeaders.source("connector-gateway"));

    assertFalse(headers.containsKey("ce_subject"));
    assertEquals("/switchboard/connector-gateway", headers.get("ce_source"));
  }

  @Test
  void headersParseBackToTheSameAttributes() {
    PlatformEvent opened = SampleEvents.all().get(SessionOpened.class);
    CloudEventAttributes written = CloudEventHeaders.attributesOf(opened, SESSION_SERVICE);

    CloudEventAttributes parsed = CloudEventHeaders.parse(written.toHeaders());

    assertEquals(written, parsed);
    assertEquals(SampleEvents.AT, parsed.time());
  }

  @Test
  void headersAndValueTogetherGiveBackTheEvent() {
    PlatformEvent opened = SampleEvents.all().get(SessionOpened.class);
    Map<String, byte[]> kafkaLikeHeaders = new LinkedHashMap<>();
    CloudEventHeaders.of(opened, SESSION_SERVICE)
        .forEach((name, value) -> kafkaLikeHeaders.put(name, value.getBytes(UTF_8)));

    CloudEventAttributes attributes =
        CloudEventHeaders.parse(
            name ->
                kafkaLikeHeaders.containsKey(name)
                    ? new String(kafkaLikeHeaders.get(name), UTF_8)
                    : null);

    assertEquals(opened, EventJson.read(attributes, EventJson.write(opened)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ce_specversion", "ce_id", "ce_type", "ce_source"})
  void aMissingRequiredHeaderIsRejectedNamingIt(String header) {
    Map<String, String> headers =
        new LinkedHashMap<>(CloudEventHeaders.of(SampleEvents.inbound(), SESSION_SERVICE));
    headers.remove(header);

    InvalidCloudEventHeadersException error =
        assertThrows(
            InvalidCloudEventHeadersException.class, () -> CloudEventHeaders.parse(headers));

    assertEquals(header, error.header());
    assertTrue(error.getMessage().contains(header), error.getMessage());
  }

  @Test
  void aBlankRequiredHeaderCountsAsMissing() {
    Map<String, String> headers =
        new LinkedHashMap<>(CloudEventHeaders.of(SampleEvents.inbound(), SESSION_SERVICE));
    headers.put("ce_id", " ");

    InvalidCloudEventHeadersException error =
        assertThrows(
            InvalidCloudEventHeadersException.class, () -> CloudEventHeaders.parse(headers));

    assertEquals("ce_id", error.header());
  }

  @Test
  void timeSubjectAndContentTypeAreOptionalOnRead() {
    Map<String, String> minimal =
        Map.of(
            "ce_specversion",
            "1.0",
            "ce_id",
            "e1",
            "ce_type",
            "dev.switchboard.inbound.InboundMessageReceived.v1",
            "ce_source",
            "/my-connector");

    CloudEventAttributes parsed = CloudEventHeaders.parse(minimal);

    assertNull(parsed.time());
    assertNull(parsed.subject());
    assertEquals("application/json", parsed.contentType());
  }

  @Test
  void timeWithAnOffsetIsAccepted() {
    Map<String, String> headers =
        new LinkedHashMap<>(CloudEventHeaders.of(SampleEvents.inbound(), SESSION_SERVICE));
    headers.put("ce_time", "2026-11-25T11:15:30+01:00");

    assertEquals(SampleEvents.AT, CloudEventHeaders.parse(headers).time());
  }

  @Test
  void anotherSpecVersionABadTimeOrANonJsonContentTypeIsRejectedNamingTheHeader() {
    Map<String, String> valid = CloudEventHeaders.of(SampleEvents.inbound(), SESSION_SERVICE);

    assertEquals("ce_specversion", rejectedHeader(valid, "ce_specversion", "0.3"));
    assertEquals("ce_time", rejectedHeader(valid, "ce_time", "yesterday"));
    assertEquals(
        "content-type", rejectedHeader(valid, "content-type", "application/cloudevents+json"));
  }

  @Test
  void jsonContentTypeWithACharsetIsAccepted() {
    Map<String, String> headers =
        new LinkedHashMap<>(CloudEventHeaders.of(SampleEvents.inbound(), SESSION_SERVICE));
    headers.put("content-type", "application/json; charset=utf-8");

    assertEquals("application/json; charset=utf-8", CloudEventHeaders.parse(headers).contentType());
  }

  @Test
  void aCeIdThatDoesNotMatchThePayloadIdIsRejected() {
    CloudEventAttributes attributes =
        new CloudEventAttributes(
            "another-id",
            "dev.switchboard.inbound.InboundMessageReceived.v1",
            "/my-connector",
            null,
            null,
            null);

    InvalidCloudEventHeadersException error =
        assertThrows(
            InvalidCloudEventHeadersException.class,
            () -> EventJson.read(attributes, EventJson.write(SampleEvents.inbound())));

    assertEquals("ce_id", error.header());
  }

  private static String rejectedHeader(Map<String, String> valid, String header, String value) {
    Map<String, String> headers = new LinkedHashMap<>(valid);
    headers.put(header, value);
    return assertThrows(
            InvalidCloudEventHeadersException.class, () -> CloudEventHeaders.parse(headers))
        .header();
  }
}
