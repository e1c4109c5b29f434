package dev.switchboard.platform.runtime.outbox;

import io.vertx.core.json.DecodeException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Why Kafka will never take an outbox row, however often it is sent: the record is larger than the
 * producer's or the broker's limit, its topic name is invalid, the record itself is refused, or the
 * row cannot be read. A broker that is away, a leader being elected or a timeout are not refusals:
 * they pass, and the row is sent again.
 */
final class KafkaRefusals {

  private KafkaRefusals() {}

  /** The reason a row is refused for good, or null when sending it again may succeed. */
  static String permanentReason(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable f = failure; f != null && seen.put(f, true) == null; f = f.getCause()) {
      if (f instanceof RecordTooLargeException
          || f instanceof RecordBatchTooLargeException
          || f instanceof InvalidTopicException
          || f instanceof InvalidRecordException
          || f instanceof SerializationException
          || f instanceof DecodeException) {
        return f.getClass().getSimpleName() + ": " + f.getMessage();
      }
    }
    return null;
  }
}
