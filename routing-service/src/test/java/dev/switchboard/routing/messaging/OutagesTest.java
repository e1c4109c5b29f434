package dev.switchboard.routing.messaging;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failures hold a record until Redis is back, and which may send it to the DLQ. */
class OutagesTest {

  @Test
  void aRefusedOrDroppedConnectionOrATimeoutIsAnOutageWhereverItIsInTheChain() {
    assertThat(
        Outages.isOutage(new CompletionException(new ConnectException("Connection refused"))),
        is(true));
    assertThat(Outages.isOutage(new RuntimeException("Connection is closed")), is(true));
    assertThat(
        Outages.isOutage(new CompletionException(new Throwable("CONNECTION_CLOSED"))), is(true));
    assertThat(Outages.isOutage(new io.smallrye.mutiny.TimeoutException()), is(true));
  }

  @Test
  void aRedisThatIsLoadingOrFailingOverIsAnOutage() {
    assertThat(
        Outages.isOutage(
            new CompletionException(
                new Throwable("LOADING Redis is loading the dataset in memory"))),
        is(true));
    assertThat(
        Outages.isOutage(
            new RuntimeException("READONLY You can't write against a read only replica.")),
        is(true));
  }

  @Test
  void aFailureThatWouldHappenAgainIsNotAnOutage() {
    assertThat(
        Outages.isOutage(
            new CompletionException(
                new Throwable(
                    "WRONGTYPE Operation against a key holding the wrong kind of value"))),
        is(false));
    assertThat(Outages.isOutage(new NullPointerException()), is(false));
    assertThat(Outages.isOutage(new IllegalArgumentException("sessionId is required")), is(false));
  }
}
