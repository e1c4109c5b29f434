package dev.switchboard.config.canned.store;

import dev.switchboard.config.canned.domain.CannedResponse;
import dev.switchboard.config.channel.store.ChannelEntity;
import dev.switchboard.config.shared.api.IfMatch;
import dev.switchboard.config.shared.api.StaleVersionException;
import dev.switchboard.config.shared.store.QueueDirectoryLock;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A8: canned-response lists in PostgreSQL. A change locks the list's row, so of two writers with
 * the same If-Match the second finds the new version and gets 412.
 *
 * <p>TODO: the lists are not announced on a topic (platform-events has no event for them); agents
 * read them over the API ({@code agent-view}, search). Publish them if a service needs them on its
 * hot path.
 */
@ApplicationScoped
public class CannedResponseStore {

  @Inject Clock clock;

  /** What an administrator sets: the whole list but its id. */
  public record ListDraft(String name, List<CannedResponse> items) {
    public ListDraft {
      items = List.copyOf(items);
    }
  }

  public record ReplaceOutcome(CannedResponseListEntity list, boolean changed) {}

  public Uni<CannedResponseListEntity> create(ListDraft draft) {
    return Panache.withTransaction(
        () -> {
          Instant now = clock.instant();
          CannedResponseListEntity list = new CannedResponseListEntity();
          list.id = UUID.randomUUID();
          list.name = draft.name();
          list.itemList(draft.items());
          list.version = 1;
          list.createdAt = now;
          list.updatedAt = now;
          return list.<CannedResponseListEntity>persist();
        });
  }

  /** Replaces a list; the same content makes no new version. */
  public Uni<ReplaceOutcome> replace(
      UUID id, ListDraft draft, IfMatch ifMatch, Long clientVersion) {
    return Panache.withTransaction(
        () ->
            locked(id)
                .map(
                    list -> {
                      ifMatch.require(list.version);
                      if (clientVersion != null && clientVersion != list.version) {
                        throw new StaleVersionException(list.version);
                      }
                      if (list.name.equals(draft.name()) && list.itemList().equals(draft.items())) {
                        return new ReplaceOutcome(list, false);
                      }
                      list.name = draft.name();
                      list.itemList(draft.items());
                      list.version = list.version + 1;
                      list.updatedAt = clock.instant();
                      return new ReplaceOutcome(list, true);
                    }));
  }

  /**
   * Deletes a list that no channel uses (409 naming the channels otherwise). Under the lock that
   * channel changes take, so a channel cannot start using the list at the same moment.
   */
  public Uni<Void> delete(UUID id, IfMatch ifMatch) {
    return Panache.withTransaction(
            () ->
                QueueDirectoryLock.acquire()
                    .chain(() -> locked(id))
                    .chain(
                        list -> {
                          ifMatch.require(list.version);
                          return channelsUsing(id)
                              .map(
                                  channels -> {
                                    if (!channels.isEmpty()) {
                                      List<Map<String, String>> named =
                                          channels.stream()
                                              .map(
                                                  c -> {
                                                    Map<String, String> view =
                                                        new LinkedHashMap<>();
                                                    view.put("id", c.id.toString());
                                                    view.put("name", c.name);
                                                    return view;
                                                  })
                                              .toList();
                                      throw ProblemException.conflict(
                                          "The list is used by "
                                              + channels.size()
                                              + " channel(s) ("
                                              + String.join(
                                                  ", ", channels.stream().map(c -> c.name).toList())
                                              + "): remove it from their automation"
                                              + " (cannedResponseListIds) first",
                                          Map.of("channels", named));
                                    }
                                    Instant now = clock.instant();
                                    list.deletedAt = now;
                                    list.updatedAt = now;
                                    list.version = list.version + 1;
                                    return null;
                                  });
                        }))
        .replaceWithVoid();
  }

  public Uni<Optional<CannedResponseListEntity>> find(UUID id) {
    return Panache.withSession(
            () -> CannedResponseListEntity.<CannedResponseListEntity>findById(id))
        .map(list -> Optional.ofNullable(list).filter(l -> l.deletedAt == null));
  }

  /** Up to {@code limit} lists after {@code after} (exclusive), in id order. */
  public Uni<List<CannedResponseListEntity>> page(UUID after, int limit) {
    return Panache.withSession(
        () ->
            (after == null
                    ? CannedResponseListEntity.<CannedResponseListEntity>find(
                        "deletedAt is null order by id")
                    : CannedResponseListEntity.<CannedResponseListEntity>find(
                        "deletedAt is null and id > ?1 order by id", after))
                .range(0, limit - 1)
                .list());
  }

  /** The lists (not deleted) among {@code ids}, by id; in the caller's session. */
  public Uni<Map<UUID, CannedResponseListEntity>> existing(List<UUID> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return CannedResponseListEntity.<CannedResponseListEntity>list(
            "id in ?1 and deletedAt is null", ids)
        .map(
            found -> {
              Map<UUID, CannedResponseListEntity> byId = new LinkedHashMap<>();
              found.forEach(list -> byId.put(list.id, list));
              return byId;
            });
  }

  /**
   * The channels (not deleted) whose automation names the list; in the caller's session. The
   * parameter is cast to text first: bound straight to jsonb it would travel as a JSON string.
   */
  public Uni<List<ChannelEntity>> channelsUsing(UUID listId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select cast(id as text) from channel where deleted_at is null and"
                            + " settings->'automation'->'cannedResponseListIds'"
                            + " @> cast(cast(:ids as text) as jsonb) order by id",
                        String.class)
                    .setParameter("ids", "[\"" + listId + "\"]")
                    .getResultList())
        .chain(
            ids ->
                ids.isEmpty()
                    ? Uni.createFrom().item(List.<ChannelEntity>of())
                    : ChannelEntity.<ChannelEntity>list(
                        "id in ?1 order by id", ids.stream().map(UUID::fromString).toList()));
  }

  private Uni<CannedResponseListEntity> locked(UUID id) {
    return CannedResponseListEntity.<CannedResponseListEntity>findById(
            id, LockModeType.PESSIMISTIC_WRITE)
        .map(
            list -> {
              if (list == null || list.deletedAt != null) {
                throw ProblemException.notFound("Canned-response list " + id);
              }
              return list;
            });
  }

  /** The {@link UUID} of a list id as a channel names it, or null when it cannot be one. */
  public static UUID parseId(String id) {
    try {
      UUID parsed = UUID.fromString(id);
      return parsed.toString().equals(id.toLowerCase(java.util.Locale.ROOT)) ? parsed : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
