package dev.switchboard.config.connector.api;

import dev.switchboard.config.connector.domain.TelegramCredentials;
import dev.switchboard.config.shared.api.FieldErrors;
import dev.switchboard.events.common.ConnectorType;
import java.util.Arrays;

/**
 * Validation of a new connector. The messages describe the expected format and never repeat what
 * was sent: it may be a secret.
 */
final class ConnectorRules {

  private ConnectorRules() {}

  static TelegramCredentials telegram(CreateConnectorRequest request) {
    FieldErrors errors = new FieldErrors();
    if (request == null) {
      errors.add("type", "is required: telegram");
      errors.throwIfAny();
    }
    if (request.type() == null || request.type().isBlank()) {
      errors.add("type", "is required: telegram");
    } else {
      ConnectorType type = knownType(request.type());
      if (type == null) {
        errors.add("type", "is not a connector type; expected one of " + wireNames());
      } else if (type != ConnectorType.TELEGRAM) {
        errors.add("type", type.wireName() + " connectors are not supported yet; only telegram");
      }
    }
    if (errors.has("type")) {
      errors.throwIfAny();
    }
    if (request.botToken() == null || request.botToken().isEmpty()) {
      errors.add("botToken", "is required: the token BotFather gave the bot");
    } else if (!TelegramCredentials.isBotToken(request.botToken())) {
      errors.add(
          "botToken",
          "is not a Telegram bot token: <bot id>:<35 to 200 characters of A-Z a-z 0-9 _ ->");
    }
    if (request.webhookSecret() == null || request.webhookSecret().isEmpty()) {
      errors.add("webhookSecret", "is required: 16 to 256 characters of A-Z a-z 0-9 _ -");
    } else if (!TelegramCredentials.isWebhookSecret(request.webhookSecret())) {
      errors.add("webhookSecret", "must be 16 to 256 characters of A-Z a-z 0-9 _ -");
    }
    errors.throwIfAny();
    return TelegramCredentials.of(request.botToken(), request.webhookSecret());
  }

  private static ConnectorType knownType(String value) {
    try {
      return ConnectorType.fromWireName(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String wireNames() {
    return String.join(
        ", ", Arrays.stream(ConnectorType.values()).map(ConnectorType::wireName).toList());
  }
}
