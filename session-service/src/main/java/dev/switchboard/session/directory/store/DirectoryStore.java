package dev.switchboard.session.directory.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.config.AgentDirectoryChanged;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ConnectorRegistrationChanged;
import dev.switchboard.events.config.settings.ChannelSections;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The local copies of the configuration topics. Every write keeps a record only when its version is
 * higher than the one held (a conditional upsert, so a replayed or reordered record changes
 * nothing); every read is a plain lookup in the caller's session or transaction.
 */
@ApplicationScoped
public class DirectoryStore {

  /**
   * Stores a connector registration unless a version at least as high is held; true when stored.
   */
  public Uni<Boolean> keep(ConnectorRegistrationChanged registration) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(
                        "INSERT INTO connector_copy"
                            + " (connector_id, channel_id, connector_type, account_id, version,"
                            + " deleted)"
                            + " VALUES (:connectorId, :channelId, :connectorType, :accountId,"
                            + " :version, :deleted)"
                            + " ON CONFLICT (connector_id) DO UPDATE SET"
                            + " channel_id = excluded.channel_id,"
                            + " connector_type = excluded.connector_type,"
                            + " account_id = excluded.account_id, version = excluded.version,"
                            + " deleted = excluded.deleted"
                            + " WHERE connector_copy.version < excluded.version")
                    .setParameter("connectorId", registration.connectorId())
                    .setParameter("channelId", registration.channelId())
                    .setParameter("connectorType", registration.connectorType().wireName())
                    .setParameter("accountId", registration.accountId())
                    .setParameter("version", registration.version())
                    .setParameter("deleted", registration.deleted())
                    .executeUpdate())
        .map(rows -> rows > 0);
  }

  /**
   * Stores a channel (name, active, the queue's expanded {@code agentIds}, the bot and its handover
   * keywords, A4's action and W2's text, and the whole settings sections) unless a version at least
   * as high is held; true when stored.
   */
  public Uni<Boolean> keep(ChannelConfigChanged channel) {
    String name = channel.settings() == null ? null : channel.settings().name();
    boolean active =
        !channel.deleted() && channel.settings() != null && channel.settings().active();
    String botId = channel.deleted() ? null : botId(channel);
    String noAgentAction = text(channel, "automation", "noAgentAction");
    String offHoursText = text(channel, "workingTime", "offHoursText");
    String handoverKeywords = handoverKeywordsJson(channel);
    String settings = settingsJson(channel);
    String agentEntries = agentEntriesJson(channel);
    List<String> agentIds = channel.deleted() ? List.of() : queueAgentIds(channel);
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(
                        "INSERT INTO channel_copy"
                            + " (channel_id, version, deleted, name, active, bot_id,"
                            + " no_agent_action, off_hours_text, handover_keywords, settings, agent_entries)"
                            + " VALUES (:channelId, :version, :deleted, :name, :active, :botId,"
                            + " :noAgentAction, :offHoursText, :handoverKeywords,"
                            + " cast(cast(:settings as text) as jsonb), :agentEntries)"
                            + " ON CONFLICT (channel_id) DO UPDATE SET version = excluded.version,"
                            + " deleted = excluded.deleted,"
                            + " name = coalesce(excluded.name, channel_copy.name),"
                            + " active = excluded.active, bot_id = excluded.bot_id,"
                            + " no_agent_action = excluded.no_agent_action,"
                            + " off_hours_text = excluded.off_hours_text,"
                            + " handover_keywords = excluded.handover_keywords,"
                            + " settings = excluded.settings, agent_entries = excluded.agent_entries"
                            + " WHERE channel_copy.version < excluded.version")
                    .setParameter("channelId", channel.channelId())
                    .setParameter("version", channel.version())
                    .setParameter("deleted", channel.deleted())
                    .setParameter("name", name)
                    .setParameter("active", active)
                    .setParameter("botId", botId)
                    .setParameter("noAgentAction", noAgentAction)
                    .setParameter("offHoursText", offHoursText)
                    .setParameter("handoverKeywords", handoverKeywords)
                    .setParameter("settings", settings)
                    .setParameter("agentEntries", agentEntries)
                    .executeUpdate()
                    .flatMap(
                        rows ->
                            rows == 0
                                ? Uni.createFrom().item(false)
                                : replaceQueue(session, channel.channelId(), agentIds)
                                    .replaceWith(true)));
  }

  /** Stores an agent directory entry unless a version at least as high is held. */
  public Uni<Boolean> keep(AgentDirectoryChanged agent) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(
                        "INSERT INTO agent_copy (agent_id, version, deleted, name, avatar_url)"
                            + " VALUES (:agentId, :version, :deleted, :name, :avatarUrl)"
                            + " ON CONFLICT (agent_id) DO UPDATE SET version = excluded.version,"
                            + " deleted = excluded.deleted, name = excluded.name,"
                            + " avatar_url = excluded.avatar_url"
                            + " WHERE agent_copy.version < excluded.version")
                    .setParameter("agentId", agent.agentId())
                    .setParameter("version", agent.version())
                    .setParameter("deleted", agent.deleted())
                    .setParameter("name", agent.name())
                    .setParameter("avatarUrl", agent.avatarUrl())
                    .executeUpdate())
        .map(rows -> rows > 0);
  }

  public Uni<ConnectorCopy> connector(String connectorId) {
    return ConnectorCopy.findById(connectorId);
  }

  public Uni<ChannelCopy> channel(String channelId) {
    return ChannelCopy.findById(channelId);
  }

  public Uni<List<ChannelCopy>> channels(Set<String> channelIds) {
    return channelIds.isEmpty()
        ? Uni.createFrom().item(List.of())
        : ChannelCopy.list("channelId in ?1", List.copyOf(channelIds));
  }

  /** The agent's entry, or null when the directory has none (or it was deleted). */
  public Uni<AgentCopy> agent(String agentId) {
    return AgentCopy.<AgentCopy>findById(agentId).map(a -> a == null || a.deleted ? null : a);
  }

  /** Whether the channel's queue, expanded ({@code settings.queue.agentIds}), holds the agent. */
  public Uni<Boolean> queueHolds(String channelId, String agentId) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(
                        "SELECT count(*) FROM channel_copy_queue_agent"
                            + " WHERE channel_id = :channelId AND agent_id = :agentId",
                        Long.class)
                    .setParameter("channelId", channelId)
                    .setParameter("agentId", agentId)
                    .getSingleResult())
        .map(count -> count > 0);
  }

  private static Uni<Void> replaceQueue(
      Mutiny.Session session, String channelId, List<String> agentIds) {
    // One statement after the other: a reactive session runs one at a time.
    Uni<Void> done =
        session
            .createNativeQuery("DELETE FROM channel_copy_queue_agent WHERE channel_id = :channelId")
            .setParameter("channelId", channelId)
            .executeUpdate()
            .replaceWithVoid();
    for (int i = 0; i < agentIds.size(); i++) {
      int position = i;
      done =
          done.chain(
              () ->
                  session
                      .createNativeQuery(
                          "INSERT INTO channel_copy_queue_agent (channel_id, agent_id, position)"
                              + " VALUES (:channelId, :agentId, :position)")
                      .setParameter("channelId", channelId)
                      .setParameter("agentId", agentIds.get(position))
                      .setParameter("position", position)
                      .executeUpdate()
                      .replaceWithVoid());
    }
    return done;
  }

  /**
   * The settings sections that {@link ChannelSections} types, as published (a newer producer's
   * fields kept, so a later version of this service can read them); null when deleted.
   */
  static String settingsJson(ChannelConfigChanged channel) {
    if (channel.deleted() || channel.settings() == null) {
      return null;
    }
    ObjectNode sections = JsonNodeFactory.instance.objectNode();
    for (String name : ChannelSections.NAMES) {
      channel.settings().section(name).ifPresent(section -> sections.set(name, section));
    }
    return sections.toString();
  }

  /**
   * {@code settings.agentEntries} (Q8): the channel's own entries for its agents, a JSON object by
   * agent id, as published; null when deleted or the channel has none.
   */
  static String agentEntriesJson(ChannelConfigChanged channel) {
    if (channel.deleted() || channel.settings() == null) {
      return null;
    }
    return channel
        .settings()
        .section("agentEntries")
        .filter(node -> node.isObject() && !node.isEmpty())
        .map(JsonNode::toString)
        .orElse(null);
  }

  /** {@code settings.queue.agentIds}: the queue expanded by channel-config, in order. */
  static List<String> queueAgentIds(ChannelConfigChanged channel) {
    return List.copyOf(new LinkedHashSet<>(texts(channel, "queue", "agentIds")));
  }

  /** {@code settings.bots.botId} (B1): the channel's chatbot; null (or absent, or blank): none. */
  static String botId(ChannelConfigChanged channel) {
    String id = text(channel, "bots", "botId");
    return id == null || id.isBlank() ? null : id.strip();
  }

  /**
   * {@code settings.bots.handoverKeywords} (B1) as a JSON array of its non-blank strings; null when
   * there are none.
   */
  static String handoverKeywordsJson(ChannelConfigChanged channel) {
    ArrayNode keywords = JsonNodeFactory.instance.arrayNode();
    texts(channel, "bots", "handoverKeywords").forEach(keywords::add);
    return keywords.isEmpty() ? null : keywords.toString();
  }

  /**
   * A list setting's non-blank strings, {@code settings.<section>.<field>}, in order; empty when
   * absent, not a list, or deleted.
   */
  static List<String> texts(ChannelConfigChanged channel, String section, String field) {
    if (channel.deleted() || channel.settings() == null) {
      return List.of();
    }
    List<String> texts = new ArrayList<>();
    channel
        .settings()
        .section(section)
        .map(node -> node.path(field))
        .filter(JsonNode::isArray)
        .ifPresent(
            array ->
                array.forEach(
                    text -> {
                      if (text.isTextual() && !text.asText().isBlank()) {
                        texts.add(text.asText());
                      }
                    }));
    return texts;
  }

  /** A text setting, {@code settings.<section>.<field>}; null when absent, not text, or deleted. */
  static String text(ChannelConfigChanged channel, String section, String field) {
    if (channel.deleted() || channel.settings() == null) {
      return null;
    }
    return channel
        .settings()
        .section(section)
        .map(node -> node.path(field))
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText)
        .orElse(null);
  }
}
