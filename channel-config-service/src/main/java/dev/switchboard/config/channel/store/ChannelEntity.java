package dev.switchboard.config.channel.store;

import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.events.routing.DistributionMode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

@Entity
@Table(name = "channel")
public class ChannelEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public boolean active;

  /** Q2-Q4; the queue's members are rows of {@code queue_member}. */
  @Enumerated(EnumType.STRING)
  @Column(name = "distribution_mode", nullable = false)
  public DistributionMode distributionMode = DistributionMode.EVENLY;

  /**
   * Bumped by every change, with a conditional update ({@code ... where version = ?}) so that two
   * writers cannot both think they made version n+1; the API's ETag and the version on
   * oc.config.channels.v1.
   */
  @Column(nullable = false)
  public long version;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "deleted_at")
  public Instant deletedAt;

  /**
   * The settings sections as JSON ({@link SettingsJson}); jsonb in PostgreSQL, read and written as
   * text. Changed only together with a new version ({@link ChannelStore#replaceSettings}).
   */
  @Column(name = "settings", nullable = false)
  @ColumnTransformer(read = "settings::text", write = "cast(cast(? as text) as jsonb)")
  public String settings = "{}";

  public ChannelSections sections() {
    return SettingsJson.read(settings);
  }
}
