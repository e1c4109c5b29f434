package dev.switchboard.events.config;

import dev.switchboard.events.Checks;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens {@link EncryptedSecrets} with AES-GCM under keys shared by channel-config and the
 * gateway (from the environment or a Kubernetes Secret). The same code on both sides keeps nonce
 * size, tag size and encoding in agreement.
 *
 * <p>Callers pass associated data that binds the ciphertext to its owner (the connector id), so a
 * sealed blob copied onto another connector's registration does not open.
 */
public final class SecretsCipher {

  public static final String ALGORITHM = "AES-GCM";

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final String currentKeyId;
  private final Map<String, SecretKey> keys;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param currentKeyId the key new secrets are sealed with
   * @param keys every key that may still be needed to open secrets, by id (old ones during a
   *     rotation)
   */
  public SecretsCipher(String currentKeyId, Map<String, SecretKey> keys) {
    Checks.requireText(currentKeyId, "currentKeyId");
    if (!keys.containsKey(currentKeyId)) {
      throw new IllegalArgumentException("No key with id '" + currentKeyId + "'");
    }
    this.currentKeyId = currentKeyId;
    this.keys = Map.copyOf(keys);
  }

  /**
   * A cipher with one key given as base64 (16, 24 or 32 bytes), e.g. from an environment variable.
   */
  public static SecretsCipher withBase64Key(String keyId, String base64Key) {
    return withBase64Keys(keyId, Map.of(keyId, base64Key));
  }

  /**
   * A cipher that seals with {@code currentKeyId} and opens with any of {@code base64Keys} (by key
   * id), each the base64 of 16, 24 or 32 bytes: the current key and, during a rotation, the old
   * ones.
   *
   * @throws IllegalArgumentException naming the key id (never the key) that is not an AES key
   */
  public static SecretsCipher withBase64Keys(String currentKeyId, Map<String, String> base64Keys) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    base64Keys.forEach(
        (keyId, base64Key) -> {
          byte[] key;
          try {
            key = Base64.getDecoder().decode(Checks.requireText(base64Key, "base64Key"));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "Key '" + keyId + "' is not base64: " + e.getMessage());
          }
          if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException(
                "An AES key has 16, 24 or 32 bytes; key '" + keyId + "' has " + key.length);
          }
          keys.put(keyId, new SecretKeySpec(key, "AES"));
        });
    return new SecretsCipher(currentKeyId, keys);
  }

  /** The id of the key new secrets are sealed with. */
  public String currentKeyId() {
    return currentKeyId;
  }

  /** The ids of the keys that open but no longer seal (a rotation's old keys). */
  public Set<String> oldKeyIds() {
    Set<String> old = new LinkedHashSet<>(keys.keySet());
    old.remove(currentKeyId);
    return old;
  }

  /**
   * The same secrets sealed with the current key (a rotation moves stored secrets off an old key);
   * {@code sealed} itself when the current key made it already.
   */
  public EncryptedSecrets resealed(EncryptedSecrets sealed, byte[] associatedData) {
    if (currentKeyId.equals(sealed.keyId())) {
      return sealed;
    }
    byte[] plaintext = open(sealed, associatedData);
    try {
      return seal(plaintext, associatedData);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  public EncryptedSecrets seal(byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(
          Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData);
      byte[] ciphertext = cipher.doFinal(plaintext);
      Base64.Encoder base64 = Base64.getEncoder();
      return new EncryptedSecrets(
          ALGORITHM, currentKeyId, base64.encodeToString(nonce), base64.encodeToString(ciphertext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * @throws IllegalArgumentException if the algorithm or key is unknown, or the ciphertext was
   *     tampered with or sealed with other associated data
   */
  public byte[] open(EncryptedSecrets sealed, byte[] associatedData) {
    if (!ALGORITHM.equals(sealed.alg())) {
      throw new IllegalArgumentException("Unsupported secrets algorithm '" + sealed.alg() + "'");
    }
    SecretKey key = keys.get(sealed.keyId());
    if (key == null) {
      throw new IllegalArgumentException(
          "No key with id '" + sealed.keyId() + "' to open these secrets");
    }
    try {
      Base64.Decoder base64 = Base64.getDecoder();
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, base64.decode(sealed.nonce())));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(base64.decode(sealed.ciphertext()));
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalArgumentException(
          "Secrets do not open: wrong key, wrong associated data or tampered ciphertext", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }
}
