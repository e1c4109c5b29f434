package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.session.conversation.domain.ClientDetails;
import dev.switchboard.session.conversation.domain.ClientNames;
import dev.switchboard.session.conversation.store.InboundRows.Connector;
import dev.switchboard.session.conversation.store.InboundRows.Identity;
import java.util.Objects;
import java.util.UUID;

/** What the batch writes for one chat: its client's identity as it evolves, its session. */
final class ChatWrite {

  final Connector connector;
  final Identity held;
  Identity current;
  UUID sessionId;
  String sessionChannelId;
  boolean opened;
  UUID lastMessageId;

  ChatWrite(Connector connector, Identity held) {
    this.connector = connector;
    this.held = held;
    this.current = held;
  }

  UUID clientId() {
    return current.clientId();
  }

  String clientName() {
    return current.clientName();
  }

  /**
   * What the connector now says of the client; a detail it leaves out is kept (as {@link
   * IdentifyClient} does).
   */
  void learn(ClientIdentity who) {
    if (current == null) {
      current = named(new Identity(UUID.randomUUID(), UUID.randomUUID(), null, who));
      return;
    }
    ClientIdentity merged = ClientDetails.merge(current.details(), who);
    current = named(new Identity(current.id(), current.clientId(), current.clientName(), merged));
  }

  private static Identity named(Identity identity) {
    String name = ClientNames.displayName(identity.details());
    return Objects.equals(name, identity.clientName())
        ? identity
        : new Identity(identity.id(), identity.clientId(), name, identity.details());
  }
}
