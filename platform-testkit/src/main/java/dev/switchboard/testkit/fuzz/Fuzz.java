package dev.switchboard.testkit.fuzz;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Runs a property over samples of a jqwik {@link Arbitrary} inside a Jupiter test, for the fuzz
 * tests that need a running service ({@code @QuarkusTest} is a Jupiter extension, which jqwik's
 * engine does not run). Tries are counted per endpoint family: {@code -Dfuzz.tries=N} replaces
 * every test's default, {@code -Dfuzz.seed=S} replays a reported run.
 */
public final class Fuzz {

  private static final int REPORTED_FAILURES = 5;

  private Fuzz() {}

  /** A check of one sample; any exception or assertion error is a failure. */
  @FunctionalInterface
  public interface Check<T> {
    void check(T sample) throws Exception;
  }

  /** {@code -Dfuzz.tries}, or the test's default. */
  public static int tries(int defaultTries) {
    return Integer.getInteger("fuzz.tries", defaultTries);
  }

  /**
   * Checks {@code tries} samples of {@code samples} and fails listing the first failing ones with
   * the seed that replays them; all tries run, so one failure does not hide another.
   */
  public static <T> void forAll(String family, Arbitrary<T> samples, int tries, Check<T> check) {
    String seed =
        System.getProperty("fuzz.seed", Long.toString(ThreadLocalRandom.current().nextLong()));
    List<String> failures = new ArrayList<>();
    int failed = 0;
    long started = System.nanoTime();
    JqwikSession.start(seed);
    try {
      for (Iterator<T> drawn = samples.sampleStream().limit(tries).iterator(); drawn.hasNext(); ) {
        T sample = drawn.next();
        try {
          check.check(sample);
        } catch (Exception | AssertionError e) {
          failed++;
          if (failures.size() < REPORTED_FAILURES) {
            failures.add(e.getMessage() + "\n  sample: " + sample);
          }
        }
      }
    } finally {
      JqwikSession.finish();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "fuzz %s: %d tries, %d failed, %d ms (-Dfuzz.seed=%s)%n",
        family, tries, failed, millis, seed);
    if (failed > 0) {
      throw new AssertionError(
          family
              + ": "
              + failed
              + " of "
              + tries
              + " tries failed (replay with -Dfuzz.seed="
              + seed
              + "):\n"
              + String.join("\n", failures));
    }
  }
}
