package dev.switchboard.routing.messaging;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Tells a failure caused by Redis (or the network to it) being away from one caused by the record:
 * a record that met an outage is processed once Redis is back, so it is retried for as long as the
 * outage lasts and never dead-lettered for it.
 */
final class Outages {

  /**
   * Redis error replies that are about Redis, not the record: loading its data, busy with a script,
   * a replica or a cluster during a failover, out of memory, unable to persist, or refusing the
   * credentials (every record would fail alike until an operator acts). A reply such as {@code
   * WRONGTYPE} or a script error is not among them: it would fail the same way again.
   */
  private static final List<String> NOT_NOW_REPLIES =
      List.of(
          "LOADING ",
          "BUSY ",
          "MASTERDOWN ",
          "READONLY ",
          "CLUSTERDOWN ",
          "TRYAGAIN ",
          "NOREPLICAS ",
          "OOM ",
          "MISCONF ",
          "NOAUTH ",
          "WRONGPASS ");

  /**
   * What the Redis client says when the connection is gone or refused (lower case); a timeout is
   * known by its class, an I/O failure too.
   */
  private static final List<String> CONNECTION_TROUBLE =
      List.of(
          "connection_closed",
          "connection is closed",
          "connection closed",
          "connection refused",
          "connection reset",
          "connection pool");

  private Outages() {}

  /** Whether {@code failure}, or any of its causes, says Redis or the network is away. */
  static boolean isOutage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException
          || t instanceof java.util.concurrent.TimeoutException
          || t instanceof io.smallrye.mutiny.TimeoutException) {
        return true;
      }
      if (t.getMessage() != null && saysOutage(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  private static boolean saysOutage(String message) {
    if (NOT_NOW_REPLIES.stream().anyMatch(message::startsWith)) {
      return true;
    }
    String lower = message.toLowerCase(Locale.ROOT);
    return CONNECTION_TROUBLE.stream().anyMatch(lower::contains);
  }
}
