package dev.switchboard.session.rating.store;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How many ratings of each score (index 0 = score 1): the count, the average and the distribution
 * of a report (R3).
 */
public final class RatingCounts {

  private final long[] byScore = new long[5];

  private RatingCounts() {}

  public static RatingCounts none() {
    return new RatingCounts();
  }

  /** Counts {@code count} more ratings of this score (1-5). */
  public void add(int score, long count) {
    byScore[score - 1] += count;
  }

  public long count() {
    long count = 0;
    for (long n : byScore) {
      count += n;
    }
    return count;
  }

  public long of(int score) {
    return byScore[score - 1];
  }

  /** The mean score with two decimals (half up); null without ratings. */
  public BigDecimal average() {
    long count = count();
    if (count == 0) {
      return null;
    }
    long sum = 0;
    for (int score = 1; score <= 5; score++) {
      sum += score * of(score);
    }
    return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
  }
}
