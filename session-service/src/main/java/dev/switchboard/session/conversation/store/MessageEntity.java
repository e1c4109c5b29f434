package dev.switchboard.session.conversation.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.common.Attachment;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.session.conversation.domain.AuthorType;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One message of a session, in the order it was stored. */
@Entity
@Table(name = "message")
public class MessageEntity extends PanacheEntityBase {

  /**
   * {@link #automaticText} of A4's reply: the channel's text when no agent can take the session.
   */
  public static final String NO_AGENT_AVAILABLE = "NO_AGENT_AVAILABLE";

  /** A1: the greeting when a session opens. */
  public static final String GREETING = "GREETING";

  /** W2: the off-hours text to a client who writes outside working time. */
  public static final String OFF_HOURS = "OFF_HOURS";

  /** A5: the closing text when the session is closed. */
  public static final String CLOSING = "CLOSING";

  /** A7: the text sent when the conversation times out on the client's silence. */
  public static final String TIMEOUT = "TIMEOUT";

  /** R1: the rating request when the session is closed. */
  public static final String RATING_REQUEST = "RATING_REQUEST";

  /** O3: the text of a message deleted when its session closed in a channel without history. */
  public static final String DELETED_TEXT = "[deleted]";

  private static final ObjectMapper JSON = EventJson.newObjectMapper();

  @Id public UUID id;

  /** Set by the database at insert; the order of the conversation and its cursors. */
  @Column(insertable = false, updatable = false)
  public Long seq;

  @Column(name = "session_id", nullable = false)
  public UUID sessionId;

  @Enumerated(EnumType.STRING)
  @Column(name = "author_type", nullable = false)
  public AuthorType authorType;

  /** The client's id for a client message, the agent's id for a reply. */
  @Column(name = "author_id")
  public String authorId;

  @Column(name = "author_name")
  public String authorName;

  public String text;

  /** The attachments as a JSON array, as the events carry them; null when there are none. */
  public String attachments;

  @Column(nullable = false)
  public Instant at;

  @Column(name = "connector_id")
  public String connectorId;

  @Column(name = "external_chat_id")
  public String externalChatId;

  @Column(name = "external_message_id")
  public String externalMessageId;

  @Column(name = "inbound_event_id")
  public String inboundEventId;

  /**
   * Which automatic text a SYSTEM message is ({@link #NO_AGENT_AVAILABLE}), null for any other;
   * unique per session, so each is sent at most once.
   */
  @Column(name = "automatic_text")
  public String automaticText;

  /**
   * A new message for the client (a reply, or a SYSTEM message's automatic text), not yet stored.
   *
   * @param authorId the agent or bot; null for the platform
   * @param authorName as the client sees it; null for the platform
   */
  public static MessageEntity toClient(
      AuthorType author, String authorId, String authorName, String text, Instant at) {
    MessageEntity message = new MessageEntity();
    message.id = UUID.randomUUID();
    message.authorType = author;
    message.authorId = authorId;
    message.authorName = authorName;
    message.text = text;
    message.at = at;
    return message;
  }

  /** A client's message as the connector sent it, not yet stored. */
  public static MessageEntity fromClient(InboundMessageReceived event, ClientEntity client) {
    MessageEntity message = new MessageEntity();
    message.id = UUID.randomUUID();
    message.authorType = AuthorType.CLIENT;
    message.authorId = client.id.toString();
    message.authorName = client.displayName;
    message.text = event.text();
    message.attachments = attachmentsJson(event.attachments());
    message.at = event.occurredAt();
    message.connectorId = event.connectorId();
    message.externalChatId = event.externalChatId();
    message.externalMessageId = event.externalMessageId();
    message.inboundEventId = event.id();
    return message;
  }

  /** The attachments as the {@code attachments} column stores them; null for none. */
  public static String attachmentsJson(List<Attachment> attachments) {
    if (attachments.isEmpty()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(attachments);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write attachments as JSON", e);
    }
  }
}
