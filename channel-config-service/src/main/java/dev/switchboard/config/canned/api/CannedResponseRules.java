package dev.switchboard.config.canned.api;

import dev.switchboard.config.canned.domain.CannedResponse;
import dev.switchboard.config.canned.store.CannedResponseStore.ListDraft;
import dev.switchboard.config.shared.api.FieldErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Validation of a canned-response list (A8). */
final class CannedResponseRules {

  static final int NAME_MAX_LENGTH = 100;
  static final int ITEMS_MAX = 500;
  static final int QUERY_MAX_LENGTH = 200;

  private CannedResponseRules() {}

  /**
   * @param pathId the id of the path, or null on creation
   */
  static ListDraft draft(String pathId, CannedResponseListRequest request) {
    FieldErrors errors = new FieldErrors();
    if (request == null) {
      errors.add("name", "is required");
      errors.throwIfAny();
    }
    if (request.id() != null && !request.id().equals(pathId)) {
      errors.add(
          "id",
          pathId == null
              ? "is read-only: the new list's id is chosen by the service"
              : "is read-only: it must be the list id of the path");
    }
    String name = request.name() == null ? null : request.name().strip();
    if (name == null || name.isEmpty()) {
      errors.add("name", "is required and must not be blank");
    } else if (name.length() > NAME_MAX_LENGTH) {
      errors.add("name", "must be at most " + NAME_MAX_LENGTH + " characters");
    }
    List<CannedResponse> items = items(request.items(), errors);
    errors.throwIfAny();
    return new ListDraft(name, items);
  }

  private static List<CannedResponse> items(List<CannedResponse> requested, FieldErrors errors) {
    if (requested == null) {
      return List.of();
    }
    if (requested.size() > ITEMS_MAX) {
      errors.add("items", "must hold at most " + ITEMS_MAX + " responses");
      return List.of();
    }
    List<CannedResponse> items = new ArrayList<>();
    Map<String, Integer> shortcuts = new HashMap<>();
    for (int i = 0; i < requested.size(); i++) {
      CannedResponse item = requested.get(i);
      String field = "items[" + i + "]";
      if (item == null) {
        errors.add(field, "must be a response {shortcut, text}");
        continue;
      }
      String shortcut = item.shortcut() == null ? null : item.shortcut().strip();
      if (shortcut == null || shortcut.isEmpty()) {
        errors.add(field + ".shortcut", "is required and must not be blank");
      } else if (shortcut.length() > CannedResponse.SHORTCUT_MAX_LENGTH
          || shortcut.codePoints().anyMatch(Character::isWhitespace)) {
        errors.add(
            field + ".shortcut",
            "must be 1 to " + CannedResponse.SHORTCUT_MAX_LENGTH + " characters without spaces");
      } else {
        Integer first = shortcuts.putIfAbsent(shortcut.toLowerCase(Locale.ROOT), i);
        if (first != null) {
          errors.add(field + ".shortcut", "repeats items[" + first + "].shortcut");
        }
      }
      String text = item.text();
      if (text == null || text.isBlank()) {
        errors.add(field + ".text", "is required and must not be blank");
      } else if (text.length() > CannedResponse.TEXT_MAX_LENGTH) {
        errors.add(
            field + ".text", "must be at most " + CannedResponse.TEXT_MAX_LENGTH + " characters");
      }
      items.add(new CannedResponse(shortcut, text));
    }
    return items;
  }

  /** The search text, lower case; blank or absent means "everything". */
  static String query(String q) {
    if (q == null || q.isBlank()) {
      return "";
    }
    if (q.length() > QUERY_MAX_LENGTH) {
      FieldErrors errors = new FieldErrors();
      errors.add("q", "must be at most " + QUERY_MAX_LENGTH + " characters");
      errors.throwIfAny();
    }
    return q.strip().toLowerCase(Locale.ROOT);
  }
}
