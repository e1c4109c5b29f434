package dev.switchboard.config.connector;

import static dev.switchboard.config.Api.admin;
import static dev.switchboard.config.Api.botToken;
import static dev.switchboard.config.Api.database;
import static dev.switchboard.config.Api.newBotId;
import static dev.switchboard.config.Api.newChannel;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.config.connector.store.SecretsRotation;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.Topics;
import dev.switchboard.events.config.ConnectorRegistrationChanged;
import dev.switchboard.events.config.EncryptedSecrets;
import dev.switchboard.events.config.SecretsCipher;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A secrets key rotation (README, "Rotating the connector secrets key"): with a new current key and
 * the old one in {@code CONNECTOR_SECRETS_OLD_KEYS}, stored secrets sealed under the old key are
 * sealed again under the current one, as a new version announced to the gateways, after which the
 * current key alone opens them.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@TestProfile(SecretsRotationTest.WithAnOldKey.class)
class SecretsRotationTest {

  static final String OLD_KEY_ID = "old-" + UUID.randomUUID().toString().substring(0, 8);
  static final String OLD_KEY = randomKey();

  /** The current key is the test run's; the old one is this class's. */
  public static class WithAnOldKey implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("switchboard.connector-secrets.old-keys", OLD_KEY_ID + ":" + OLD_KEY);
    }
  }

  @Inject SecretsRotation rotation;

  @Test
  void secretsSealedUnderTheOldKeyAreResealedUnderTheCurrentOneAndAnnounced() throws Throwable {
    String token = botToken(newBotId());
    String id =
        admin()
            .body(
                "{\"type\":\"telegram\",\"botToken\":\""
                    + token
                    + "\",\"webhookSecret\":\"rotation-webhook-secret\"}")
            .post("/api/v1/channels/" + newChannel() + "/connectors")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    byte[] owner = id.getBytes(StandardCharsets.UTF_8);
    SecretsCipher oldKeyAlone = SecretsCipher.withBase64Key(OLD_KEY_ID, OLD_KEY);
    store(id, oldKeyAlone.seal(secretsJson(token), owner));

    try (TopicProbe connectors = TopicProbe.open(Topics.CONFIG_CONNECTORS)) {
      VertxContextSupport.subscribeAndAwait(rotation::resealUnderTheCurrentKey);

      SecretsCipher currentKeyAlone =
          SecretsCipher.withBase64Key(
              TestTokens.connectorSecretsKeyId(), TestTokens.connectorSecretsKeyBase64());
      EncryptedSecrets stored = stored(id);
      assertThat(stored.keyId(), equalTo(TestTokens.connectorSecretsKeyId()));
      assertThat(
          new String(currentKeyAlone.open(stored, owner), StandardCharsets.UTF_8),
          containsString(token));

      ConsumerRecord<String, String> record = connectors.await(r -> id.equals(r.key()));
      ConnectorRegistrationChanged announced =
          EventJson.read(
              record.value().getBytes(StandardCharsets.UTF_8), ConnectorRegistrationChanged.class);
      assertThat(announced.version(), equalTo(2L));
      assertThat(announced.encryptedSecrets().keyId(), equalTo(TestTokens.connectorSecretsKeyId()));
      assertThat(
          new String(
              currentKeyAlone.open(announced.encryptedSecrets(), owner), StandardCharsets.UTF_8),
          containsString("rotation-webhook-secret"));
    }
    // Nothing is left under the old key: a second pass reseals nothing.
    assertThat(
        VertxContextSupport.subscribeAndAwait(rotation::resealUnderTheCurrentKey), equalTo(0));
  }

  private static byte[] secretsJson(String token) {
    return ("{\"botToken\":\"" + token + "\",\"webhookSecret\":\"rotation-webhook-secret\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void store(String id, EncryptedSecrets sealed) throws Exception {
    try (Connection db = database();
        PreparedStatement update =
            db.prepareStatement(
                "update channel_config.connector set secrets_key_id = ?, secrets_nonce = ?,"
                    + " secrets_ciphertext = ? where id = ?::uuid")) {
      update.setString(1, sealed.keyId());
      update.setString(2, sealed.nonce());
      update.setString(3, sealed.ciphertext());
      update.setString(4, id);
      assertThat(update.executeUpdate(), equalTo(1));
    }
  }

  private static EncryptedSecrets stored(String id) throws Exception {
    try (Connection db = database();
        PreparedStatement query =
            db.prepareStatement(
                "select secrets_alg, secrets_key_id, secrets_nonce, secrets_ciphertext"
                    + " from channel_config.connector where id = ?::uuid")) {
      query.setString(1, id);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return new EncryptedSecrets(
            row.getString(1), row.getString(2), row.getString(3), row.getString(4));
      }
    }
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
