package dev.switchboard.session.history.store;

import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code WHERE} of a report or list query built from the filters actually given, so that
 * PostgreSQL plans each combination with its own index (no {@code $1 IS NULL OR ...}, which hides
 * them from a generic plan).
 */
public final class SqlWhere {

  private final List<String> conditions = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();

  /**
   * Adds {@code column op $n} when the value is given; {@code op} is e.g. {@code =} or {@code <}.
   */
  public SqlWhere and(String column, String op, Object value) {
    if (value != null) {
      values.add(value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
      conditions.add(column + " " + op + " $" + values.size());
    }
    return this;
  }

  /** Adds a condition without a value, e.g. {@code unanswered_since IS NOT NULL}. */
  public SqlWhere and(String condition) {
    conditions.add(condition);
    return this;
  }

  /** The next parameter's placeholder, for a value that follows the conditions (e.g. a limit). */
  public String next(Object value) {
    values.add(value);
    return "$" + values.size();
  }

  /** {@code " WHERE a AND b"}, or nothing without conditions. */
  public String sql() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  public Tuple values() {
    return Tuple.from(values);
  }
}
