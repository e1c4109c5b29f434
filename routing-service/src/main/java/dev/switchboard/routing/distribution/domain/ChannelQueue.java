package dev.switchboard.routing.distribution.domain;

import dev.switchboard.events.routing.DistributionMode;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * What routing needs to know about one channel, from its latest {@code ChannelConfigChanged}.
 *
 * @param version the channel's version; a copy keeps only a higher one
 * @param deleted the channel was deleted (O5): nobody is routed to any more
 * @param agentIds the queue expanded to agents, in queue order, without duplicates (Q1); empty for
 *     an inactive channel (O2), whose waiting sessions thus wait until it is active again
 * @param distributionMode how sessions are distributed (Q2–Q4)
 * @param checkAvailability Q6: route only to agents who are online and not absent; on by default
 * @param sessionLimit Q7: at most this many open sessions per agent; empty for no limit
 * @param offerTimeout Q5: how long a STRICT_ORDER offer waits before it passes on; null when the
 *     channel does not say (the distributor's default applies)
 * @param transferToResponsible Q14: a waiting session of a client the CRM recognises goes to the
 *     CRM record's responsible person
 * @param limitExclusion Q7a/b: which open sessions do not count toward the limit
 * @param countsClosedAwaitingRating Q7c: the channel asks for a rating (R1) and its {@code
 *     excludeFromLimit} does not name {@code CLOSED_AWAITING_RATING}, so a session closed while a
 *     rating is awaited keeps counting until the rating or the end of the wait
 * @param requireClockIn Q6: with {@code checkAvailability} on, an agent must also have clocked in
 *     to the working day; ignored with the check off (the check as a whole is the switch)
 */
public record ChannelQueue(
    String channelId,
    long version,
    boolean deleted,
    List<String> agentIds,
    DistributionMode distributionMode,
    boolean checkAvailability,
    OptionalInt sessionLimit,
    Duration offerTimeout,
    boolean transferToResponsible,
    LimitExclusion limitExclusion,
    boolean countsClosedAwaitingRating,
    boolean requireClockIn) {

  public ChannelQueue(
      String channelId,
      long version,
      boolean deleted,
      List<String> agentIds,
      DistributionMode distributionMode,
      boolean checkAvailability,
      OptionalInt sessionLimit,
      Duration offerTimeout,
      boolean transferToResponsible,
      LimitExclusion limitExclusion,
      boolean countsClosedAwaitingRating) {
    this(
        channelId,
        version,
        deleted,
        agentIds,
        distributionMode,
        checkAvailability,
        sessionLimit,
        offerTimeout,
        transferToResponsible,
        limitExclusion,
        countsClosedAwaitingRating,
        false);
  }

  public ChannelQueue(
      String channelId,
      long version,
      boolean deleted,
      List<String> agentIds,
      DistributionMode distributionMode,
      boolean checkAvailability,
      OptionalInt sessionLimit,
      Duration offerTimeout,
      boolean transferToResponsible,
      LimitExclusion limitExclusion) {
    this(
        channelId,
        version,
        deleted,
        agentIds,
        distributionMode,
        checkAvailability,
        sessionLimit,
        offerTimeout,
        transferToResponsible,
        limitExclusion,
        false);
  }

  public ChannelQueue(
      String channelId,
      long version,
      boolean deleted,
      List<String> agentIds,
      DistributionMode distributionMode,
      boolean checkAvailability,
      OptionalInt sessionLimit,
      Duration offerTimeout,
      boolean transferToResponsible) {
    this(
        channelId,
        version,
        deleted,
        agentIds,
        distributionMode,
        checkAvailability,
        sessionLimit,
        offerTimeout,
        transferToResponsible,
        LimitExclusion.NONE);
  }

  public ChannelQueue(
      String channelId,
      long version,
      boolean deleted,
      List<String> agentIds,
      DistributionMode distributionMode,
      boolean checkAvailability,
      OptionalInt sessionLimit) {
    this(
        channelId,
        version,
        deleted,
        agentIds,
        distributionMode,
        checkAvailability,
        sessionLimit,
        null,
        false);
  }

  public ChannelQueue {
    agentIds = agentIds == null ? List.of() : List.copyOf(agentIds.stream().distinct().toList());
    distributionMode = distributionMode == null ? DistributionMode.EVENLY : distributionMode;
    sessionLimit = sessionLimit == null ? OptionalInt.empty() : sessionLimit;
    limitExclusion = limitExclusion == null ? LimitExclusion.NONE : limitExclusion;
  }

  /** A channel with the safe defaults of API.md: availability checked, no session limit. */
  public static ChannelQueue evenly(String channelId, long version, List<String> agentIds) {
    return new ChannelQueue(
        channelId, version, false, agentIds, DistributionMode.EVENLY, true, OptionalInt.empty());
  }

  /** A deleted channel: only its version is kept, so an older record cannot bring it back. */
  public static ChannelQueue deleted(String channelId, long version) {
    return new ChannelQueue(
        channelId, version, true, List.of(), DistributionMode.EVENLY, true, OptionalInt.empty());
  }

  /** What Q6 checks in this channel (the Lua scripts check it again at the moment of the step). */
  public AvailabilityCheck availabilityCheck() {
    return AvailabilityCheck.of(checkAvailability, requireClockIn);
  }

  /** Whether sessions of this channel can go to anyone at all. */
  public boolean hasAgents() {
    return !deleted && !agentIds.isEmpty();
  }

  public boolean contains(String agentId) {
    return !deleted && agentIds.contains(agentId);
  }
}
