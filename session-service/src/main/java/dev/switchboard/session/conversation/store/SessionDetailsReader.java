package dev.switchboard.session.conversation.store;

import dev.switchboard.session.directory.store.ChannelCopy;
import dev.switchboard.session.directory.store.DirectoryStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the lists of sessions show besides the sessions themselves. */
@ApplicationScoped
public class SessionDetailsReader {

  @Inject DirectoryStore directory;

  /** Client names, channel names and last messages of the sessions, in three queries. */
  public Uni<List<SessionDetails>> of(List<SessionEntity> sessions) {
    if (sessions.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<UUID> clientIds = sessions.stream().map(s -> s.clientId).distinct().toList();
    Set<String> channelIds = sessions.stream().map(s -> s.channelId).collect(Collectors.toSet());
    List<UUID> lastMessageIds =
        sessions.stream().map(s -> s.lastMessageId).filter(id -> id != null).toList();
    return ClientEntity.<ClientEntity>list("id in ?1", clientIds)
        .map(clients -> byKey(clients, c -> c.id))
        .flatMap(
            clients ->
                directory
                    .channels(channelIds)
                    .map(channels -> byKey(channels, c -> c.channelId))
                    .flatMap(
                        channels ->
                            lastMessages(lastMessageIds)
                                .map(
                                    messages ->
                                        sessions.stream()
                                            .map(s -> details(s, clients, channels, messages))
                                            .toList())));
  }

  private static Uni<Map<UUID, MessageEntity>> lastMessages(List<UUID> ids) {
    return (ids.isEmpty()
            ? Uni.createFrom().item(List.<MessageEntity>of())
            : MessageEntity.<MessageEntity>list("id in ?1", ids))
        .map(messages -> byKey(messages, m -> m.id));
  }

  private static SessionDetails details(
      SessionEntity session,
      Map<UUID, ClientEntity> clients,
      Map<String, ChannelCopy> channels,
      Map<UUID, MessageEntity> messages) {
    ClientEntity client = clients.get(session.clientId);
    ChannelCopy channel = channels.get(session.channelId);
    return new SessionDetails(
        session,
        client != null ? client.displayName : null,
        channel != null ? channel.name : null,
        session.lastMessageId == null ? null : messages.get(session.lastMessageId),
        null);
  }

  private static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
    return values.stream().collect(Collectors.toMap(key, v -> v, (a, b) -> a));
  }
}
