package dev.switchboard.session.conversation.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.events.common.Attachment;
import dev.switchboard.events.common.AttachmentType;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.session.conversation.domain.InboundContract.Rule;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundContractRulesTest {

  private static final String KEY = "custom:shop-42:chat-7";

  @Test
  void aMessageAtEveryLimitIsAccepted() {
    Attachment file =
        new Attachment(AttachmentType.FILE, "u".repeat(2048), "n".repeat(255), "m".repeat(255), 0L);
    InboundMessageReceived atLimits =
        message(
            "t".repeat(10_000),
            Collections.nCopies(10, file),
            new ClientIdentity(
                "i".repeat(255),
                "d".repeat(255),
                null,
                null,
                null,
                "a".repeat(2048),
                null,
                null,
                null));

    assertThat(InboundContract.check(atLimits, KEY), nullValue());
    assertThat(InboundContract.recordSize(InboundContract.MAX_RECORD_BYTES), nullValue());
  }

  @Test
  void oneCharacterOverALimitIsRefusedNamingTheField() {
    Attachment file =
        new Attachment(AttachmentType.FILE, "https://f/1", "n".repeat(256), null, null);

    assertThat(
        InboundContract.check(message("hi", List.of(file), client()), KEY).reason(),
        equalTo("attachments[0].name is 256 characters long, more than 255 allowed"));
    assertThat(
        InboundContract.check(message("t".repeat(10_001), List.of(), client()), KEY).rule(),
        equalTo(Rule.SIZE));
    assertThat(
        InboundContract.recordSize(InboundContract.MAX_RECORD_BYTES + 1).rule(),
        equalTo(Rule.SIZE));
  }

  @Test
  void anAttachmentAloneIsContentButAnEmptyTextIsNot() {
    Attachment photo = new Attachment(AttachmentType.IMAGE, "https://f/1", null, null, null);

    assertThat(InboundContract.check(message(null, List.of(photo), client()), KEY), nullValue());
    assertThat(
        InboundContract.check(message("", List.of(), client()), KEY).rule(), equalTo(Rule.CONTENT));
  }

  @Test
  void theKeyMustBeTheMessagesOwnChatKey() {
    InboundMessageReceived message = message("hi", List.of(), client());

    assertThat(InboundContract.check(message, "custom:shop-42:chat-8").rule(), equalTo(Rule.KEY));
    assertThat(InboundContract.check(message, null).rule(), equalTo(Rule.KEY));
  }

  private static ClientIdentity client() {
    return ClientIdentity.anonymous("user-9");
  }

  private static InboundMessageReceived message(
      String text, List<Attachment> attachments, ClientIdentity client) {
    Instant now = Instant.parse("2026-12-07T05:00:00Z");
    return new InboundMessageReceived(
        "e1",
        ConnectorType.CUSTOM,
        "c1",
        "shop-42",
        "chat-7",
        "m1",
        client,
        text,
        attachments,
        null,
        now);
  }
}
