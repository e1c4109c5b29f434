package dev.switchboard.gateway.support;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionOpened;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Session events as session-service publishes them, for the tests of the frames they become: one
 * Telegram client, María García, whose sessions the agents' sockets hear about.
 */
public final class TestSessions {

  private TestSessions() {}

  /** María's session opened on the channel. */
  public static SessionOpened opened(String channelId, String sessionId, Instant at) {
    return new SessionOpened(
        PlatformEvent.newId(),
        channelId,
        sessionId,
        UUID.randomUUID().toString(),
        ConnectorType.TELEGRAM,
        UUID.randomUUID().toString(),
        "4242",
        "552093841",
        new ClientIdentity(
            "552093841", "María García", "María", "García", "mgarcia", null, null, null, "es"),
        at);
  }

  /** The session went to the agent ({@code previousAgentId}: whom it was taken from, or null). */
  public static SessionAssigned assigned(
      String channelId,
      String sessionId,
      String agentId,
      AssignmentReason reason,
      String previousAgentId,
      Instant at) {
    return new SessionAssigned(
        PlatformEvent.newId(), channelId, sessionId, agentId, reason, previousAgentId, null, at);
  }

  /** María wrote in the session; the message id doubles as her Telegram message id. */
  public static ClientMessageReceived message(
      SessionOpened opened, String messageId, String text, Instant at) {
    return new ClientMessageReceived(
        PlatformEvent.newId(),
        opened.channelId(),
        opened.sessionId(),
        messageId,
        opened.clientId(),
        UUID.randomUUID().toString(),
        messageId,
        text,
        List.of(),
        at,
        at);
  }
}
