package dev.switchboard.session.conversation.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/sessions/{id}/messages}: an agent's reply. */
public record SendMessageRequest(
    @Schema(
            required = true,
            description = "The reply's text; not blank",
            maxLength = SendMessageRequest.MAX_TEXT_LENGTH)
        String text) {

  /** Telegram's limit for one message, the strictest of the connectors of issue 3. */
  public static final int MAX_TEXT_LENGTH = 4096;
}
