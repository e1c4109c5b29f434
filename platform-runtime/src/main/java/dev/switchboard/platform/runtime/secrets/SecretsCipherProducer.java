package dev.switchboard.platform.runtime.secrets;

import dev.switchboard.events.config.SecretsCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.LinkedHashMap;
import java.util.Map;
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
   * Keys that no longer seal but still open, during a rotation: {@code id:base64} entries separated
   * by commas, the id being the one each ciphertext names ({@code CONNECTOR_SECRETS_OLD_KEYS}).
   */
  @ConfigProperty(name = "switchboard.connector-secrets.old-keys")
  Optional<String> oldKeys;

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
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(keyId, base64.strip());
    keys.putAll(oldKeys(keyId, oldKeys.orElse("")));
    try {
      return SecretsCipher.withBase64Keys(keyId, keys);
    } catch (IllegalArgumentException e) {
      // The decoder's message names a character of the key at most, never the key.
      throw new IllegalStateException(
          "CONNECTOR_SECRETS_KEY or CONNECTOR_SECRETS_OLD_KEYS holds no usable key ("
              + e.getMessage()
              + "): give the base64 of 16, 24 or 32 random bytes, e.g. openssl rand -base64 32");
    }
  }

  /**
   * The old keys by id; never the current id again (that would let an old key seal), never an entry
   * without its id (the ciphertexts name theirs).
   *
   * @throws IllegalStateException naming the entry's position, never its value
   */
  static Map<String, String> oldKeys(String currentKeyId, String entries) {
    Map<String, String> keys = new LinkedHashMap<>();
    String[] parts = entries.split(",");
    for (int i = 0; i < parts.length; i++) {
      String entry = parts[i].strip();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      String id = colon < 0 ? "" : entry.substring(0, colon).strip();
      if (id.isEmpty() || colon == entry.length() - 1) {
        throw new IllegalStateException(
            "CONNECTOR_SECRETS_OLD_KEYS entry "
                + (i + 1)
                + " is not keyId:base64Key (e.g. k1:<the old CONNECTOR_SECRETS_KEY>)");
      }
      if (id.equals(currentKeyId) || keys.containsKey(id)) {
        throw new IllegalStateException(
            "CONNECTOR_SECRETS_OLD_KEYS names key id '"
                + id
                + "' twice or as CONNECTOR_SECRETS_KEY_ID: give the new key a new id");
      }
      keys.put(id, entry.substring(colon + 1).strip());
    }
    return keys;
  }
}
