package dev.switchboard.config.agent.api;

import dev.switchboard.config.agent.domain.Absence;
import dev.switchboard.config.agent.store.AgentStore.AgentDraft;
import dev.switchboard.config.shared.api.FieldErrors;
import dev.switchboard.platform.runtime.api.AgentIdRule;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Validation of what an administrator sends about an agent. */
final class AgentRules {

  static final int NAME_MAX_LENGTH = 200;
  static final int AVATAR_URL_MAX_LENGTH = 2000;
  static final int DEPARTMENTS_MAX = 100;
  static final int DEPARTMENT_ID_MAX_LENGTH = 200;
  static final int ABSENCES_MAX = 100;
  static final int REASON_MAX_LENGTH = 200;

  private AgentRules() {}

  static boolean isAgentId(String agentId) {
    return AgentIdRule.isAgentId(agentId);
  }

  static AgentDraft draft(String agentId, AgentRequest request) {
    FieldErrors errors = new FieldErrors();
    if (!isAgentId(agentId)) {
      errors.add("agentId", AgentIdRule.MESSAGE);
    }
    if (request == null) {
      errors.add("name", "is required");
      errors.throwIfAny();
    }
    if (request.id() != null && !request.id().equals(agentId)) {
      errors.add("id", "is read-only: it must be the agent id of the path");
    }
    String name = request.name() == null ? null : request.name().strip();
    if (name == null || name.isEmpty()) {
      errors.add("name", "is required and must not be blank");
    } else if (name.length() > NAME_MAX_LENGTH) {
      errors.add("name", "must be at most " + NAME_MAX_LENGTH + " characters");
    }
    String avatarUrl = request.avatarUrl();
    if (avatarUrl != null && !isHttpUrl(avatarUrl)) {
      errors.add(
          "avatarUrl",
          "must be an absolute http or https URL of at most "
              + AVATAR_URL_MAX_LENGTH
              + " characters, or null");
    }
    List<String> departments = departments(request.departments(), errors);
    List<Absence> absences = absences(request.absences(), errors);
    errors.throwIfAny();
    return new AgentDraft(
        name, avatarUrl, departments, Boolean.TRUE.equals(request.dismissed()), absences);
  }

  /** Q6: each period with from and to, to after from; in the order given. */
  private static List<Absence> absences(List<Absence> requested, FieldErrors errors) {
    if (requested == null) {
      return List.of();
    }
    if (requested.size() > ABSENCES_MAX) {
      errors.add("absences", "must hold at most " + ABSENCES_MAX + " periods");
      return List.of();
    }
    List<Absence> absences = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      Absence absence = requested.get(i);
      String field = "absences[" + i + "]";
      if (absence == null) {
        errors.add(field, "must be a period {from, to}");
        continue;
      }
      if (absence.from() == null) {
        errors.add(field + ".from", "is required (an ISO-8601 instant)");
      }
      if (absence.to() == null) {
        errors.add(field + ".to", "is required (an ISO-8601 instant)");
      }
      if (absence.from() != null && absence.to() != null && !absence.to().isAfter(absence.from())) {
        errors.add(field + ".to", "must be after from");
      }
      String reason = absence.reason();
      if (reason != null && (reason.isBlank() || reason.length() > REASON_MAX_LENGTH)) {
        errors.add(field + ".reason", "must be 1 to " + REASON_MAX_LENGTH + " characters, or null");
      }
      absences.add(absence);
    }
    return absences;
  }

  private static List<String> departments(List<String> requested, FieldErrors errors) {
    if (requested == null) {
      return List.of();
    }
    if (requested.size() > DEPARTMENTS_MAX) {
      errors.add("departments", "must hold at most " + DEPARTMENTS_MAX + " departments");
      return List.of();
    }
    List<String> departments = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < requested.size(); i++) {
      String department = requested.get(i);
      String field = "departments[" + i + "]";
      if (department == null || department.isBlank()) {
        errors.add(field, "must be a department id, not blank");
      } else if (department.length() > DEPARTMENT_ID_MAX_LENGTH) {
        errors.add(field, "must be at most " + DEPARTMENT_ID_MAX_LENGTH + " characters");
      } else if (seen.containsKey(department)) {
        errors.add(field, "repeats departments[" + seen.get(department) + "]");
      } else {
        seen.put(department, i);
        departments.add(department);
      }
    }
    return departments;
  }

  private static boolean isHttpUrl(String value) {
    if (value.length() > AVATAR_URL_MAX_LENGTH) {
      return false;
    }
    try {
      URI uri = new URI(value);
      return uri.isAbsolute()
          && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
