package dev.switchboard.session.conversation.domain;

import dev.switchboard.events.common.AgentRef;
import dev.switchboard.events.config.settings.ChannelSections.AgentInfo;

/** Who a reply comes from, as the client sees it. */
public final class ReplySenders {

  private ReplySenders() {}

  /**
   * An agent: their directory entry's name and avatar; without a name there, the token's name, and
   * at least the agent's id.
   *
   * @param directoryName the agent's name in the directory copy; null when unknown
   * @param avatarUrl the agent's avatar in the directory copy; null when unknown
   */
  public static AgentRef agent(Caller caller, String directoryName, String avatarUrl) {
    if (directoryName != null && !directoryName.isBlank()) {
      return new AgentRef(caller.id(), directoryName, avatarUrl);
    }
    return new AgentRef(caller.id(), nameOf(caller), avatarUrl);
  }

  /**
   * Q8: the sender an agent's reply shows the client, per the channel's {@code routing.agentInfo}:
   * PROFILE, the directory's name and avatar ({@code profile}); CHANNEL_ENTRIES, the channel's own
   * entry for the agent, or the profile when the channel has none for them; HIDDEN, nobody (null).
   *
   * @param profile the agent as {@link #agent} names them
   * @param channelEntry the channel's entry for the agent; null when it has none
   */
  public static AgentRef shownToClient(AgentInfo info, AgentRef profile, AgentRef channelEntry) {
    return switch (info) {
      case PROFILE -> profile;
      case CHANNEL_ENTRIES -> channelEntry != null ? channelEntry : profile;
      case HIDDEN -> null;
    };
  }

  /** A chatbot: the token's name, else its id; no avatar. */
  public static AgentRef bot(Caller caller) {
    return new AgentRef(caller.id(), nameOf(caller), null);
  }

  private static String nameOf(Caller caller) {
    return caller.name() != null && !caller.name().isBlank() ? caller.name() : caller.id();
  }
}
