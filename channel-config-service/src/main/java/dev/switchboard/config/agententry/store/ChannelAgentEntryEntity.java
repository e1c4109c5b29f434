package dev.switchboard.config.agententry.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Q8: how one agent is shown to the clients of one channel ("the channel's entries"). */
@Entity
@Table(name = "channel_agent_entry")
@IdClass(ChannelAgentEntryEntity.Key.class)
public class ChannelAgentEntryEntity extends PanacheEntityBase {

  /** The primary key (channel, agent). */
  public static class Key implements Serializable {
    public UUID channelId;
    public String agentId;

    public Key() {}

    public Key(UUID channelId, String agentId) {
      this.channelId = channelId;
      this.agentId = agentId;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && Objects.equals(channelId, key.channelId)
          && Objects.equals(agentId, key.agentId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(channelId, agentId);
    }
  }

  @Id
  @Column(name = "channel_id")
  public UUID channelId;

  @Id
  @Column(name = "agent_id")
  public String agentId;

  @Column(name = "display_name", nullable = false)
  public String displayName;

  @Column(name = "avatar_url")
  public String avatarUrl;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
