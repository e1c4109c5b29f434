package dev.switchboard.config.agententry.api;

import dev.switchboard.config.agententry.store.AgentEntryStore.EntryDraft;
import dev.switchboard.config.shared.api.FieldErrors;
import dev.switchboard.platform.runtime.api.AgentIdRule;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.UUID;

/** Validation of a per-channel agent entry (Q8). */
final class AgentEntryRules {

  static final int DISPLAY_NAME_MAX_LENGTH = 200;
  static final int AVATAR_URL_MAX_LENGTH = 2000;

  private AgentEntryRules() {}

  static EntryDraft draft(UUID channelId, String agentId, AgentEntryRequest request) {
    FieldErrors errors = new FieldErrors();
    if (!AgentIdRule.isAgentId(agentId)) {
      errors.add("agentId", AgentIdRule.MESSAGE);
    }
    if (request == null) {
      errors.add("displayName", "is required");
      errors.throwIfAny();
    }
    if (request.channelId() != null && !request.channelId().equals(channelId.toString())) {
      errors.add("channelId", "is read-only: it must be the channel id of the path");
    }
    if (request.agentId() != null && !request.agentId().equals(agentId)) {
      errors.add("agentId", "is read-only: it must be the agent id of the path");
    }
    String displayName = request.displayName() == null ? null : request.displayName().strip();
    if (displayName == null || displayName.isEmpty()) {
      errors.add("displayName", "is required and must not be blank");
    } else if (displayName.length() > DISPLAY_NAME_MAX_LENGTH) {
      errors.add("displayName", "must be at most " + DISPLAY_NAME_MAX_LENGTH + " characters");
    }
    if (request.avatarUrl() != null && !isHttpUrl(request.avatarUrl())) {
      errors.add(
          "avatarUrl",
          "must be an absolute http or https URL of at most "
              + AVATAR_URL_MAX_LENGTH
              + " characters, or null");
    }
    errors.throwIfAny();
    return new EntryDraft(displayName, request.avatarUrl());
  }

  private static boolean isHttpUrl(String value) {
    if (value.length() > AVATAR_URL_MAX_LENGTH) {
      return false;
    }
    try {
      URI uri = new URI(value);
      return uri.isAbsolute()
          && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
