package dev.switchboard.routing.config.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.config.AgentDirectoryChanged;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ChannelSettings;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.routing.distribution.domain.AgentEntry;
import dev.switchboard.routing.distribution.domain.ChannelQueue;
import dev.switchboard.routing.distribution.domain.LimitExclusion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Turns configuration events into what routing keeps of them. */
final class ConfigMapping {

  /**
   * Q6 switch; the section that holds it is not fixed yet, so both are read ({@code queue} wins).
   */
  static final String CHECK_AVAILABILITY = "checkAvailability";

  /**
   * Q6: with {@link #CHECK_AVAILABILITY} on, agents must also be clocked in; read the same way
   * (channel-config publishes it in {@code routing}); off unless true.
   */
  static final String REQUIRE_CLOCK_IN = "requireClockIn";

  /** Q7 limit, read the same way; absent or not positive means no limit. */
  static final String MAX_SESSIONS_PER_AGENT = "maxSessionsPerAgent";

  /** Q5 idle time in seconds, read the same way; kept within 60 s to 12 h; absent: 60 s. */
  static final String OFFER_TIMEOUT_SECONDS = "offerTimeoutSeconds";

  /** Q7a–c selection, read like the limit: ANSWERED, WAITING_FOR_CLIENT, CLOSED_AWAITING_RATING. */
  static final String EXCLUDE_FROM_LIMIT = "excludeFromLimit";

  /** The Q7c choice in {@code excludeFromLimit}. */
  static final String CLOSED_AWAITING_RATING = "CLOSED_AWAITING_RATING";

  /** R1 switch in {@code settings.quality}: a rating is asked for, so Q7c matters. */
  static final String ASK_RATING = "askRating";

  /** Q14 switch in {@code settings.crm}; off unless true. */
  static final String TRANSFER_TO_RESPONSIBLE = "transferToResponsible";

  static final Duration DEFAULT_OFFER_TIMEOUT = Duration.ofSeconds(60);
  private static final long SHORTEST_OFFER_TIMEOUT_SECONDS = 60;
  private static final long LONGEST_OFFER_TIMEOUT_SECONDS = 43_200;

  private ConfigMapping() {}

  static ChannelQueue channelQueue(ChannelConfigChanged event) {
    if (event.deleted() || event.settings() == null) {
      return ChannelQueue.deleted(event.channelId(), event.version());
    }
    ChannelSettings settings = event.settings();
    JsonNode queue = settings.section("queue").orElse(null);
    JsonNode routing = settings.section("routing").orElse(null);
    List<String> excluded =
        setting(EXCLUDE_FROM_LIMIT, queue, routing)
            .filter(JsonNode::isArray)
            .map(
                array -> {
                  List<String> names = new ArrayList<>();
                  array.forEach(name -> names.add(name.asText()));
                  return names;
                })
            .orElse(List.of());
    return new ChannelQueue(
        event.channelId(),
        event.version(),
        false,
        // O2: an inactive channel's sessions are neither offered nor assigned; they wait, and the
        // re-activating record (a newer version) serves the line again (ConfigConsumer).
        // TODO issue 13 O2: an offer already open when the channel goes inactive stays until it is
        // answered or expires; withdrawing it at once is not done.
        settings.active() ? agentIds(queue) : List.of(),
        distributionMode(queue),
        setting(CHECK_AVAILABILITY, queue, routing)
            .filter(JsonNode::isBoolean)
            .map(JsonNode::booleanValue)
            .orElse(true),
        setting(MAX_SESSIONS_PER_AGENT, queue, routing)
            .filter(JsonNode::canConvertToInt)
            .map(JsonNode::intValue)
            .filter(limit -> limit > 0)
            .map(OptionalInt::of)
            .orElse(OptionalInt.empty()),
        setting(OFFER_TIMEOUT_SECONDS, queue, routing)
            .filter(JsonNode::canConvertToLong)
            .map(JsonNode::longValue)
            .map(
                seconds ->
                    Duration.ofSeconds(
                        Math.max(
                            SHORTEST_OFFER_TIMEOUT_SECONDS,
                            Math.min(LONGEST_OFFER_TIMEOUT_SECONDS, seconds))))
            .orElse(DEFAULT_OFFER_TIMEOUT),
        settings
            .section("crm")
            .map(crm -> crm.path(TRANSFER_TO_RESPONSIBLE))
            .filter(JsonNode::isBoolean)
            .map(JsonNode::booleanValue)
            .orElse(false),
        LimitExclusion.of(excluded),
        askRating(settings) && !excluded.contains(CLOSED_AWAITING_RATING),
        setting(REQUIRE_CLOCK_IN, queue, routing)
            .filter(JsonNode::isBoolean)
            .map(JsonNode::booleanValue)
            .orElse(false));
  }

  /** R1 in {@code settings.quality}; off unless true. */
  private static boolean askRating(ChannelSettings settings) {
    return settings
        .section("quality")
        .map(quality -> quality.path(ASK_RATING))
        .filter(JsonNode::isBoolean)
        .map(JsonNode::booleanValue)
        .orElse(false);
  }

  static AgentEntry agentEntry(AgentDirectoryChanged event) {
    return new AgentEntry(
        event.agentId(), event.version(), event.deleted(), event.dismissed(), event.absences());
  }

  /**
   * {@code queue.agentIds}, the expanded queue; a record without it falls back to the queue's USER
   * members (departments cannot be expanded here).
   */
  private static List<String> agentIds(JsonNode queue) {
    List<String> ids = new ArrayList<>();
    if (queue == null) {
      return ids;
    }
    JsonNode agentIds = queue.path("agentIds");
    if (agentIds.isArray()) {
      agentIds.forEach(id -> addText(ids, id));
      return ids;
    }
    queue
        .path("members")
        .forEach(
            member -> {
              if ("USER".equals(member.path("type").asText())) {
                addText(ids, member.path("id"));
              }
            });
    return ids;
  }

  private static void addText(List<String> ids, JsonNode id) {
    if (id.isTextual() && !id.asText().isBlank() && !ids.contains(id.asText())) {
      ids.add(id.asText());
    }
  }

  private static DistributionMode distributionMode(JsonNode queue) {
    String mode = queue == null ? "" : queue.path("distributionMode").asText("");
    try {
      return mode.isEmpty() ? DistributionMode.EVENLY : DistributionMode.valueOf(mode);
    } catch (IllegalArgumentException unknown) {
      return DistributionMode.EVENLY;
    }
  }

  private static Optional<JsonNode> setting(String name, JsonNode... sections) {
    for (JsonNode section : sections) {
      if (section != null && section.hasNonNull(name)) {
        return Optional.of(section.get(name));
      }
    }
    return Optional.empty();
  }
}
