package dev.switchboard.events;

import java.util.List;
import java.util.Map;

/**
 * Preconditions the event records apply in their constructors, so an event missing what its
 * consumers cannot do without fails when it is built or read, naming the field.
 */
public final class Checks {

  private Checks() {}

  public static String requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required and must not be blank");
    }
    return value;
  }

  public static <T> T requireValue(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  /** An immutable copy; a missing list reads as empty, so consumers never null-check it. */
  public static <T> List<T> listOrEmpty(List<T> values) {
    return values == null ? List.of() : List.copyOf(values);
  }

  /** An immutable copy; a missing map reads as empty. */
  public static <K, V> Map<K, V> mapOrEmpty(Map<K, V> values) {
    return values == null ? Map.of() : Map.copyOf(values);
  }
}
