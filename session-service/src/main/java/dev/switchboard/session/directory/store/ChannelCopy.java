package dev.switchboard.session.directory.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.common.AgentRef;
import dev.switchboard.events.config.ChannelSettings;
import dev.switchboard.events.config.settings.ChannelSections;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.ColumnTransformer;

/**
 * This service's copy of one channel (oc.config.channels.v1): what sessions show and what access
 * checks need. Its queue's expanded agent ids are rows of {@code channel_copy_queue_agent}.
 */
@Entity
@Table(name = "channel_copy")
public class ChannelCopy extends PanacheEntityBase {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper EVENT_JSON = EventJson.newObjectMapper();

  @Id
  @Column(name = "channel_id")
  public String channelId;

  @Column(nullable = false)
  public long version;

  @Column(nullable = false)
  public boolean deleted;

  /** O1; kept after a deletion so old sessions still show it. */
  public String name;

  /** O2: agents cannot answer in an inactive channel. */
  @Column(nullable = false)
  public boolean active;

  /**
   * B1 ({@code settings.bots.botId}): the chatbot that takes every new session first; null for no
   * bot. Removing it later leaves the sessions it already has with it.
   */
  @Column(name = "bot_id")
  public String botId;

  /** A4 ({@code settings.automation.noAgentAction}): NONE or OFF_HOURS_TEXT; null = NONE. */
  @Column(name = "no_agent_action")
  public String noAgentAction;

  /** W2 ({@code settings.workingTime.offHoursText}): the automatic reply outside working time. */
  @Column(name = "off_hours_text")
  public String offHoursText;

  /**
   * B1 ({@code settings.bots.handoverKeywords}): the keywords with which a client asks the bot for
   * a person, a JSON array of strings as published; null when the channel has none.
   */
  @Column(name = "handover_keywords")
  public String handoverKeywordsJson;

  /**
   * Q8 ({@code settings.agentEntries}): the channel's own entries for its agents, a JSON object
   * {@code {"<agentId>": {"displayName", "avatarUrl"}}} as published; null when it has none.
   */
  @Column(name = "agent_entries")
  public String agentEntriesJson;

  /**
   * The channel's settings sections as published ({@code routing}, {@code crm}, {@code
   * workingTime}, {@code consent}, {@code automation}, {@code quality}, {@code bots}, {@code kpi},
   * {@code other}), a JSON object; null = every default (a row copied before V10, or a deleted
   * channel). Read with {@link #settings()}.
   */
  @Column(name = "settings")
  @ColumnTransformer(read = "settings::text", write = "cast(cast(? as text) as jsonb)")
  public String settingsJson;

  /** The channel's settings as typed sections, defaults filled in. */
  public ChannelSections settings() {
    if (settingsJson == null) {
      return ChannelSections.DEFAULTS;
    }
    try {
      Map<String, JsonNode> sections =
          EVENT_JSON.readValue(settingsJson, new TypeReference<Map<String, JsonNode>>() {});
      return new ChannelSettings(name, active, sections).typed();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "The settings of channel " + channelId + " are not readable", e);
    }
  }

  /**
   * Q8: how the channel shows this agent to its clients, or null when it has no entry for them (or
   * the entry has no name).
   */
  public AgentRef agentEntry(String agentId) {
    if (agentEntriesJson == null) {
      return null;
    }
    try {
      JsonNode entry = JSON.readTree(agentEntriesJson).path(agentId);
      String displayName = entry.path("displayName").asText(null);
      if (displayName == null || displayName.isBlank()) {
        return null;
      }
      JsonNode avatar = entry.path("avatarUrl");
      return new AgentRef(agentId, displayName, avatar.isTextual() ? avatar.asText() : null);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "The agent entries of channel " + channelId + " are not readable", e);
    }
  }

  /** B1: the channel's handover keywords as configured; empty when it has none. */
  public List<String> handoverKeywords() {
    if (handoverKeywordsJson == null) {
      return List.of();
    }
    try {
      return List.of(JSON.readValue(handoverKeywordsJson, String[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "The handover keywords of channel " + channelId + " are not readable", e);
    }
  }

  /**
   * A4: the text a client whose session no agent can take gets (the off-hours text, W2), or null
   * when the channel sends nothing (NONE, or no text set).
   */
  public String noAgentReply() {
    return "OFF_HOURS_TEXT".equals(noAgentAction) && offHoursText != null && !offHoursText.isBlank()
        ? offHoursText
        : null;
  }
}
