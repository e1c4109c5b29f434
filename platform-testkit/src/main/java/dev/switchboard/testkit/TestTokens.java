package dev.switchboard.testkit;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs bearer tokens for tests with a key pair made for this test run; the services under test
 * verify them with its public key ({@link SwitchboardTestResource} hands it to them). No key is
 * committed anywhere.
 */
public final class TestTokens {

  public static final String ISSUER = "https://switchboard.local/test";

  /** The audience every service expects by default ({@code OIDC_AUDIENCE}). */
  public static final String AUDIENCE = "switchboard";

  private static final String PRIVATE_PROPERTY = "switchboard.test.private-key";
  private static final String PUBLIC_PROPERTY = "switchboard.test.public-key";

  private TestTokens() {}

  /**
   * A valid token for {@code user} with the given roles, for an {@code Authorization: Bearer}
   * header.
   */
  public static String token(String user, String... roles) {
    return claims(user, roles).sign(privateKey());
  }

  /** The same claims, to be changed (expiry, issuer...) and signed by the caller. */
  public static JwtClaimsBuilder claims(String user, String... roles) {
    Instant now = Instant.now();
    return Jwt.issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(user)
        .upn(user)
        .claim("preferred_username", user)
        .groups(new java.util.LinkedHashSet<>(java.util.List.of(roles)))
        .issuedAt(now)
        .expiresAt(now.plus(Duration.ofHours(1)));
  }

  /** Signed with a key the services do not trust. */
  public static String tokenSignedByAnotherKey(String user, String... roles) {
    return claims(user, roles).sign(generate().getPrivate());
  }

  /** Expired ten minutes ago (well past any clock-skew allowance). */
  public static String expiredToken(String user, String... roles) {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    return claims(user, roles)
        .issuedAt(past)
        .expiresAt(past.plus(Duration.ofMinutes(110)))
        .sign(privateKey());
  }

  /** Correctly signed, but by an issuer the services do not know. */
  public static String tokenFromAnotherIssuer(String user, String... roles) {
    return claims(user, roles).issuer("https://evil.example/realms/x").sign(privateKey());
  }

  /** Correctly signed by the issuer, but for another application ({@code "aud": "other"}). */
  public static String tokenForAnotherAudience(String user, String... roles) {
    return claims(user, roles).audience("other").sign(privateKey());
  }

  /** Correctly signed by the issuer, without an {@code aud} claim. */
  public static String tokenWithoutAudience(String user, String... roles) {
    return claims(user, roles).remove("aud").sign(privateKey());
  }

  /** An unsigned token ({@code alg: none}) with otherwise valid claims. */
  public static String unsignedToken(String user, String... roles) {
    String signed = token(user, roles);
    String payload = signed.split("\\.")[1];
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + ".";
  }

  /** Base64 of the X.509 public key, as {@code quarkus.oidc.public-key} takes it. */
  public static synchronized String publicKeyBase64() {
    ensureKeyPair();
    return System.getProperty(PUBLIC_PROPERTY);
  }

  /**
   * A base64 AES-256 key for connector secrets, made for this test run (see {@code
   * SecretsCipherProducer}); shared like the key pair, through a system property.
   */
  public static synchronized String connectorSecretsKeyBase64() {
    String key = System.getProperty("switchboard.test.connector-secrets-key");
    if (key == null) {
      byte[] bytes = new byte[32];
      new java.security.SecureRandom().nextBytes(bytes);
      key = Base64.getEncoder().encodeToString(bytes);
      System.setProperty("switchboard.test.connector-secrets-key", key);
    }
    return key;
  }

  /**
   * The id of {@link #connectorSecretsKeyBase64()}, made for this test run: the test database and
   * topics keep secrets sealed by earlier runs under their own keys, and a key id of its own tells
   * them apart (the gateway's readiness judges only the secrets sealed under its key id).
   */
  public static synchronized String connectorSecretsKeyId() {
    String id = System.getProperty("switchboard.test.connector-secrets-key-id");
    if (id == null) {
      id = "test-" + java.util.UUID.randomUUID().toString().substring(0, 8);
      System.setProperty("switchboard.test.connector-secrets-key-id", id);
    }
    return id;
  }

  private static synchronized PrivateKey privateKey() {
    ensureKeyPair();
    try {
      byte[] der = Base64.getDecoder().decode(System.getProperty(PRIVATE_PROPERTY));
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException(e);
    }
  }

  // The key pair is kept in system properties: the test and the application under test may be
  // loaded by
  // different class loaders, and both must see the same pair.
  private static void ensureKeyPair() {
    if (System.getProperty(PRIVATE_PROPERTY) != null) {
      return;
    }
    KeyPair pair = generate();
    System.setProperty(
        PRIVATE_PROPERTY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
    System.setProperty(
        PUBLIC_PROPERTY, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
