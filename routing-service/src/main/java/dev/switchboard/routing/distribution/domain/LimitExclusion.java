package dev.switchboard.routing.distribution.domain;

import java.util.Collection;

/**
 * Q7a–c: which of an agent's open sessions do not count toward a channel's limit. The sessions an
 * agent answered include those waiting for the client's reply (the last message is the agent's), so
 * one rule is enough per channel. Closed sessions awaiting a rating never count: a {@code
 * SessionClosed} releases the agent at once (Q7c is always on).
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
