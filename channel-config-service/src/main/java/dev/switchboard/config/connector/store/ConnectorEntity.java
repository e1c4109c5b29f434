package dev.switchboard.config.connector.store;

import dev.switchboard.events.config.EncryptedSecrets;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A connector registration (G3). Its secrets are held only sealed ({@link EncryptedSecrets}, the
 * connector id as associated data), and only while it is attached.
 */
@Entity
@Table(name = "connector")
public class ConnectorEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "channel_id", nullable = false)
  public UUID channelId;

  /** The wire name: {@code telegram}, ... */
  @Column(name = "connector_type", nullable = false)
  public String connectorType;

  @Column(name = "account_id", nullable = false)
  public String accountId;

  @Column(name = "secrets_alg")
  public String secretsAlg;

  @Column(name = "secrets_key_id")
  public String secretsKeyId;

  @Column(name = "secrets_nonce")
  public String secretsNonce;

  @Column(name = "secrets_ciphertext")
  public String secretsCiphertext;

  /** Bumped by every change, with a conditional update; the version on oc.config.connectors.v1. */
  @Column(nullable = false)
  public long version;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "deleted_at")
  public Instant deletedAt;

  public EncryptedSecrets sealedSecrets() {
    return secretsCiphertext == null
        ? null
        : new EncryptedSecrets(secretsAlg, secretsKeyId, secretsNonce, secretsCiphertext);
  }

  void seal(EncryptedSecrets sealed) {
    secretsAlg = sealed.alg();
    secretsKeyId = sealed.keyId();
    secretsNonce = sealed.nonce();
    secretsCiphertext = sealed.ciphertext();
  }

  @Override
  public String toString() {
    return "ConnectorEntity[id="
        + id
        + ", channelId="
        + channelId
        + ", type="
        + connectorType
        + ", accountId="
        + accountId
        + ", version="
        + version
        + "]";
  }
}
