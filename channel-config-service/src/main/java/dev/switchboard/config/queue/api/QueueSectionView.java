package dev.switchboard.config.queue.api;

import dev.switchboard.config.queue.domain.ExpandedQueue;
import dev.switchboard.config.queue.domain.MemberType;
import dev.switchboard.events.routing.DistributionMode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code queue} section of a channel (Q1-Q4). */
public record QueueSectionView(
    @Schema(description = "Q1: members in order") List<MemberView> members,
    @Schema(description = "Q2-Q4: how sessions are distributed") DistributionMode distributionMode,
    @Schema(
            readOnly = true,
            description =
                "The members expanded: a department replaced by its agents (by name, then id), no"
                    + " agent twice; what routing and the access checks use")
        List<String> agentIds) {

  public record MemberView(MemberType type, String id) {}

  public static QueueSectionView of(ExpandedQueue expanded) {
    return new QueueSectionView(
        expanded.queue().members().stream()
            .map(member -> new MemberView(member.type(), member.id()))
            .toList(),
        expanded.queue().distributionMode(),
        expanded.agentIds());
  }
}
