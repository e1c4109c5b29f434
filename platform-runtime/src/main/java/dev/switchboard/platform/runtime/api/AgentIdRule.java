package dev.switchboard.platform.runtime.api;

import java.util.regex.Pattern;

/**
 * What an agent id may be, wherever one enters through a public API (the agent directory, a
 * channel's agent entries and queue members, a transfer's target): 1 to 128 characters among
 * letters {@code A-Z a-z}, digits and {@code . _ - @ +}. That holds the subjects of the usual
 * identity providers (UUIDs, numbers, base64url) and e-mail addresses, and keeps out what other
 * parts give a meaning to: {@code :} separates the parts of Redis and Kafka keys, {@code /} and
 * {@code %} paths, {@code { }} hash tags, blanks and control characters logs. An id is also an OIDC
 * subject, so an identity provider whose subjects hold other characters (Auth0's {@code auth0|...})
 * needs its subjects mapped. Services that read ids from Kafka still never trust them to be in this
 * form (routing-service's Redis keys hold any id without collision).
 */
public final class AgentIdRule {

  public static final int MAX_LENGTH = 128;

  /** The message of a 400 naming a field whose value is not an agent id. */
  public static final String MESSAGE =
      "must be an agent id: 1 to "
          + MAX_LENGTH
          + " characters among letters A-Z a-z, digits and . _ - @ +";

  private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._@+-]{1," + MAX_LENGTH + "}");

  private AgentIdRule() {}

  public static boolean isAgentId(String value) {
    return value != null && AGENT_ID.matcher(value).matches();
  }
}
