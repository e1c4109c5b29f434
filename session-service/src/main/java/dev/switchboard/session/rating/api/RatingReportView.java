package dev.switchboard.session.rating.api;

import dev.switchboard.session.rating.store.RatingCounts;
import dev.switchboard.session.rating.store.RatingFilter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** R3: the clients' ratings of a period, channel and agent. */
public record RatingReportView(
    @Schema(description = "How many ratings") long count,
    @Schema(description = "The mean score, two decimals; null without ratings") BigDecimal average,
    @Schema(description = "How many ratings of each score, \"1\" to \"5\" (0 included)")
        Map<String, Long> distribution,
    @Schema(description = "As asked: rated at or after; null = since the first") Instant from,
    @Schema(description = "As asked: rated before; null = until now") Instant to,
    @Schema(description = "As asked; null = every agent") String agentId,
    @Schema(description = "As asked; null = every channel") String channelId) {

  static RatingReportView of(RatingFilter filter, RatingCounts counts) {
    return new RatingReportView(
        counts.count(),
        counts.average(),
        distribution(counts),
        filter.from(),
        filter.to(),
        filter.agentId(),
        filter.channelId());
  }

  static Map<String, Long> distribution(RatingCounts counts) {
    Map<String, Long> distribution = new LinkedHashMap<>();
    for (int score = 1; score <= 5; score++) {
      distribution.put(Integer.toString(score), counts.of(score));
    }
    return distribution;
  }
}
