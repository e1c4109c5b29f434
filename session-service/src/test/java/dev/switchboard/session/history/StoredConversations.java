package dev.switchboard.session.history;

import dev.switchboard.session.conversation.Platform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

/**
 * Sessions, messages and ratings written straight into session-service's tables, as its flows leave
 * them: the history and rating queries read what is stored, whichever flow stored it. Every id is
 * fresh (the test database is shared), so a test filters by its own channels and agents.
 */
final class StoredConversations {

  private StoredConversations() {}

  /** A channel in the local copy (its name is what the lists show); its id. */
  static String channel(String name) {
    String id = Platform.newId();
    update(
        "INSERT INTO session.channel_copy (channel_id, version, deleted, name, active)"
            + " VALUES (?, 1, false, ?, true)",
        id,
        name);
    return id;
  }

  static UUID client(String displayName) {
    UUID id = UUID.randomUUID();
    Timestamp now = Timestamp.from(Instant.now());
    update(
        "INSERT INTO session.client (id, display_name, created_at, updated_at) VALUES (?, ?, ?, ?)",
        id,
        displayName,
        now,
        now);
    return id;
  }

  /** A fresh agent id. */
  static String agent() {
    return "agent-" + Platform.newId().substring(0, 8);
  }

  /** A session to store: CLOSED, without agent, opened now, no messages, until changed. */
  static Session session(String channelId, UUID clientId) {
    return new Session(channelId, clientId);
  }

  /** The client's rating of the session, for its agent and channel. */
  static void rating(
      UUID sessionId, String channelId, String agentId, int score, String comment, Instant at) {
    update(
        "INSERT INTO session.rating (session_id, channel_id, agent_id, score, comment, rated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        sessionId,
        channelId,
        agentId,
        score,
        comment,
        Timestamp.from(at));
  }

  static final class Session {

    private final String channelId;
    private final UUID clientId;
    private String state = "CLOSED";
    private String agentId;
    private Instant openedAt = Instant.now();
    private Instant closedAt;
    private Instant unansweredSince;
    private String[] clientTexts = new String[0];
    private String agentReply;

    private Session(String channelId, UUID clientId) {
      this.channelId = channelId;
      this.clientId = clientId;
    }

    Session state(String state) {
      this.state = state;
      return this;
    }

    Session agent(String agentId) {
      this.agentId = agentId;
      return this;
    }

    Session openedAt(Instant openedAt) {
      this.openedAt = openedAt;
      return this;
    }

    Session closedAt(Instant closedAt) {
      this.closedAt = closedAt;
      return this;
    }

    Session unansweredSince(Instant since) {
      this.unansweredSince = since;
      return this;
    }

    /** The client's messages, one second apart from the opening. */
    Session clientSays(String... texts) {
      this.clientTexts = texts;
      return this;
    }

    /** The agent's answer after the client's messages: the session's newest message. */
    Session agentReplies(String text) {
      this.agentReply = text;
      return this;
    }

    /** Stores the session and its messages; its id. */
    UUID store() {
      UUID id = UUID.randomUUID();
      update(
          "INSERT INTO session.session (id, channel_id, origin_channel_id, client_id, connector_id,"
              + " connector_type, account_id, external_chat_id, state, assigned_agent_id,"
              + " opened_at, closed_at, unanswered_since)"
              + " VALUES (?, ?, ?, ?, 'history-test', 'telegram', 'history-test', ?, ?, ?, ?, ?, ?)",
          id,
          channelId,
          channelId,
          clientId,
          id.toString(),
          state,
          agentId,
          Timestamp.from(openedAt),
          closedAt == null ? null : Timestamp.from(closedAt),
          unansweredSince == null ? null : Timestamp.from(unansweredSince));
      UUID last = null;
      Instant at = openedAt;
      for (String text : clientTexts) {
        at = at.plusSeconds(1);
        last = message(id, "CLIENT", clientId.toString(), text, at);
      }
      if (agentReply != null) {
        last = message(id, "AGENT", agentId, agentReply, at.plusSeconds(1));
      }
      if (last != null) {
        update("UPDATE session.session SET last_message_id = ? WHERE id = ?", last, id);
      }
      return id;
    }

    private static UUID message(
        UUID sessionId, String authorType, String authorId, String text, Instant at) {
      UUID id = UUID.randomUUID();
      update(
          "INSERT INTO session.message (id, session_id, author_type, author_id, text, at)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          id,
          sessionId,
          authorType,
          authorId,
          text,
          Timestamp.from(at));
      return id;
    }
  }

  private static void update(String sql, Object... values) {
    try (Connection connection = Platform.database();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          statement.setNull(i + 1, Types.OTHER);
        } else {
          statement.setObject(i + 1, values[i]);
        }
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
