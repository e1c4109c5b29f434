package dev.switchboard.session.conversation.api;

import dev.switchboard.session.conversation.store.Transfer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a transfer: the session waits for routing-service to assign it again. */
public record TransferView(
    String sessionId,
    @Schema(enumeration = {"QUEUED"}) String state,
    @Schema(description = "The session's channel now (the target channel for toChannelId)")
        String channelId,
    String fromAgentId,
    String toAgentId,
    String toChannelId,
    String transferredBy,
    @Schema(description = "The id of the SessionTransferred event") String eventId) {

  static TransferView of(Transfer transfer) {
    return new TransferView(
        transfer.session().id.toString(),
        transfer.session().state.name(),
        transfer.session().channelId,
        transfer.fromAgentId(),
        transfer.toAgentId(),
        transfer.toChannelId(),
        transfer.transferredBy(),
        transfer.eventId());
  }
}
