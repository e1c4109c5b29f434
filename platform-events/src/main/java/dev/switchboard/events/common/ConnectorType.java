package dev.switchboard.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kind of connector a message came through. On the wire (JSON and record keys) it is the
 * lower-case {@link #wireName()}: {@code telegram}, {@code facebook}, ... A messenger without its
 * own value uses {@code custom}.
 */
public enum ConnectorType {
  TELEGRAM("telegram"),
  FACEBOOK("facebook"),
  INSTAGRAM("instagram"),
  WHATSAPP("whatsapp"),
  LIVECHAT("livechat"),
  CUSTOM("custom");

  private final String wireName;

  ConnectorType(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Accepts the wire name (or the constant's name, in any case). */
  @JsonCreator
  public static ConnectorType fromWireName(String value) {
    if (value != null) {
      for (ConnectorType type : values()) {
        if (type.wireName.equalsIgnoreCase(value) || type.name().equalsIgnoreCase(value)) {
          return type;
        }
      }
    }
    throw new IllegalArgumentException(
        "Unknown connectorType '"
            + value
            + "'; expected one of telegram, facebook, instagram, whatsapp, livechat, custom");
  }

  @Override
  public String toString() {
    return wireName;
  }
}
