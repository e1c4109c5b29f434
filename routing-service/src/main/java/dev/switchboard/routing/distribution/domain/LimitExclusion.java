package dev.switchboard.routing.distribution.domain;

import java.util.Collection;

/**
 * Q7a–c: which of an agent's open sessions do not count toward a channel's limit. The sessions an
 * agent answered include those waiting for the client's reply (the last message is the agent's), so
 * one rule is enough per channel. Q7c (closed sessions awaiting a rating) is not a rule here: a
 * channel that asks for a rating and does not select {@code CLOSED_AWAITING_RATING} keeps such a
 * session among the agent's open sessions until it is rated ({@link
 * ChannelQueue#countsClosedAwaitingRating}); otherwise a {@code SessionClosed} releases it at once.
 */
public enum LimitExclusion {
  /** Every open session counts. */
  NONE,
  /** Q7b: sessions whose last message is the agent's do not count. */
  WAITING_FOR_CLIENT,
  /** Q7a: sessions the agent answered at least once do not count. */
  ANSWERED;

  /** The rule of a channel's {@code excludeFromLimit} selection (names as channel-config). */
  public static LimitExclusion of(Collection<String> selected) {
    if (selected.contains("ANSWERED")) {
      return ANSWERED;
    }
    return selected.contains("WAITING_FOR_CLIENT") ? WAITING_FOR_CLIENT : NONE;
  }
}
