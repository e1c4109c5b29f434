package dev.switchboard.config.channel.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.switchboard.events.config.settings.ChannelSections;

/** The {@code settings} column: {@link ChannelSections} as JSON, defaults filled in when read. */
public final class SettingsJson {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          // A field a later version drops must not make stored rows unreadable.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private SettingsJson() {}

  public static ChannelSections read(String json) {
    if (json == null || json.isBlank()) {
      return ChannelSections.DEFAULTS;
    }
    try {
      return JSON.readValue(json, ChannelSections.class).withDefaults();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored channel settings are not readable", e);
    }
  }

  public static String write(ChannelSections sections) {
    try {
      return JSON.writeValueAsString(sections);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Channel settings cannot be written", e);
    }
  }

  /** The sections as a JSON tree, e.g. for the event. */
  public static ObjectNode tree(ChannelSections sections) {
    return JSON.valueToTree(sections);
  }
}
