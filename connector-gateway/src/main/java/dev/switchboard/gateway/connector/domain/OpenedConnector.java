package dev.switchboard.gateway.connector.domain;

import dev.switchboard.events.config.SecretsCipher;
import dev.switchboard.gateway.connector.domain.ConnectorSecrets.UnusableSecretsException;

/**
 * A connector registration with its secrets opened once, when it was learnt, rather than at every
 * webhook or delivery (AES-GCM and a JSON parse per request otherwise). Secrets that do not open
 * are remembered as such: using them fails as {@link ConnectorSecrets#open} would have.
 */
public final class OpenedConnector {

  private final ConnectorRegistration registration;
  private final ConnectorSecrets secrets;
  private final String unusable;

  private OpenedConnector(
      ConnectorRegistration registration, ConnectorSecrets secrets, String unusable) {
    this.registration = registration;
    this.secrets = secrets;
    this.unusable = unusable;
  }

  public static OpenedConnector open(SecretsCipher cipher, ConnectorRegistration registration) {
    if (registration.deleted()) {
      return new OpenedConnector(
          registration,
          null,
          "Connector " + registration.connectorId() + " was removed from its channel");
    }
    try {
      return new OpenedConnector(registration, ConnectorSecrets.open(cipher, registration), null);
    } catch (UnusableSecretsException e) {
      return new OpenedConnector(registration, null, e.getMessage());
    }
  }

  public ConnectorRegistration registration() {
    return registration;
  }

  public long version() {
    return registration.version();
  }

  /**
   * @throws UnusableSecretsException when the connector has none, or they did not open
   */
  public ConnectorSecrets secrets() {
    if (secrets == null) {
      throw new UnusableSecretsException(unusable);
    }
    return secrets;
  }

  /** Whether {@code presented} is the webhook secret (constant time); false without usable ones. */
  public boolean webhookSecretMatches(String presented) {
    return secrets != null && secrets.webhookSecretMatches(presented);
  }

  @Override
  public String toString() {
    return "OpenedConnector[" + registration.connectorId() + " v" + registration.version() + "]";
  }
}
