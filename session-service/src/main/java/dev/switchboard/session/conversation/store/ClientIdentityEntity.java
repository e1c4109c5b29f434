package dev.switchboard.session.conversation.store;

import dev.switchboard.events.common.ClientIdentity;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One chat through which a client writes: connector type + account + external chat id, with what
 * the connector last told about the person.
 */
@Entity
@Table(name = "client_identity")
public class ClientIdentityEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "client_id", nullable = false)
  public UUID clientId;

  @Column(name = "connector_type", nullable = false)
  public String connectorType;

  @Column(name = "account_id", nullable = false)
  public String accountId;

  @Column(name = "external_chat_id", nullable = false)
  public String externalChatId;

  @Column(name = "external_user_id", nullable = false)
  public String externalUserId;

  @Column(name = "display_name")
  public String displayName;

  @Column(name = "first_name")
  public String firstName;

  @Column(name = "last_name")
  public String lastName;

  public String username;

  @Column(name = "avatar_url")
  public String avatarUrl;

  public String email;
  public String phone;
  public String locale;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /**
   * What the connectors have said of the client in this chat, under the user id the connector gives
   * now (the id is never kept, and a row may lack one).
   */
  public ClientIdentity details(String currentUserId) {
    return new ClientIdentity(
        currentUserId, displayName, firstName, lastName, username, avatarUrl, email, phone, locale);
  }

  /** Takes these details as the identity's own now. */
  public void describe(ClientIdentity details, Instant now) {
    externalUserId = details.externalUserId();
    displayName = details.displayName();
    firstName = details.firstName();
    lastName = details.lastName();
    username = details.username();
    avatarUrl = details.avatarUrl();
    email = details.email();
    phone = details.phone();
    locale = details.locale();
    updatedAt = now;
  }
}
