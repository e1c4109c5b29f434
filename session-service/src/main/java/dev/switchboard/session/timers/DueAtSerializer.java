package dev.switchboard.session.timers;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A timer's data is the time it was scheduled for, as ISO-8601 text in UTF-8: readable in SQL and
 * written by {@link SessionTimers} without Java serialization. A retry moves {@code
 * execution_time}, never the data, so a handler always gets the original due time.
 */
final class DueAtSerializer implements Serializer {

  static String text(Instant dueAt) {
    return dueAt.toString();
  }

  @Override
  public byte[] serialize(Object data) {
    return data == null ? null : text((Instant) data).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public <T> T deserialize(Class<T> type, byte[] serialized) {
    return serialized == null
        ? null
        : type.cast(Instant.parse(new String(serialized, StandardCharsets.UTF_8)));
  }
}
