package dev.switchboard.routing.distribution.domain;

/**
 * Q6 as a channel asks for it: what an agent's presence must be for the agent to be given one of
 * the channel's sessions. The atomic steps in {@link LiveAgentState} re-check it at the moment of
 * the reservation, offer, join or accept, so an agent who went offline or clocked out a millisecond
 * earlier is not given the session.
 *
 * <p>The channel's {@code checkAvailability} is the switch for the whole check (FEATURES Q6): with
 * it off, {@code requireClockIn} is ignored and only a dismissal counts.
 */
public enum AvailabilityCheck {
  /** {@code checkAvailability} off: presence, absences and the clock are not looked at. */
  OFF,
  /** Online, not absent (the default). */
  ONLINE,
  /** Online, not absent and clocked in to the working day ({@code requireClockIn}). */
  ONLINE_AND_CLOCKED_IN;

  /** The check a channel with these two switches asks for. */
  public static AvailabilityCheck of(boolean checkAvailability, boolean requireClockIn) {
    if (!checkAvailability) {
      return OFF;
    }
    return requireClockIn ? ONLINE_AND_CLOCKED_IN : ONLINE;
  }

  /** Whether presence is looked at at all. */
  public boolean requiresOnline() {
    return this != OFF;
  }

  /** Whether the agent must have clocked in. */
  public boolean requiresClockIn() {
    return this == ONLINE_AND_CLOCKED_IN;
  }
}
