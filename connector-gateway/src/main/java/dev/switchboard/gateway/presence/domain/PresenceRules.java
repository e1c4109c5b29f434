package dev.switchboard.gateway.presence.domain;

import dev.switchboard.events.presence.PresenceChangeReason;
import dev.switchboard.events.presence.PresenceStatus;
import java.util.Optional;

/**
 * What an agent's WebSockets say about their presence (Q6), given what the agent last set
 * explicitly ({@code PUT /api/v1/agent/status}). Plain rules:
 *
 * <ul>
 *   <li>The explicit status wins. An agent who set {@code OFFLINE} is not made available by opening
 *       the app: the sockets publish nothing for them. An agent who set {@code AWAY} stays {@code
 *       AWAY} while connected.
 *   <li>First socket open: the explicit status if set ({@code ONLINE} or {@code AWAY}), else {@code
 *       ONLINE} (reason {@code WEBSOCKET_CONNECTED}). This also brings back an agent the grace
 *       period had set {@code OFFLINE}.
 *   <li>Last socket closed: the same status, reason {@code WEBSOCKET_DISCONNECTED} (the agent stays
 *       available during the grace period); no reconnect and no explicit change within the grace
 *       period: {@code OFFLINE}, reason {@code GRACE_EXPIRED}.
 *   <li>Opening the app is not clocking in: {@code clockedIn} is what the agent last set
 *       explicitly, {@code false} when never.
 * </ul>
 */
public final class PresenceRules {

  private PresenceRules() {}

  /** What the agent last set: both null when never. */
  public record Explicit(PresenceStatus status, Boolean clockedIn) {

    public static Explicit none() {
      return new Explicit(null, null);
    }

    boolean clocked() {
      return clockedIn != null && clockedIn;
    }
  }

  /** A presence to publish. */
  public record Change(PresenceStatus status, boolean clockedIn, PresenceChangeReason reason) {}

  /** The agent's first socket (on any instance) opened. */
  public static Optional<Change> firstSocketOpened(Explicit explicit) {
    return connected(explicit, PresenceChangeReason.WEBSOCKET_CONNECTED);
  }

  /** The agent's last socket (on every instance) closed: the grace period starts. */
  public static Optional<Change> lastSocketClosed(Explicit explicit) {
    return connected(explicit, PresenceChangeReason.WEBSOCKET_DISCONNECTED);
  }

  /** The grace period ran out without a reconnect or an explicit change. */
  public static Optional<Change> graceExpired(Explicit explicit) {
    if (explicit.status() == PresenceStatus.OFFLINE) {
      return Optional.empty();
    }
    return Optional.of(
        new Change(PresenceStatus.OFFLINE, explicit.clocked(), PresenceChangeReason.GRACE_EXPIRED));
  }

  private static Optional<Change> connected(Explicit explicit, PresenceChangeReason reason) {
    if (explicit.status() == PresenceStatus.OFFLINE) {
      return Optional.empty();
    }
    PresenceStatus status = explicit.status() == null ? PresenceStatus.ONLINE : explicit.status();
    return Optional.of(new Change(status, explicit.clocked(), reason));
  }
}
