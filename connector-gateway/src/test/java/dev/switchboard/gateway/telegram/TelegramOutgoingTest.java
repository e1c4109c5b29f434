package dev.switchboard.gateway.telegram;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.events.common.AgentRef;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.outbound.ReplyButton;
import dev.switchboard.gateway.telegram.domain.TelegramOutgoing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelegramOutgoingTest {

  @Test
  void withoutASenderTheTextIsSentExactlyAsPlainText() {
    TelegramOutgoing outgoing = TelegramOutgoing.of(message("a < b & c > d", null, List.of()));

    assertThat(outgoing.text(), equalTo("a < b & c > d"));
    assertThat(outgoing.parseMode(), nullValue());
    assertThat(outgoing.keyboard(), equalTo(List.of()));
  }

  @Test
  void theSendersNameIsABoldFirstLineAndBothAreEscaped() {
    TelegramOutgoing outgoing =
        TelegramOutgoing.of(
            message("<3 & bye", new AgentRef("a1", " Ana & <Co> ", null), List.of()));

    assertThat(outgoing.text(), equalTo("<b>Ana &amp; &lt;Co&gt;</b>\n&lt;3 &amp; bye"));
    assertThat(outgoing.parseMode(), equalTo("HTML"));
  }

  @Test
  void aSenderWithoutANameShowsNoNameLine() {
    TelegramOutgoing outgoing =
        TelegramOutgoing.of(message("x & y", new AgentRef("a1", " ", null), List.of()));

    assertThat(outgoing.text(), equalTo("x & y"));
    assertThat(outgoing.parseMode(), nullValue());
  }

  @Test
  void aTextWithNoRoomForTheNameLineGoesWithoutIt() {
    String full = "x".repeat(4090);
    TelegramOutgoing outgoing =
        TelegramOutgoing.of(message(full, new AgentRef("a1", "Ana Pérez", null), List.of()));

    assertThat(outgoing.text(), equalTo(full));
    assertThat(outgoing.parseMode(), nullValue());
  }

  @Test
  void buttonsMakeRowsOfAtMostFive() {
    List<ReplyButton> seven = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      seven.add(new ReplyButton("b" + i, "v" + i));
    }

    List<List<ReplyButton>> rows = TelegramOutgoing.of(message("pick", null, seven)).keyboard();

    assertThat(rows.size(), equalTo(2));
    assertThat(rows.get(0), equalTo(seven.subList(0, 5)));
    assertThat(rows.get(1), equalTo(seven.subList(5, 7)));
  }

  private static OutboundMessageRequested message(
      String text, AgentRef sender, List<ReplyButton> buttons) {
    return new OutboundMessageRequested(
        "e-1",
        "ch-1",
        "s-1",
        null,
        ConnectorType.TELEGRAM,
        "c-1",
        "4242",
        "552093841",
        OutboundMessageKind.AGENT_REPLY,
        text,
        List.of(),
        buttons,
        sender,
        null,
        Instant.parse("2026-11-25T10:15:30Z"));
  }
}
