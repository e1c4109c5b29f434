package dev.switchboard.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * CloudEvents 1.0 attributes as Kafka headers (binary content mode, Kafka protocol binding): {@code
 * ce_specversion}, {@code ce_id}, {@code ce_type}, {@code ce_source}, {@code ce_time}, optional
 * {@code ce_subject}, and {@code content-type}. Header values are UTF-8 strings; this class knows
 * nothing of Kafka's types, so callers copy the map into their record's headers:
 *
 * <pre>{@code
 * CloudEventHeaders.of(event, "/switchboard/session-service")
 *     .forEach((name, value) -> record.headers().add(name, value.getBytes(UTF_8)));
 * }</pre>
 */
public final class CloudEventHeaders {

  public static final String SPECVERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String TYPE = "ce_type";
  public static final String SOURCE = "ce_source";
  public static final String TIME = "ce_time";
  public static final String SUBJECT = "ce_subject";
  public static final String CONTENT_TYPE = "content-type";

  public static final String SPEC_VERSION_1_0 = "1.0";
  public static final String JSON = "application/json";

  /** The prefix of the platform services' {@code ce_source}: {@code /switchboard/<service>}. */
  public static final String SOURCE_PREFIX = "/switchboard/";

  private CloudEventHeaders() {}

  /** The {@code ce_source} of a platform service, e.g. {@code source("session-service")}. */
  public static String source(String serviceName) {
    return SOURCE_PREFIX + Checks.requireText(serviceName, "serviceName");
  }

  /**
   * The attributes of an event published by {@code source}; the subject is the session id, when
   * there is one.
   */
  public static CloudEventAttributes attributesOf(PlatformEvent event, String source) {
    Checks.requireValue(event, "event");
    String subject = event instanceof SessionScoped scoped ? scoped.sessionId() : null;
    return new CloudEventAttributes(
        event.id(), EventRegistry.of(event).ceType(), source, event.occurredAt(), subject, JSON);
  }

  /** The headers of an event published by {@code source}, ordered as the spec lists them. */
  public static Map<String, String> of(PlatformEvent event, String source) {
    return attributesOf(event, source).toHeaders();
  }

  /** Parses and validates headers given as a map of names to UTF-8 values. */
  public static CloudEventAttributes parse(Map<String, String> headers) {
    Checks.requireValue(headers, "headers");
    return parse(headers::get);
  }

  /**
   * Parses and validates headers looked up by name (for Kafka: the last header of that name,
   * decoded as UTF-8, or {@code null}).
   *
   * @throws InvalidCloudEventHeadersException naming the first header that is missing or wrong
   */
  public static CloudEventAttributes parse(Function<String, String> header) {
    String specVersion = required(header, SPECVERSION);
    if (!SPEC_VERSION_1_0.equals(specVersion)) {
      throw new InvalidCloudEventHeadersException(
          SPECVERSION,
          "Unsupported " + SPECVERSION + " '" + specVersion + "'; expected " + SPEC_VERSION_1_0);
    }
    String id = required(header, ID);
    String type = required(header, TYPE);
    String source = required(header, SOURCE);
    Instant time = parseTime(header.apply(TIME));
    String subject = blankToNull(header.apply(SUBJECT));
    String contentType = blankToNull(header.apply(CONTENT_TYPE));
    if (contentType != null && !isJson(contentType)) {
      throw new InvalidCloudEventHeadersException(
          CONTENT_TYPE,
          "Unsupported "
              + CONTENT_TYPE
              + " '"
              + contentType
              + "'; expected "
              + JSON
              + " (binary content mode: attributes in ce_* headers, the event's JSON as the value)");
    }
    return new CloudEventAttributes(
        id, type, source, time, subject, contentType == null ? JSON : contentType);
  }

  private static String required(Function<String, String> header, String name) {
    String value = blankToNull(header.apply(name));
    if (value == null) {
      throw new InvalidCloudEventHeadersException(
          name, "Missing required CloudEvents header " + name);
    }
    return value;
  }

  private static Instant parseTime(String value) {
    if (blankToNull(value) == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidCloudEventHeadersException(
          TIME,
          "Invalid "
              + TIME
              + " '"
              + value
              + "'; expected an RFC 3339 timestamp such as 2026-11-25T10:15:30Z");
    }
  }

  private static boolean isJson(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaType.equals(JSON);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
