package dev.switchboard.bench;

import dev.switchboard.events.routing.DistributionMode;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One routing decision (see {@link RoutingDecisionFixture}), sampled one by one: each sample is one
 * {@code Distributor.sessionQueued} against the real Redis, so the percentiles are those of single
 * decisions. Taking the decision back runs between samples, untimed ({@link Level#Invocation} is
 * fine here: a decision is tens of microseconds or more, a network round trip at least).
 * Single-threaded, as one routing consumer thread decides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingDecisionJmh {

  @Param({"EVENLY", "STRICT_ORDER", "ALL"})
  public String mode;

  @Param({"10", "100", "1000", "10000"})
  public int agents;

  private RoutingDecisionFixture fixture;
  private String sessionId;

  @Setup(Level.Trial)
  public void start() {
    fixture =
        new RoutingDecisionFixture(
            DistributionMode.valueOf(mode), agents, UnaryOperator.identity());
  }

  @Benchmark
  public String decide() {
    sessionId = fixture.decide();
    return sessionId;
  }

  @TearDown(Level.Invocation)
  public void takeBack() {
    fixture.undo(sessionId);
  }

  @TearDown(Level.Trial)
  public void stop() {
    fixture.close();
  }
}
