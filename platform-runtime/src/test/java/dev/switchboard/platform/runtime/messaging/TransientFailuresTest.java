package dev.switchboard.platform.runtime.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

  private static PgException pg(String sqlState) {
    return new PgException("message", "ERROR", sqlState, null);
  }

  @Test
  void aDatabaseThatIsAwayOrBusyIsTransient() {
    for (String state :
        new String[] {
          "08006", "08001", "57P01", "57P02", "57P03", "40001", "40P01", "53300", "53100", "55P03",
          "57014"
        }) {
      assertTrue(TransientFailures.isTransient(pg(state)), state);
    }
  }

  @Test
  void aStatementTheDatabaseAlwaysRefusesIsPermanent() {
    // unique violation, check violation, not-null, invalid byte sequence (U+0000), undefined column
    for (String state : new String[] {"23505", "23514", "23502", "22021", "42703", "22001"}) {
      assertFalse(TransientFailures.isTransient(pg(state)), state);
    }
  }

  @Test
  void closedConnectionsAndPoolsRefusedConnectionsAndTimeoutsAreTransient() {
    assertTrue(TransientFailures.isTransient(ClosedConnectionException.INSTANCE));
    assertTrue(TransientFailures.isTransient(new NoStackTraceThrowable("Pool closed")));
    assertTrue(
        TransientFailures.isTransient(
            new NoStackTraceThrowable("Connection is not active now, current status: CLOSED")));
    assertTrue(TransientFailures.isTransient(new ConnectException("Connection refused")));
    assertTrue(TransientFailures.isTransient(new NoStackTraceTimeoutException("Timeout")));
  }

  @Test
  void aTransientCauseDeepInsideAWrapperIsFound() {
    Throwable wrapped =
        new IllegalStateException(
            "HR000057: Failed to execute statement",
            new CompletionException(new RuntimeException(pg("57P01"))));
    assertTrue(TransientFailures.isTransient(wrapped));
    assertTrue(
        TransientFailures.isTransient(
            new CompositeException(
                new IllegalStateException("first"), ClosedConnectionException.INSTANCE)));
  }

  @Test
  void anythingElseIsPermanentSoThatItCannotBlockAPartitionForGood() {
    assertFalse(TransientFailures.isTransient(new IllegalArgumentException("bad id")));
    assertFalse(TransientFailures.isTransient(new NullPointerException()));
    assertFalse(TransientFailures.isTransient(new NoStackTraceThrowable("something else")));
    assertFalse(TransientFailures.isTransient(new RuntimeException("wrapped", pg("23505"))));
  }
}
