package dev.switchboard.platform.runtime.secrets;

import dev.switchboard.events.config.SecretsCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The cipher of connector secrets (bot tokens, webhook secrets), shared by channel-config-service,
 * which seals them, and connector-gateway, which opens them. The key comes from {@code
 * CONNECTOR_SECRETS_KEY} (base64 AES key, from the environment or a Kubernetes Secret); it is never
 * committed.
 */
@ApplicationScoped
public class SecretsCipherProducer {

  @ConfigProperty(name = "switchboard.connector-secrets.key")
  Optional<String> key;

  @ConfigProperty(name = "switchboard.connector-secrets.key-id", defaultValue = "k1")
  String keyId;

  /**
   * @throws IllegalStateException naming {@code CONNECTOR_SECRETS_KEY} (never its value) when it is
   *     missing or not the base64 of an AES key; a service that needs the cipher checks this at
   *     start-up and refuses to start
   */
  @Produces
  @ApplicationScoped
  SecretsCipher secretsCipher() {
    String base64 =
        key.filter(k -> !k.isBlank())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "CONNECTOR_SECRETS_KEY is not set: give it a base64 AES-256 key"
                            + " (./switchboard generates one under .switchboard/keys)"));
    try {
      return SecretsCipher.withBase64Key(keyId, base64.strip());
    } catch (IllegalArgumentException e) {
      // The decoder's message names a character of the key at most, never the key.
      throw new IllegalStateException(
          "CONNECTOR_SECRETS_KEY is not a usable key ("
              + e.getMessage()
              + "): give the base64 of 16, 24 or 32 random bytes, e.g. openssl rand -base64 32");
    }
  }
}
