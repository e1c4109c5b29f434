package dev.switchboard.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CloudEvents 1.0 attributes of one Kafka record (binary content mode: the attributes are
 * headers, the value is the event's JSON).
 *
 * @param id {@code ce_id}: the event's id
 * @param type {@code ce_type}: see {@link EventRegistry}
 * @param source {@code ce_source}: who published it, e.g. {@code /switchboard/session-service}
 * @param time {@code ce_time}: when it happened; always sent by the platform, optional on read
 * @param subject {@code ce_subject}: the session id, for session-scoped events
 * @param contentType {@code content-type}: {@value CloudEventHeaders#JSON}
 */
public record CloudEventAttributes(
    String id, String type, String source, Instant time, String subject, String contentType) {

  public CloudEventAttributes {
    Checks.requireText(id, "id");
    Checks.requireText(type, "type");
    Checks.requireText(source, "source");
    contentType = contentType == null ? CloudEventHeaders.JSON : contentType;
  }

  public String specVersion() {
    return CloudEventHeaders.SPEC_VERSION_1_0;
  }

  /**
   * The attributes as Kafka header names and values, in a stable order; absent ones are left out.
   */
  public Map<String, String> toHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(CloudEventHeaders.SPECVERSION, CloudEventHeaders.SPEC_VERSION_1_0);
    headers.put(CloudEventHeaders.ID, id);
    headers.put(CloudEventHeaders.TYPE, type);
    headers.put(CloudEventHeaders.SOURCE, source);
    if (time != null) {
      headers.put(CloudEventHeaders.TIME, time.toString());
    }
    if (subject != null) {
      headers.put(CloudEventHeaders.SUBJECT, subject);
    }
    headers.put(CloudEventHeaders.CONTENT_TYPE, contentType);
    return Collections.unmodifiableMap(headers);
  }
}
