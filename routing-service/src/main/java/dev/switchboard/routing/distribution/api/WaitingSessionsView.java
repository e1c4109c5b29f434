package dev.switchboard.routing.distribution.api;

import java.util.List;

/**
 * A channel's waiting line.
 *
 * @param waiting how many sessions wait for an agent
 * @param sessionIds their ids, oldest first
 */
public record WaitingSessionsView(String channelId, long waiting, List<String> sessionIds) {}
