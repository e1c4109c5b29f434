package dev.switchboard.e2e.chaos;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;

import dev.switchboard.e2e.Platform;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, "Kill and restart": one pass over every fault in the build (a few minutes); {@code
 * ./switchboard chaos --minutes N} runs passes for N minutes ({@code -Dchaos.minutes=N}). The table
 * of faults and invariants is printed and written to {@code
 * e2e-tests/target/chaos/chaos-report.md}.
 */
class ChaosIT {

  @BeforeAll
  static void aloneOnTheMachine() {
    // The chaos rig runs a platform of its own, on its own broker; the scenarios' platform would
    // only compete with it for the CPU.
    Platform.stopIfRunning();
  }

  @Test
  void killsAndCutsUnderLoadLoseNothingDoubleNothingAndOverloadNobody() throws Exception {
    double minutes = Double.parseDouble(System.getProperty("chaos.minutes", "0"));
    ChaosRun.Result result = new ChaosRun(minutes).run();

    assertThat("faults injected", result.faults().size(), greaterThan(0));
    List<String> violations =
        result.invariants().stream()
            .flatMap(i -> i.violations().stream().map(v -> i.name() + ": " + v))
            .toList();
    assertThat(
        "invariants broken (report: " + result.file() + ")\n" + result.report(),
        violations,
        empty());
  }
}
