package dev.switchboard.events.session;

import dev.switchboard.events.Checks;
import java.time.Instant;

/**
 * A client's personal data was erased (GDPR Art. 17, {@code DELETE /api/v1/clients/{id}}): one
 * event per session the client had, published after session-service replaced the session's texts,
 * names and chat ids. The session itself, its times, agents and channel stay, anonymised, for the
 * statistics.
 *
 * <p><b>Every copy must honour it</b>: a service that keeps anything about the session or its
 * client beyond ids, times and counts (texts, names, usernames, phones, attachments, external chat
 * ids) deletes or overwrites it when it reads this event, and says so in its README. A consumer
 * that replays older events of the session afterwards must not bring the data back (check that the
 * session was erased before storing a text again). Older records on the topics still carry the data
 * until their retention ends (docs/topics.md, "Erasure").
 *
 * @param clientId the erased client, as the session API shows it ({@code client.id})
 */
public record ClientErased(
    String id, String channelId, String sessionId, String clientId, Instant occurredAt)
    implements SessionEvent {

  public ClientErased {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireText(clientId, "clientId");
    Checks.requireValue(occurredAt, "occurredAt");
  }
}
