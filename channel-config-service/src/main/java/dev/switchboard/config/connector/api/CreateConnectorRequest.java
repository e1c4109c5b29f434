package dev.switchboard.config.connector.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /api/v1/channels/{id}/connectors}. The secrets are write-only: stored sealed, never
 * answered, never logged ({@link #toString()} hides them).
 */
public record CreateConnectorRequest(
    @Schema(
            required = true,
            description = "The connector kind; only telegram is supported yet",
            enumeration = {"telegram"})
        String type,
    @Schema(
            required = true,
            writeOnly = true,
            description = "The token BotFather gave: <bot id>:<35 or more of A-Z a-z 0-9 _ ->",
            example = "123456789:AAH4s9mYq2Qm0m2b7c8Xk1Zr6TqFv3WpLsQ")
        String botToken,
    @Schema(
            required = true,
            writeOnly = true,
            description =
                "Telegram repeats it in X-Telegram-Bot-Api-Secret-Token on every webhook call: 1 to"
                    + " 256 of A-Z a-z 0-9 _ -")
        String webhookSecret) {

  @Override
  public String toString() {
    return "CreateConnectorRequest[type="
        + type
        + ", botToken=<redacted>, webhookSecret=<redacted>]";
  }
}
