package dev.switchboard.config.queue.api;

import dev.switchboard.config.queue.domain.MemberType;
import dev.switchboard.config.queue.domain.Queue;
import dev.switchboard.config.queue.domain.QueueMember;
import dev.switchboard.config.shared.api.FieldErrors;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.platform.runtime.api.AgentIdRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Validation of a queue sent by an administrator, naming each bad field by its path. */
final class QueueRules {

  static final int MEMBERS_MAX = 500;
  static final int MEMBER_ID_MAX_LENGTH = 255;

  private QueueRules() {}

  static Queue queue(QueueRequest request) {
    FieldErrors errors = new FieldErrors();
    if (request == null) {
      errors.add("members", "is required; [] empties the queue");
      errors.add("distributionMode", "is required: " + modes());
      errors.throwIfAny();
    }
    List<QueueMember> members = members(request.members(), errors);
    DistributionMode mode = null;
    if (request.distributionMode() == null) {
      errors.add("distributionMode", "is required: " + modes());
    } else {
      try {
        mode = DistributionMode.valueOf(request.distributionMode());
      } catch (IllegalArgumentException e) {
        errors.add("distributionMode", "must be one of " + modes());
      }
    }
    errors.throwIfAny();
    return new Queue(members, mode);
  }

  private static List<QueueMember> members(
      List<QueueRequest.Member> requested, FieldErrors errors) {
    if (requested == null) {
      errors.add("members", "is required; [] empties the queue");
      return List.of();
    }
    if (requested.size() > MEMBERS_MAX) {
      errors.add("members", "must hold at most " + MEMBERS_MAX + " members");
      return List.of();
    }
    List<QueueMember> members = new ArrayList<>();
    Map<QueueMember, Integer> seen = new HashMap<>();
    for (int i = 0; i < requested.size(); i++) {
      String field = "members[" + i + "]";
      QueueRequest.Member member = requested.get(i);
      if (member == null) {
        errors.add(field, "must be an object with type and id");
        continue;
      }
      MemberType type = null;
      if (member.type() == null) {
        errors.add(field + ".type", "is required: USER or DEPARTMENT");
      } else {
        try {
          type = MemberType.valueOf(member.type());
        } catch (IllegalArgumentException e) {
          errors.add(field + ".type", "must be USER or DEPARTMENT");
        }
      }
      boolean idValid = false;
      if (member.id() == null || member.id().isBlank()) {
        errors.add(field + ".id", "is required and must not be blank");
      } else if (member.id().length() > MEMBER_ID_MAX_LENGTH) {
        errors.add(field + ".id", "must be at most " + MEMBER_ID_MAX_LENGTH + " characters");
      } else if (type == MemberType.USER && !AgentIdRule.isAgentId(member.id())) {
        errors.add(field + ".id", AgentIdRule.MESSAGE);
      } else {
        idValid = true;
      }
      if (type == null || !idValid) {
        continue;
      }
      QueueMember valid = new QueueMember(type, member.id());
      Integer first = seen.putIfAbsent(valid, i);
      if (first != null) {
        errors.add(field, "repeats members[" + first + "]");
      } else {
        members.add(valid);
      }
    }
    return members;
  }

  private static String modes() {
    return String.join(
        ", ", Arrays.stream(DistributionMode.values()).map(DistributionMode::name).toList());
  }
}
