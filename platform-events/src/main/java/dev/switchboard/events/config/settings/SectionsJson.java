package dev.switchboard.events.config.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.EventJson;
import java.util.Map;

/** Reads the sections of a published {@code ChannelSettings} one by one, leniently. */
final class SectionsJson {

  private static final ObjectMapper JSON = EventJson.newObjectMapper();

  private SectionsJson() {}

  static ChannelSections read(Map<String, JsonNode> sections) {
    return new ChannelSections(
            section(sections, "routing", ChannelSections.Routing.class),
            section(sections, "crm", ChannelSections.Crm.class),
            section(sections, "workingTime", ChannelSections.WorkingTime.class),
            section(sections, "consent", ChannelSections.Consent.class),
            section(sections, "automation", ChannelSections.Automation.class),
            section(sections, "quality", ChannelSections.Quality.class),
            section(sections, "bots", ChannelSections.Bots.class),
            section(sections, "kpi", ChannelSections.Kpi.class),
            section(sections, "other", ChannelSections.Other.class))
        .withDefaults();
  }

  /** The section, or null (its defaults) when absent or not readable as this version's record. */
  private static <T> T section(Map<String, JsonNode> sections, String name, Class<T> type) {
    JsonNode node = sections.get(name);
    if (node == null || !node.isObject()) {
      return null;
    }
    try {
      return JSON.treeToValue(node, type);
    } catch (Exception e) {
      return null;
    }
  }
}
