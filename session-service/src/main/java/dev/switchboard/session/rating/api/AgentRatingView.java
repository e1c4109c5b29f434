package dev.switchboard.session.rating.api;

import dev.switchboard.session.rating.store.AgentRatings;
import java.math.BigDecimal;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** R3: one row of a supervisor's table of ratings per agent. */
public record AgentRatingView(
    @Schema(description = "null: sessions rated without an agent (e.g. a chatbot's)")
        String agentId,
    @Schema(description = "From the agent directory; null when unknown") String agentName,
    long count,
    @Schema(description = "The mean score, two decimals") BigDecimal average,
    @Schema(description = "How many ratings of each score, \"1\" to \"5\"")
        Map<String, Long> distribution) {

  static AgentRatingView of(AgentRatings agent) {
    return new AgentRatingView(
        agent.agentId(),
        agent.agentName(),
        agent.counts().count(),
        agent.counts().average(),
        RatingReportView.distribution(agent.counts()));
  }
}
