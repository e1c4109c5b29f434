package dev.switchboard.config.queue.store;

import dev.switchboard.config.queue.domain.MemberType;
import dev.switchboard.config.queue.domain.QueueMember;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * One member of a channel's queue, at its position. A queue is replaced as a whole (rows deleted,
 * new rows inserted), so a row's surrogate id never has to be reused.
 */
@Entity
@Table(name = "queue_member")
public class QueueMemberEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "channel_id", nullable = false)
  public UUID channelId;

  @Column(nullable = false)
  public int position;

  @Enumerated(EnumType.STRING)
  @Column(name = "member_type", nullable = false)
  public MemberType memberType;

  @Column(name = "member_id", nullable = false)
  public String memberId;

  static QueueMemberEntity of(UUID channelId, int position, QueueMember member) {
    QueueMemberEntity row = new QueueMemberEntity();
    row.channelId = channelId;
    row.position = position;
    row.memberType = member.type();
    row.memberId = member.id();
    return row;
  }

  QueueMember toMember() {
    return new QueueMember(memberType, memberId);
  }
}
