package dev.switchboard.session.conversation.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Clients and the chats they write from; every method runs in the caller's session. */
@ApplicationScoped
public class ClientRepository {

  /** The client's identity in this chat of a connector account; null before their first message. */
  public Uni<ClientIdentityEntity> identityOfChat(
      String connectorType, String accountId, String externalChatId) {
    return ClientIdentityEntity.<ClientIdentityEntity>find(
            "connectorType = ?1 and accountId = ?2 and externalChatId = ?3",
            connectorType,
            accountId,
            externalChatId)
        .firstResult();
  }

  public Uni<ClientEntity> client(UUID id) {
    return ClientEntity.findById(id);
  }

  /** A new client with their first identity. */
  public Uni<ClientEntity> add(ClientEntity client, ClientIdentityEntity identity) {
    return client.<ClientEntity>persist().call(identity::persist);
  }
}
