package dev.switchboard.config.shared.api;

import dev.switchboard.platform.runtime.api.ProblemException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code If-Match} precondition of a write (API.md "Concurrency"): the versions the client
 * accepts, as the ETags {@code "<version>"} this API hands out. Absent means "apply to the latest
 * version".
 */
public final class IfMatch {

  private static final IfMatch ABSENT = new IfMatch(false, List.of(), false);

  private final boolean any;
  private final List<Long> versions;
  private final boolean present;

  private IfMatch(boolean any, List<Long> versions, boolean present) {
    this.any = any;
    this.versions = versions;
    this.present = present;
  }

  /**
   * Parses the header: {@code "3"}, {@code "3", "4"}, {@code *}, or null. A weak tag ({@code
   * W/"3"}) is understood but never matches: If-Match compares strongly (RFC 9110, 13.1.1).
   */
  public static IfMatch parse(String header) {
    if (header == null || header.isBlank()) {
      return ABSENT;
    }
    if (header.strip().equals("*")) {
      return new IfMatch(true, List.of(), true);
    }
    List<Long> versions = new ArrayList<>();
    for (String tag : header.split(",")) {
      String value = tag.strip();
      boolean weak = value.startsWith("W/");
      if (weak) {
        value = value.substring(2);
      }
      if (value.length() < 3 || !value.startsWith("\"") || !value.endsWith("\"")) {
        throw malformed();
      }
      try {
        long version = Long.parseLong(value.substring(1, value.length() - 1));
        if (!weak) {
          versions.add(version);
        }
      } catch (NumberFormatException e) {
        throw malformed();
      }
    }
    return new IfMatch(false, List.copyOf(versions), true);
  }

  public boolean present() {
    return present;
  }

  /**
   * The version a conditional write must find: the current one when it matches (or when there is no
   * precondition).
   *
   * @throws StaleVersionException when the client's version is not the current one
   */
  public long require(long current) {
    if (!present() || any || versions.contains(current)) {
      return current;
    }
    throw new StaleVersionException(current);
  }

  private static ProblemException malformed() {
    return ProblemException.badField(
        "If-Match", "must be an ETag this API gave out, such as \"3\", or *");
  }
}
