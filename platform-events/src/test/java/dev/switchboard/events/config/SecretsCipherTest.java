package dev.switchboard.events.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretsCipherTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private static final byte[] CONNECTOR = "connector-1".getBytes(UTF_8);
  private static final byte[] SECRETS = "{\"botToken\":\"123:abc\"}".getBytes(UTF_8);

  private final SecretsCipher cipher = SecretsCipher.withBase64Key("k1", KEY);

  @Test
  void sealedSecretsOpenWithTheSameKeyAndAssociatedData() {
    EncryptedSecrets sealed = cipher.seal(SECRETS, CONNECTOR);

    assertEquals("AES-GCM", sealed.alg());
    assertEquals("k1", sealed.keyId());
    assertEquals(12, Base64.getDecoder().decode(sealed.nonce()).length);
    assertFalse(
        new String(Base64.getDecoder().decode(sealed.ciphertext()), UTF_8).contains("123:abc"));
    assertArrayEquals(SECRETS, cipher.open(sealed, CONNECTOR));
  }

  @Test
  void everySealingUsesAFreshNonce() {
    assertNotEquals(
        cipher.seal(SECRETS, CONNECTOR).nonce(), cipher.seal(SECRETS, CONNECTOR).nonce());
  }

  @Test
  void secretsSealedForOneConnectorDoNotOpenForAnother() {
    EncryptedSecrets sealed = cipher.seal(SECRETS, CONNECTOR);

    assertThrows(
        IllegalArgumentException.class, () -> cipher.open(sealed, "connector-2".getBytes(UTF_8)));
  }

  @Test
  void tamperedCiphertextDoesNotOpen() {
    EncryptedSecrets sealed = cipher.seal(SECRETS, CONNECTOR);
    byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
    bytes[0] ^= 1;
    EncryptedSecrets tampered =
        new EncryptedSecrets(
            sealed.alg(),
            sealed.keyId(),
            sealed.nonce(),
            Base64.getEncoder().encodeToString(bytes));

    assertThrows(IllegalArgumentException.class, () -> cipher.open(tampered, CONNECTOR));
  }

  @Test
  void secretsSealedWithAnOldKeyStillOpenAfterARotation() {
    EncryptedSecrets sealedWithOldKey = cipher.seal(SECRETS, CONNECTOR);
    SecretsCipher rotated =
        new SecretsCipher(
            "k2",
            Map.of(
                "k1",
                new SecretKeySpec(new byte[32], "AES"),
                "k2",
                new SecretKeySpec(new byte[16], "AES")));

    assertArrayEquals(SECRETS, rotated.open(sealedWithOldKey, CONNECTOR));
    assertEquals("k2", rotated.seal(SECRETS, CONNECTOR).keyId());
  }

  @Test
  void anUnknownKeyIdOrAlgorithmIsRefused() {
    EncryptedSecrets sealed = cipher.seal(SECRETS, CONNECTOR);

    assertThrows(
        IllegalArgumentException.class,
        () ->
            cipher.open(
                new EncryptedSecrets(sealed.alg(), "k9", sealed.nonce(), sealed.ciphertext()),
                CONNECTOR));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            cipher.open(
                new EncryptedSecrets(
                    "AES-CBC", sealed.keyId(), sealed.nonce(), sealed.ciphertext()),
                CONNECTOR));
  }

  @Test
  void aKeyOfTheWrongSizeIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SecretsCipher.withBase64Key("k", Base64.getEncoder().encodeToString(new byte[10])));
  }

  @Test
  void printedSecretsShowNoCiphertext() {
    EncryptedSecrets sealed = cipher.seal(SECRETS, CONNECTOR);

    assertFalse(sealed.toString().contains(sealed.ciphertext()));
  }
}
