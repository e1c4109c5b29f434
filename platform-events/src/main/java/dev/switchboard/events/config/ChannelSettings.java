package dev.switchboard.events.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.config.settings.ChannelSections;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A channel's settings as published on {@code oc.config.channels.v1}.
 *
 * <p>First version: {@code name} and {@code active} are typed; every other section ({@code queue},
 * {@code routing}, {@code workingTime}, {@code consent}, {@code automation}, {@code quality},
 * {@code bots}, {@code kpi}, as API.md names them) travels as a top-level JSON property kept here
 * as a generic {@link JsonNode}. When a later version gives a section its own typed field, the JSON
 * does not change, so records already on the compacted topic stay readable. {@link #typed()} reads
 * the channel-config sections as {@link ChannelSections}, defaults filled in.
 *
 * @param name the channel name (O1)
 * @param active whether agents may answer (O2)
 * @param sections the other top-level properties, by name, in the order they were read
 */
public record ChannelSettings(
    String name, boolean active, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> sections) {

  public ChannelSettings {
    // Copy to keep the record immutable from outside; insertion order keeps the JSON stable.
    sections =
        sections == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sections));
  }

  public ChannelSettings(String name, boolean active) {
    this(name, active, Map.of());
  }

  /**
   * The sections {@code routing}, {@code crm}, {@code workingTime}, {@code consent}, {@code
   * automation}, {@code quality}, {@code bots}, {@code kpi} and {@code other} as typed records,
   * defaults filled in (an absent or unreadable section takes its defaults).
   */
  @JsonIgnore
  public ChannelSections typed() {
    return ChannelSections.from(this);
  }

  /** One section by its name, e.g. {@code section("queue")}. */
  public Optional<JsonNode> section(String sectionName) {
    return Optional.ofNullable(sections.get(sectionName));
  }
}
