package dev.switchboard.config.queue.api;

import dev.switchboard.config.queue.api.QueueSectionView.MemberView;
import dev.switchboard.config.queue.domain.ExpandedQueue;
import dev.switchboard.events.routing.DistributionMode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code /api/v1/channels/{id}/queue}: the queue section with the channel's version. */
public record QueueView(
    @Schema(description = "Q1: members in order") List<MemberView> members,
    @Schema(description = "Q2-Q4: how sessions are distributed") DistributionMode distributionMode,
    @Schema(readOnly = true, description = "The members expanded to agent ids")
        List<String> agentIds,
    @Schema(readOnly = true, description = "The channel's version; also the ETag") long version) {

  static QueueView of(ExpandedQueue expanded, long version) {
    QueueSectionView section = QueueSectionView.of(expanded);
    return new QueueView(
        section.members(), section.distributionMode(), section.agentIds(), version);
  }
}
