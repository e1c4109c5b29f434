package dev.switchboard.gateway.connector.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.switchboard.events.config.SecretsCipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A connector's secrets, opened: {@code {"botToken": "...", "webhookSecret": "..."}} as sealed by
 * channel-config-service (docs/flows/first-conversation.md). Never logged.
 */
public final class ConnectorSecrets {

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final String botToken;
  private final String webhookSecret;

  /** The shortest webhook secret accepted, as channel-config-service requires it. */
  public static final int MIN_WEBHOOK_SECRET_LENGTH = 16;

  public ConnectorSecrets(String botToken, String webhookSecret) {
    this.botToken = botToken;
    this.webhookSecret = webhookSecret;
  }

  /**
   * Opens the registration's secrets; the connector id is the associated data they were sealed
   * with.
   *
   * @throws UnusableSecretsException when there are none, or they do not open or parse
   */
  public static ConnectorSecrets open(SecretsCipher cipher, ConnectorRegistration registration) {
    if (registration.secrets() == null) {
      throw new UnusableSecretsException(
          "Connector " + registration.connectorId() + " has no secrets");
    }
    byte[] plain;
    try {
      plain =
          cipher.open(
              registration.secrets(), registration.connectorId().getBytes(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new UnusableSecretsException(
          "The secrets of connector "
              + registration.connectorId()
              + " do not open: "
              + e.getMessage());
    }
    try {
      JsonNode secrets = JSON.readTree(plain);
      return new ConnectorSecrets(text(secrets, "botToken"), text(secrets, "webhookSecret"));
    } catch (IOException e) {
      throw new UnusableSecretsException(
          "The secrets of connector " + registration.connectorId() + " are not a JSON object");
    }
  }

  public String botToken() {
    if (botToken == null) {
      throw new UnusableSecretsException("The connector has no bot token");
    }
    return botToken;
  }

  /**
   * Whether {@code presented} is the webhook secret, compared in constant time (SHA-256 of both, so
   * not even the length leaks). A connector without a secret, or with one shorter than {@value
   * #MIN_WEBHOOK_SECRET_LENGTH} characters (registered before channel-config-service required that
   * length; guessable), accepts nothing until its secret is rotated.
   */
  public boolean webhookSecretMatches(String presented) {
    if (webhookSecret == null
        || webhookSecret.length() < MIN_WEBHOOK_SECRET_LENGTH
        || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(webhookSecret), sha256(presented));
  }

  @Override
  public String toString() {
    return "ConnectorSecrets[<redacted>]";
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() ? null : value.asText();
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The secrets cannot be used: missing, sealed under an unknown key, tampered with. */
  public static class UnusableSecretsException extends RuntimeException {
    public UnusableSecretsException(String message) {
      super(message);
    }
  }
}
