package dev.switchboard.config.queue.domain;

import java.util.Objects;

/** One entry of a channel's queue: a user or a department (Q1). */
public record QueueMember(MemberType type, String id) {

  public QueueMember {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
  }
}
