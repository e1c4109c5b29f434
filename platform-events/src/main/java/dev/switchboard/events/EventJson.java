package dev.switchboard.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON form of every event: camelCase properties (the record component names), instants as
 * ISO-8601 UTC strings ({@code 2026-11-25T10:15:30Z}), absent values omitted, and unknown
 * properties ignored on read so a newer producer's extra fields do not break an older consumer.
 *
 * <p>Use this, not a framework's shared {@code ObjectMapper}: the REST layer has other rules (it
 * rejects unknown fields and writes {@code null}s).
 */
public final class EventJson {

  private static final ObjectMapper MAPPER = newObjectMapper();

  private EventJson() {}

  /**
   * A new mapper configured for events, for callers that need one of their own (e.g. a Kafka
   * serde).
   */
  public static ObjectMapper newObjectMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }

  /** The event as UTF-8 JSON. */
  public static byte[] write(PlatformEvent event) {
    Checks.requireValue(event, "event");
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "Cannot write " + event.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** The event as a JSON string, for logs, tests and examples. */
  public static String writeString(PlatformEvent event) {
    return new String(write(event), StandardCharsets.UTF_8);
  }

  /**
   * Reads JSON as {@code type}.
   *
   * @throws EventFormatException when the JSON is malformed or misses a required field
   */
  public static <T> T read(byte[] json, Class<T> type) {
    Checks.requireValue(type, "type");
    if (json == null || json.length == 0) {
      throw new EventFormatException(
          "No payload to read as " + type.getSimpleName() + " (a tombstone?)");
    }
    T value;
    try {
      value = MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new EventFormatException(
          "Invalid " + type.getSimpleName() + " JSON: " + describe(e), e);
    }
    if (value == null) {
      throw new EventFormatException("JSON null is not a " + type.getSimpleName());
    }
    return value;
  }

  /**
   * Reads the event whose CloudEvents type is {@code ceType}.
   *
   * @throws UnknownEventTypeException when {@code ceType} is not registered
   * @throws EventFormatException when the JSON is not a valid event of that type
   */
  public static PlatformEvent read(String ceType, byte[] json) {
    return read(json, EventRegistry.byCeType(ceType).eventClass());
  }

  /**
   * Reads the event whose CloudEvents type is {@code ceType} and checks it is an {@code expected},
   * e.g. a {@code SessionEvent} on the session topic.
   */
  public static <T> T read(String ceType, byte[] json, Class<T> expected) {
    PlatformEvent event = read(ceType, json);
    if (!expected.isInstance(event)) {
      throw new EventFormatException(ceType + " is not a " + expected.getSimpleName());
    }
    return expected.cast(event);
  }

  /**
   * Reads the event a Kafka record carries, given its parsed CloudEvents headers, and checks that
   * {@code ce_id} is the event's {@code id}.
   */
  public static PlatformEvent read(CloudEventAttributes attributes, byte[] json) {
    PlatformEvent event = read(attributes.type(), json);
    if (!attributes.id().equals(event.id())) {
      throw new InvalidCloudEventHeadersException(
          CloudEventHeaders.ID,
          "ce_id '" + attributes.id() + "' does not match the payload's id '" + event.id() + "'");
    }
    return event;
  }

  private static String describe(IOException e) {
    return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
  }
}
