package dev.switchboard.gateway.connector.store;

import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.config.ConnectorRegistrationChanged;
import dev.switchboard.events.config.EncryptedSecrets;
import dev.switchboard.gateway.connector.domain.ConnectorRegistration;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The connector registrations in PostgreSQL (table {@code connector_registration}). A registration
 * is replaced only by a higher version, so a redelivered or older record changes nothing.
 */
@ApplicationScoped
public class ConnectorRegistrationStore {

  private static final String KEEP_IF_NEWER =
      """
      INSERT INTO connector_registration (connector_id, channel_id, connector_type, account_id,
          version, deleted, secrets_alg, secrets_key_id, secrets_nonce, secrets_ciphertext,
          event_id, changed_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
      ON CONFLICT (connector_id) DO UPDATE SET
          channel_id = EXCLUDED.channel_id, connector_type = EXCLUDED.connector_type,
          account_id = EXCLUDED.account_id, version = EXCLUDED.version, deleted = EXCLUDED.deleted,
          secrets_alg = EXCLUDED.secrets_alg, secrets_key_id = EXCLUDED.secrets_key_id,
          secrets_nonce = EXCLUDED.secrets_nonce, secrets_ciphertext = EXCLUDED.secrets_ciphertext,
          event_id = EXCLUDED.event_id, changed_at = EXCLUDED.changed_at, stored_at = now()
      WHERE connector_registration.version < EXCLUDED.version
      """;

  @Inject Pool pool;

  /** Stores the registration unless a version at least as high is held; true when stored. */
  public Uni<Boolean> keepIfNewer(ConnectorRegistrationChanged event) {
    EncryptedSecrets secrets = event.encryptedSecrets();
    Tuple values =
        Tuple.from(
            Arrays.asList(
                event.connectorId(),
                event.channelId(),
                event.connectorType().wireName(),
                event.accountId(),
                event.version(),
                event.deleted(),
                secrets == null ? null : secrets.alg(),
                secrets == null ? null : secrets.keyId(),
                secrets == null ? null : secrets.nonce(),
                secrets == null ? null : secrets.ciphertext(),
                event.id(),
                OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC)));
    return pool.preparedQuery(KEEP_IF_NEWER)
        .execute(values)
        .map(RowSet::rowCount)
        .map(count -> count > 0);
  }

  public Uni<Optional<ConnectorRegistration>> find(String connectorId) {
    return pool.preparedQuery(
            "SELECT connector_id, channel_id, connector_type, account_id, version, deleted,"
                + " secrets_alg, secrets_key_id, secrets_nonce, secrets_ciphertext"
                + " FROM connector_registration WHERE connector_id = $1")
        .execute(Tuple.of(connectorId))
        .map(
            rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  /**
   * The {@code limit} registrations stored last that are not deleted and carry secrets sealed under
   * {@code keyId}, newest first.
   */
  public Uni<List<ConnectorRegistration>> newestWithSecrets(String keyId, int limit) {
    return pool.preparedQuery(
            "SELECT connector_id, channel_id, connector_type, account_id, version, deleted,"
                + " secrets_alg, secrets_key_id, secrets_nonce, secrets_ciphertext"
                + " FROM connector_registration"
                + " WHERE NOT deleted AND secrets_ciphertext IS NOT NULL AND secrets_key_id = $1"
                + " ORDER BY stored_at DESC LIMIT $2")
        .execute(Tuple.of(keyId, limit))
        .map(
            rows -> {
              List<ConnectorRegistration> newest = new ArrayList<>(rows.size());
              rows.forEach(row -> newest.add(map(row)));
              return newest;
            });
  }

  private static ConnectorRegistration map(Row row) {
    String ciphertext = row.getString("secrets_ciphertext");
    EncryptedSecrets secrets =
        ciphertext == null
            ? null
            : new EncryptedSecrets(
                row.getString("secrets_alg"),
                row.getString("secrets_key_id"),
                row.getString("secrets_nonce"),
                ciphertext);
    return new ConnectorRegistration(
        row.getString("connector_id"),
        row.getString("channel_id"),
        ConnectorType.fromWireName(row.getString("connector_type")),
        row.getString("account_id"),
        row.getLong("version"),
        row.getBoolean("deleted"),
        secrets);
  }
}
