package dev.switchboard.session.conversation.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.events.common.Attachment;
import dev.switchboard.events.common.AttachmentType;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.inbound.InboundMessageReceived;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorableTextTest {

  @Test
  void everyNulIsReplacedByTheReplacementCharacterAndNothingElseChanges() {
    assertThat(StorableText.of("a\u0000b\u0000"), equalTo("a\uFFFDb\uFFFD"));
    assertThat(StorableText.of("¿Hola?"), equalTo("¿Hola?"));
    assertThat(StorableText.of((String) null), nullValue());
  }

  /** Found by SessionFuzzTest: PostgreSQL refused the bytes, the message was dead-lettered. */
  @Test
  void anUnpairedSurrogateIsReplacedAndAPairIsKept() {
    assertThat(StorableText.of("a\uD800\u0249b"), equalTo("a\uFFFD\u0249b"));
    assertThat(StorableText.of("\uDC00x\uD83D"), equalTo("\uFFFDx\uFFFD"));
    assertThat(StorableText.of("😀 ok"), equalTo("😀 ok"));
  }

  @Test
  void aClientsMessageLosesItsNulsInTheTextTheClientsNameAndTheAttachments() {
    Instant now = Instant.parse("2026-12-07T05:00:00Z");
    InboundMessageReceived event =
        new InboundMessageReceived(
            "e1",
            ConnectorType.TELEGRAM,
            "c1",
            "a1",
            "chat1",
            "m1",
            new ClientIdentity("u1", "Ma\u0000ría", null, null, null, null, null, null, "es"),
            "Hola\u0000",
            List.of(new Attachment(AttachmentType.FILE, "https://x/f", "f\u0000.txt", null, 3L)),
            now,
            now);

    InboundMessageReceived storable = StorableText.of(event);

    assertThat(storable.text(), equalTo("Hola\uFFFD"));
    assertThat(storable.client().displayName(), equalTo("Ma\uFFFDría"));
    assertThat(storable.attachments().get(0).name(), equalTo("f\uFFFD.txt"));
    assertThat(storable.id(), equalTo("e1"));
    assertThat(StorableText.of(storable), equalTo(storable));
  }
}
