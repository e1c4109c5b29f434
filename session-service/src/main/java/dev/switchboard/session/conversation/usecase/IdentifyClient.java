package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.session.conversation.domain.ClientDetails;
import dev.switchboard.session.conversation.domain.ClientNames;
import dev.switchboard.session.conversation.store.ClientEntity;
import dev.switchboard.session.conversation.store.ClientIdentityEntity;
import dev.switchboard.session.conversation.store.ClientRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The client of a chat, created on their first message; on every message their identity and name
 * take what the connector now says ({@link ClientDetails#merge}). Runs in the caller's transaction.
 */
@ApplicationScoped
public class IdentifyClient {

  @Inject ClientRepository clients;

  public Uni<ClientEntity> of(InboundMessageReceived event, Instant now) {
    return clients
        .identityOfChat(event.connectorType().wireName(), event.accountId(), event.externalChatId())
        .flatMap(
            identity -> identity == null ? newClient(event, now) : known(identity, event, now));
  }

  private Uni<ClientEntity> known(
      ClientIdentityEntity identity, InboundMessageReceived event, Instant now) {
    ClientIdentity merged =
        ClientDetails.merge(identity.details(event.client().externalUserId()), event.client());
    identity.describe(merged, now);
    return clients
        .client(identity.clientId)
        .invoke(
            client -> {
              String name = ClientNames.displayName(merged);
              if (!Objects.equals(client.displayName, name)) {
                client.displayName = name;
                client.updatedAt = now;
              }
            });
  }

  private Uni<ClientEntity> newClient(InboundMessageReceived event, Instant now) {
    ClientIdentity who = event.client();
    ClientEntity client = new ClientEntity();
    client.id = UUID.randomUUID();
    client.displayName = ClientNames.displayName(who);
    client.createdAt = now;
    client.updatedAt = now;
    ClientIdentityEntity identity = new ClientIdentityEntity();
    identity.id = UUID.randomUUID();
    identity.clientId = client.id;
    identity.connectorType = event.connectorType().wireName();
    identity.accountId = event.accountId();
    identity.externalChatId = event.externalChatId();
    identity.createdAt = now;
    identity.describe(ClientDetails.merge(null, who), now);
    return clients.add(client, identity);
  }
}
