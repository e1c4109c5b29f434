package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.session.conversation.domain.ConnectorMatch;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.store.InboundBatchStore;
import dev.switchboard.session.conversation.store.InboundRows.Chat;
import dev.switchboard.session.conversation.store.InboundRows.Connector;
import dev.switchboard.session.conversation.store.InboundRows.Identity;
import dev.switchboard.session.conversation.store.InboundRows.OneByOneChannels;
import dev.switchboard.session.conversation.store.InboundRows.OpenSession;
import dev.switchboard.session.conversation.usecase.InboundBatch.Item;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Which chats of the batch are stored here and which are left to the one-by-one path. */
final class InboundBatchPlan {

  private final List<Item> items;
  private final Map<String, Connector> connectors;
  private final Set<Chat> oneByOneChats = new HashSet<>();
  private final Set<Chat> candidateChats = new HashSet<>();
  private final Map<Chat, String> channelOfChat = new HashMap<>();

  /** The states in which a client's message is only stored (ANSWERED stays ANSWERED). */
  private static final Set<SessionState> BATCHED_STATES =
      EnumSet.of(SessionState.QUEUED, SessionState.ASSIGNED, SessionState.ANSWERED);

  private Set<String> channelsActingOnOpen = Set.of();
  private Set<String> channelsWithClocks = Set.of();
  private Map<Chat, Identity> identities = Map.of();
  private Map<String, OpenSession> openSessions = Map.of();

  InboundBatchPlan(List<Item> items, Map<String, Connector> connectors, Set<String> parked) {
    this.items = items;
    this.connectors = connectors;
    for (Item item : items) {
      InboundMessageReceived event = item.event();
      Connector connector = connectors.get(event.connectorId());
      Chat chat = InboundBatch.chatOf(event);
      if (connector == null
          || parked.contains(event.connectorId())
          || ConnectorMatch.refusal(
                  event,
                  connector.deleted(),
                  connector.connectorId(),
                  connector.type(),
                  connector.accountId())
              != null
          || !connector
              .channelId()
              .equals(channelOfChat.getOrDefault(chat, connector.channelId()))) {
        oneByOneChats.add(chat);
      } else {
        channelOfChat.put(chat, connector.channelId());
      }
    }
    for (Chat chat : channelOfChat.keySet()) {
      if (!oneByOneChats.contains(chat)) {
        candidateChats.add(chat);
      }
    }
  }

  Connector connector(String connectorId) {
    return connectors.get(connectorId);
  }

  Identity identity(Chat chat) {
    return identities.get(chat);
  }

  Set<Chat> candidateChats() {
    return candidateChats;
  }

  Set<String> channelIds() {
    return new HashSet<>(channelOfChat.values());
  }

  /**
   * The channels whose new sessions, and those all of whose chats, go one by one. TODO issue 13:
   * start and stop A3's and A7's clocks in the batch's statements instead, so such channels keep
   * the batch's throughput.
   */
  void oneByOneChannels(OneByOneChannels channels) {
    this.channelsActingOnOpen = channels.onOpen();
    this.channelsWithClocks = channels.everyMessage();
  }

  void identities(Map<Chat, Identity> found) {
    this.identities = found;
  }

  List<UUID> knownClientIds() {
    return identities.values().stream().map(Identity::clientId).toList();
  }

  List<String> knownClientChannels() {
    return identities.keySet().stream().map(channelOfChat::get).toList();
  }

  /**
   * Left to the one-by-one path: a new session of a channel that acts when a session opens (its
   * chatbot takes it, B1; a greeting, A1; working time, W1-W2; a consent notice, C1), and a message
   * to a session whose state the message may change beyond being stored: the bot's (B1's handover
   * keywords), one where the agent wrote last (it becomes ANSWERED), one awaiting its rating (a
   * rating, or a re-opening).
   */
  InboundBatchPlan withOpenSessions(Map<String, OpenSession> open) {
    this.openSessions = open;
    for (Chat chat : candidateChats) {
      Identity identity = identities.get(chat);
      OpenSession session =
          identity == null ? null : openSession(identity.clientId(), channelOfChat.get(chat));
      boolean oneByOne =
          channelsWithClocks.contains(channelOfChat.get(chat))
              || (session == null
                  ? channelsActingOnOpen.contains(channelOfChat.get(chat))
                  : !BATCHED_STATES.contains(session.state()));
      if (oneByOne) {
        oneByOneChats.add(chat);
      }
    }
    return this;
  }

  OpenSession openSession(UUID clientId, String originChannelId) {
    return openSessions.get(InboundBatchStore.sessionKey(clientId, originChannelId));
  }

  List<Item> batched() {
    return items.stream()
        .filter(item -> !oneByOneChats.contains(InboundBatch.chatOf(item.event())))
        .toList();
  }

  List<Item> oneByOne() {
    return items.stream()
        .filter(item -> oneByOneChats.contains(InboundBatch.chatOf(item.event())))
        .toList();
  }
}
