package dev.switchboard.events.outbound;

import dev.switchboard.events.Checks;
import java.nio.charset.StandardCharsets;

/**
 * A button the client may press to answer a message (C1 Accept/Decline, R1 1–5), where the
 * connector has buttons (Telegram: an inline keyboard button). The pressed button comes back as an
 * {@code InboundMessageReceived} whose {@code buttonValue} is {@code value} and whose {@code text}
 * is {@code label}.
 *
 * @param label what the client sees on the button: 1 to {@value #MAX_LABEL_CHARS} characters
 * @param value what the platform gets back when it is pressed: 1 to {@value #MAX_VALUE_BYTES} bytes
 *     of UTF-8 (Telegram's {@code callback_data} limit), e.g. {@code consent:accept}, {@code
 *     rating:5}
 */
public record ReplyButton(String label, String value) {

  /** Characters (Unicode code points) of a label at most. */
  public static final int MAX_LABEL_CHARS = 64;

  /** UTF-8 bytes of a value at most: Telegram's {@code callback_data} holds 1–64 bytes. */
  public static final int MAX_VALUE_BYTES = 64;

  public ReplyButton {
    Checks.requireText(label, "button.label");
    Checks.requireText(value, "button.value");
    if (label.codePointCount(0, label.length()) > MAX_LABEL_CHARS) {
      throw new IllegalArgumentException(
          "button.label must be " + MAX_LABEL_CHARS + " characters at most");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException(
          "button.value must be " + MAX_VALUE_BYTES + " bytes of UTF-8 at most");
    }
  }
}
