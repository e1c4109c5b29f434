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

  @Produces
  @ApplicationScoped
  SecretsCipher secretsCipher() {
    return SecretsCipher.withBase64Key(
        keyId,
        key.orElseThrow(
            () ->
                new IllegalStateException(
                    "CONNECTOR_SECRETS_KEY is not set: give it a base64 AES-256 key"
                        + " (./switchboard generates one under .switchboard/keys)")));
  }
}
