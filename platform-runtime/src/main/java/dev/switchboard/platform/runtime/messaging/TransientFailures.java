package dev.switchboard.platform.runtime.messaging;

import io.smallrye.mutiny.CompositeException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure that passes by itself (the database restarting, its connections cut, a lost race)
 * from one that will fail the same way every time (a record that cannot be read, a value the
 * database refuses). A consumer retries the first kind without limit and dead-letters only the
 * second: a dead-letter topic is for records that can never be handled, not for a database that is
 * restarting. Anything not recognised here is permanent, so an unknown bug cannot block a partition
 * for good.
 */
public final class TransientFailures {

  /** Vert.x's own messages for a pool or connection that went away (no type of their own). */
  private static final Set<String> CLOSED_MESSAGES =
      Set.of("Pool closed", "Connection was closed", "Connection is closed");

  private TransientFailures() {}

  /** Whether {@code failure}, or any cause of it, is a failure that may pass if tried again. */
  public static boolean isTransient(Throwable failure) {
    return isTransient(failure, new IdentityHashMap<>());
  }

  private static boolean isTransient(Throwable failure, Map<Throwable, Boolean> seen) {
    for (Throwable f = failure; f != null && seen.put(f, true) == null; f = f.getCause()) {
      if (f instanceof CompositeException composite) {
        for (Throwable cause : composite.getCauses()) {
          if (isTransient(cause, seen)) {
            return true;
          }
        }
      }
      if (isTransientItself(f)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTransientItself(Throwable f) {
    if (f instanceof DatabaseException database) {
      return isTransientSqlState(database.getSqlState());
    }
    if (f instanceof SQLException sql) {
      return isTransientSqlState(sql.getSQLState());
    }
    return f instanceof ClosedConnectionException
        // ConnectException (refused), connection reset, broken pipe
        || f instanceof SocketException
        || f instanceof SocketTimeoutException
        || f instanceof ClosedChannelException
        || f instanceof TimeoutException
        // Netty's native transport reports a reset connection with an IOException of its own.
        || f.getClass().getName().equals("io.netty.channel.unix.Errors$NativeIoException")
        || (f.getMessage() != null
            && (CLOSED_MESSAGES.contains(f.getMessage())
                // A statement on a connection the server just closed (seen while PostgreSQL
                // terminated the pool's connections).
                || f.getMessage().startsWith("Connection is not active now")));
  }

  /**
   * PostgreSQL's SQL states that describe the server or the connection rather than the statement:
   * class 08 (connection exception), 53 (insufficient resources), 57P (operator intervention: admin
   * or crash shutdown, cannot connect now), 40001 (serialization failure), 40P01 (deadlock), 55P03
   * (lock not available) and 57014 (statement cancelled, e.g. by a timeout).
   */
  public static boolean isTransientSqlState(String state) {
    if (state == null) {
      return false;
    }
    return state.startsWith("08")
        || state.startsWith("53")
        || state.startsWith("57P")
        || state.equals("40001")
        || state.equals("40P01")
        || state.equals("55P03")
        || state.equals("57014");
  }
}
