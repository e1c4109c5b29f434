package dev.switchboard.session.directory.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * This service's copy of one connector registration (oc.config.connectors.v1); written only by
 * {@link DirectoryStore}.
 */
@Entity
@Table(name = "connector_copy")
public class ConnectorCopy extends PanacheEntityBase {

  @Id
  @Column(name = "connector_id")
  public String connectorId;

  @Column(name = "channel_id", nullable = false)
  public String channelId;

  /** The wire name: {@code telegram}, {@code custom}, ... */
  @Column(name = "connector_type", nullable = false)
  public String connectorType;

  @Column(name = "account_id", nullable = false)
  public String accountId;

  @Column(nullable = false)
  public long version;

  @Column(nullable = false)
  public boolean deleted;
}
