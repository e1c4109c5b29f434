package dev.switchboard.session.conversation.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.events.session.ClosedBy;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionStateTest {

  @Test
  void aQueuedSessionIsAssignedThenClosed() {
    assertThat(SessionState.QUEUED.moveTo(SessionState.ASSIGNED), equalTo(SessionState.ASSIGNED));
    assertThat(SessionState.ASSIGNED.moveTo(SessionState.CLOSED), equalTo(SessionState.CLOSED));
  }

  @Test
  void aQueuedSessionMayBeClosedWithoutAnAgent() {
    assertThat(SessionState.QUEUED.moveTo(SessionState.CLOSED), equalTo(SessionState.CLOSED));
  }

  @Test
  void aClosedSessionGoesNowhereAndTheConflictNamesItsState() {
    for (SessionState next : SessionState.values()) {
      SessionStateConflict conflict =
          assertThrows(SessionStateConflict.class, () -> SessionState.CLOSED.moveTo(next));
      assertThat(conflict.currentState(), equalTo(SessionState.CLOSED));
    }
  }

  @Test
  void anAssignedSessionIsNotAssignedAgainSilently() {
    assertThrows(
        SessionStateConflict.class, () -> SessionState.ASSIGNED.moveTo(SessionState.ASSIGNED));
  }

  @Test
  void onlyAnAssignedSessionIsTransferredBackToTheQueue() {
    SessionState.ASSIGNED.requireTransferable();
    assertThat(SessionState.ASSIGNED.moveTo(SessionState.QUEUED), equalTo(SessionState.QUEUED));
    SessionStateConflict queued =
        assertThrows(SessionStateConflict.class, SessionState.QUEUED::requireTransferable);
    assertThat(queued.currentState(), equalTo(SessionState.QUEUED));
    assertThrows(SessionStateConflict.class, SessionState.CLOSED::requireTransferable);
    assertThrows(SessionStateConflict.class, () -> SessionState.QUEUED.moveTo(SessionState.QUEUED));
  }

  @Test
  void aSessionWithTheBotIsHandedOverToTheQueueOrClosedButNeverAssignedDirectly() {
    SessionState.BOT.requireHandoverable();
    assertThat(SessionState.BOT.moveTo(SessionState.QUEUED), equalTo(SessionState.QUEUED));
    assertThat(SessionState.BOT.moveTo(SessionState.CLOSED), equalTo(SessionState.CLOSED));
    SessionStateConflict assigned =
        assertThrows(
            SessionStateConflict.class, () -> SessionState.BOT.moveTo(SessionState.ASSIGNED));
    assertThat(assigned.currentState(), equalTo(SessionState.BOT));
    for (SessionState other : List.of(SessionState.QUEUED, SessionState.ASSIGNED)) {
      assertThrows(SessionStateConflict.class, () -> other.moveTo(SessionState.BOT));
      SessionStateConflict conflict =
          assertThrows(SessionStateConflict.class, other::requireHandoverable);
      assertThat(conflict.currentState(), equalTo(other));
    }
    assertThrows(SessionStateConflict.class, SessionState.CLOSED::requireHandoverable);
    // Handing over is not a transfer: only an ASSIGNED session is transferred.
    assertThrows(SessionStateConflict.class, SessionState.BOT::requireTransferable);
  }

  @Test
  void onlyTheSessionsBotWorksItAndOnlyWhileItIsWithTheBot() {
    Caller bot = Caller.bot("faq-bot", null);
    Caller stranger = Caller.bot("other-bot", null);
    Caller agentNamedLikeTheBot = new Caller("faq-bot", null, false, false);
    assertThat(SessionAccess.isHandlingBot(bot, SessionState.BOT, "faq-bot"), equalTo(true));
    assertThat(SessionAccess.isHandlingBot(bot, SessionState.QUEUED, "faq-bot"), equalTo(false));
    assertThat(SessionAccess.isHandlingBot(stranger, SessionState.BOT, "faq-bot"), equalTo(false));
    assertThat(
        SessionAccess.isHandlingBot(agentNamedLikeTheBot, SessionState.BOT, "faq-bot"),
        equalTo(false));
    assertThat(SessionAccess.mayHandOver(bot, "faq-bot"), equalTo(true));
    assertThat(SessionAccess.mayHandOver(stranger, "faq-bot"), equalTo(false));
    assertThat(SessionAccess.mayHandOver(agentNamedLikeTheBot, "faq-bot"), equalTo(false));
    assertThat(
        SessionAccess.mayHandOver(new Caller("sup1", null, true, false), "faq-bot"), equalTo(true));
    SessionState.BOT.requireRepliesAllowed(SessionState.BOT);
    assertThrows(SessionStateConflict.class, () -> SessionState.BOT.requireRepliesAllowed());
  }

  @Test
  void theSessionsAgentOrASupervisorTransfersItAColleagueNot() {
    assertThat(
        SessionAccess.mayTransfer(new Caller("agent1", null, false, false), "agent1"),
        equalTo(true));
    assertThat(
        SessionAccess.mayTransfer(new Caller("agent2", null, false, false), "agent1"),
        equalTo(false));
    assertThat(
        SessionAccess.mayTransfer(new Caller("boss", null, true, false), "agent1"), equalTo(true));
    assertThat(
        SessionAccess.mayTransfer(new Caller("root", null, false, true), "agent1"), equalTo(true));
  }

  @Test
  void anAgentHoldingAnOfferReadsTheSessionButDoesNotAnswerInIt() {
    Caller offered = new Caller("agent2", null, false, false);
    assertThat(SessionAccess.mayRead(offered, null, false, true), equalTo(true));
    assertThat(SessionAccess.mayRead(offered, null, false, false), equalTo(false));
    assertThat(SessionAccess.mayReply(offered, null), equalTo(false));
  }

  @Test
  void onlyAnAssignedSessionTakesReplies() {
    SessionState.ASSIGNED.requireRepliesAllowed();
    assertThrows(SessionStateConflict.class, SessionState.QUEUED::requireRepliesAllowed);
    assertThrows(SessionStateConflict.class, SessionState.CLOSED::requireRepliesAllowed);
  }

  @Test
  void theAssignedAgentClosesAsAgentASupervisorAsSupervisorAnotherAgentNot() {
    Caller agent = new Caller("agent1", null, false, false);
    Caller colleague = new Caller("agent2", null, false, false);
    Caller supervisor = new Caller("sup1", null, true, false);
    Caller admin = new Caller("admin1", null, false, true);
    assertThat(SessionAccess.closingAs(agent, "agent1", null), equalTo(ClosedBy.AGENT));
    assertThat(SessionAccess.closingAs(supervisor, "agent1", null), equalTo(ClosedBy.SUPERVISOR));
    assertThat(SessionAccess.closingAs(admin, null, "faq-bot"), equalTo(ClosedBy.SUPERVISOR));
    assertThat(SessionAccess.closingAs(colleague, "agent1", null), equalTo(null));
  }

  @Test
  void theSessionsOwnBotClosesItAsBotWhileItIsWithTheBotAnotherBotOrAnAgentNot() {
    Caller bot = Caller.bot("faq-bot", null);
    assertThat(SessionAccess.closingAs(bot, null, "faq-bot"), equalTo(ClosedBy.BOT));
    assertThat(
        SessionAccess.closingAs(Caller.bot("other-bot", null), null, "faq-bot"), nullValue());
    assertThat(SessionAccess.closingAs(bot, null, null), nullValue());
    // An agent of the queue has no session with the bot: nobody assigned it to them.
    assertThat(
        SessionAccess.closingAs(new Caller("faq-bot", null, false, false), null, "faq-bot"),
        nullValue());
    SessionState.BOT.requireWithTheBot();
    for (SessionState other :
        List.of(SessionState.QUEUED, SessionState.ASSIGNED, SessionState.CLOSED)) {
      SessionStateConflict conflict =
          assertThrows(SessionStateConflict.class, other::requireWithTheBot);
      assertThat(conflict.currentState(), equalTo(other));
    }
  }

  @Test
  void clientsAreNamedByWhatTheConnectorKnows() {
    assertThat(
        ClientNames.displayName(
            new dev.switchboard.events.common.ClientIdentity(
                "42", null, "Ana", "Díaz", "ana", null, null, null, null)),
        equalTo("Ana Díaz"));
    assertThat(
        ClientNames.displayName(
            new dev.switchboard.events.common.ClientIdentity(
                "42", null, null, null, "ana", null, null, null, null)),
        equalTo("ana"));
    assertThat(
        ClientNames.displayName(dev.switchboard.events.common.ClientIdentity.anonymous("42")),
        equalTo("42"));
  }
}
