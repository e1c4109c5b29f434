package dev.switchboard.session.conversation.api;

import dev.switchboard.session.conversation.store.Handover;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a handover (B1): the session now waits for an agent. */
public record HandoverView(
    String sessionId,
    @Schema(enumeration = {"QUEUED"}) String state,
    String channelId,
    @Schema(description = "The chatbot that had the session") String botId,
    @Schema(description = "The caller: the bot, a supervisor or an administrator")
        String handedOverBy,
    @Schema(description = "The id of the SessionQueued (reason BOT_HANDOVER) it published")
        String eventId) {

  static HandoverView of(Handover handover) {
    return new HandoverView(
        handover.session().id.toString(),
        handover.session().state.name(),
        handover.session().channelId,
        handover.session().botId,
        handover.handedOverBy(),
        handover.eventId());
  }
}
