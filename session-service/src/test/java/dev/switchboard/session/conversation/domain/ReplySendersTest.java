package dev.switchboard.session.conversation.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.events.common.AgentRef;
import dev.switchboard.events.config.settings.ChannelSections.AgentInfo;
import org.junit.jupiter.api.Test;

/** Q8: who an agent's reply shows the client, per the channel's {@code routing.agentInfo}. */
class ReplySendersTest {

  private static final AgentRef PROFILE =
      new AgentRef("agent-1", "Ana Pérez", "https://cdn.example.com/ana.png");
  private static final AgentRef ENTRY =
      new AgentRef("agent-1", "Ana de Soporte", "https://cdn.example.com/soporte.png");

  @Test
  void profileShowsTheDirectorysNameAndAvatar() {
    assertThat(ReplySenders.shownToClient(AgentInfo.PROFILE, PROFILE, ENTRY), equalTo(PROFILE));
  }

  @Test
  void channelEntriesShowTheChannelsOwnEntry() {
    assertThat(
        ReplySenders.shownToClient(AgentInfo.CHANNEL_ENTRIES, PROFILE, ENTRY), equalTo(ENTRY));
  }

  @Test
  void channelEntriesWithoutAnEntryForTheAgentShowTheProfile() {
    assertThat(
        ReplySenders.shownToClient(AgentInfo.CHANNEL_ENTRIES, PROFILE, null), equalTo(PROFILE));
  }

  @Test
  void hiddenShowsNobody() {
    assertThat(ReplySenders.shownToClient(AgentInfo.HIDDEN, PROFILE, ENTRY), nullValue());
  }

  @Test
  void withoutADirectoryNameTheTokensNameOrIdIsTheProfile() {
    Caller caller = new Caller("agent-1", "Ana (token)", false, false);
    assertThat(ReplySenders.agent(caller, null, null).displayName(), equalTo("Ana (token)"));
  }
}
