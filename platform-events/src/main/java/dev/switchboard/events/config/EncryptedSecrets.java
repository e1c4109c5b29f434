package dev.switchboard.events.config;

import dev.switchboard.events.Checks;

/**
 * A connector's secrets (bot token, app secret, webhook signing key...), encrypted. They never
 * travel in clear: channel-config seals them, the gateway opens them, both with {@link
 * SecretsCipher} and the key named by {@code keyId}.
 *
 * @param alg always {@value SecretsCipher#ALGORITHM}
 * @param keyId which shared key sealed them (keys can be rotated)
 * @param nonce the 12-byte GCM nonce, base64
 * @param ciphertext the encrypted JSON object of secrets followed by the 16-byte GCM tag, base64
 */
public record EncryptedSecrets(String alg, String keyId, String nonce, String ciphertext) {

  public EncryptedSecrets {
    Checks.requireText(alg, "encryptedSecrets.alg");
    Checks.requireText(keyId, "encryptedSecrets.keyId");
    Checks.requireText(nonce, "encryptedSecrets.nonce");
    Checks.requireText(ciphertext, "encryptedSecrets.ciphertext");
  }

  /** Never prints the ciphertext, so a logged event does not leak even the sealed secrets. */
  @Override
  public String toString() {
    return "EncryptedSecrets[alg="
        + alg
        + ", keyId="
        + keyId
        + ", ciphertext=<"
        + ciphertext.length()
        + " chars>]";
  }
}
