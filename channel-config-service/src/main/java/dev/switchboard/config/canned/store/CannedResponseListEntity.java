package dev.switchboard.config.canned.store;

import dev.switchboard.config.canned.domain.CannedResponse;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A8: a canned-response list; its items are JSON in the order given. */
@Entity
@Table(name = "canned_response_list")
public class CannedResponseListEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(nullable = false)
  public String name;

  @Column(name = "items", nullable = false)
  @ColumnTransformer(read = "items::text", write = "cast(cast(? as text) as jsonb)")
  public String items = "[]";

  /** Bumped by every change; the ETag. */
  @Column(nullable = false)
  public long version;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "deleted_at")
  public Instant deletedAt;

  public List<CannedResponse> itemList() {
    return ItemsJson.read(items);
  }

  public void itemList(List<CannedResponse> responses) {
    items = ItemsJson.write(responses);
  }
}
