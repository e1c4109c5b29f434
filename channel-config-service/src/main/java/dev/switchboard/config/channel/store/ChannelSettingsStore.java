package dev.switchboard.config.channel.store;

import dev.switchboard.config.canned.store.CannedResponseStore;
import dev.switchboard.config.channel.messaging.ChannelChanges;
import dev.switchboard.config.connector.store.ConnectorEntity;
import dev.switchboard.config.queue.domain.ExpandedQueue;
import dev.switchboard.config.queue.store.QueueStore;
import dev.switchboard.config.shared.api.FieldErrors;
import dev.switchboard.config.shared.api.IfMatch;
import dev.switchboard.config.shared.api.StaleVersionException;
import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Replaces a channel's own settings (name, active, the sections): a new version of the channel,
 * stored and announced in one transaction; an unchanged channel makes no new version.
 */
@ApplicationScoped
public class ChannelSettingsStore {

  @Inject ChannelStore channels;
  @Inject QueueStore queues;
  @Inject ChannelChanges changes;
  @Inject CannedResponseStore cannedResponses;

  /** Checks what the client sent back of the read-only fields against the current channel. */
  @FunctionalInterface
  public interface ReadOnlyCheck {
    void check(ChannelEntity current, ExpandedQueue queue);
  }

  /**
   * What a client sent.
   *
   * @param name null keeps the current name
   * @param active null keeps the current state
   * @param clientVersion the {@code version} sent back, or null; like If-Match it must be current
   * @param force deactivate even with connectors attached (O2)
   */
  public record SettingsWrite(
      String name,
      Boolean active,
      ChannelSections sections,
      IfMatch ifMatch,
      Long clientVersion,
      boolean force,
      ReadOnlyCheck readOnly) {}

  public record SettingsChange(ChannelEntity channel, ExpandedQueue queue, boolean changed) {}

  public Uni<SettingsChange> replace(UUID channelId, SettingsWrite write) {
    return channels.change(
        channelId, "it", channel -> replace(channelId, channel, write), SettingsChange::changed);
  }

  private Uni<SettingsChange> replace(UUID channelId, ChannelEntity channel, SettingsWrite write) {
    if (channel == null || channel.deletedAt != null) {
      throw ProblemException.notFound("Channel " + channelId);
    }
    long expected = write.ifMatch().require(channel.version);
    if (write.clientVersion() != null && write.clientVersion() != channel.version) {
      throw new StaleVersionException(channel.version);
    }
    String name = write.name() == null ? channel.name : write.name();
    boolean active = write.active() == null ? channel.active : write.active();
    // C1's consent version and the language's default texts are the server's, not the client's.
    ChannelSections sections = write.sections().managedAfter(channel.sections());
    String settings = SettingsJson.write(sections);
    return listsExist(sections.automation().cannedResponseListIds())
        .chain(() -> queues.expandedQueuesOf(List.of(channel)))
        .map(expanded -> expanded.get(channel.id))
        .chain(
            queue -> {
              write.readOnly().check(channel, queue);
              if (name.equals(channel.name)
                  && active == channel.active
                  && sections.equals(channel.sections())) {
                return Uni.createFrom().item(new SettingsChange(channel, queue, false));
              }
              Uni<Void> guard =
                  channel.active && !active && !write.force()
                      ? refuseDeactivationWithConnectors(channel)
                      : Uni.createFrom().voidItem();
              return guard.chain(
                  () -> store(channel, expected, name, active, settings, queue, write));
            });
  }

  /**
   * A8: every list the channel names must exist (400 naming each that does not). Under the lock
   * that deleting a list takes, so a list cannot disappear while a channel starts using it.
   */
  private Uni<Void> listsExist(List<String> listIds) {
    if (listIds.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<UUID> ids =
        listIds.stream().map(CannedResponseStore::parseId).filter(Objects::nonNull).toList();
    return cannedResponses
        .existing(ids)
        .invoke(
            existing -> {
              FieldErrors errors = new FieldErrors();
              for (int i = 0; i < listIds.size(); i++) {
                UUID id = CannedResponseStore.parseId(listIds.get(i));
                if (id == null || !existing.containsKey(id)) {
                  errors.add(
                      "automation.cannedResponseListIds[" + i + "]",
                      "is not a canned-response list (create one with POST"
                          + " /api/v1/canned-response-lists)");
                }
              }
              errors.throwIfAny();
            })
        .replaceWithVoid();
  }

  /** O2: a disabled channel still receives messages nobody can answer; say which connectors. */
  private Uni<Void> refuseDeactivationWithConnectors(ChannelEntity channel) {
    return ConnectorEntity.<ConnectorEntity>list(
            "channelId = ?1 and deletedAt is null order by createdAt, id", channel.id)
        .map(
            attached -> {
              if (attached.isEmpty()) {
                return null;
              }
              List<Map<String, String>> connectors =
                  attached.stream()
                      .map(
                          c -> {
                            Map<String, String> view = new LinkedHashMap<>();
                            view.put("id", c.id.toString());
                            view.put("type", c.connectorType);
                            view.put("accountId", c.accountId);
                            return view;
                          })
                      .toList();
              throw ProblemException.conflict(
                  "The channel still has "
                      + attached.size()
                      + " connector(s) attached ("
                      + String.join(
                          ", ",
                          attached.stream().map(c -> c.connectorType + " " + c.accountId).toList())
                      + "): a deactivated channel keeps receiving their messages but agents"
                      + " cannot answer. Detach them first, or send ?force=true to deactivate"
                      + " anyway.",
                  Map.of("active", true, "connectors", connectors));
            })
        .replaceWithVoid();
  }

  private Uni<SettingsChange> store(
      ChannelEntity channel,
      long expected,
      String name,
      boolean active,
      String settings,
      ExpandedQueue queue,
      SettingsWrite write) {
    return channels
        .bumpVersion(channel, expected, channel.distributionMode)
        .chain(
            bumped -> {
              if (!bumped) {
                throw write.ifMatch().present() || write.clientVersion() != null
                    ? new StaleVersionException(channel.version)
                    : new ChannelChangedConcurrently(channel.id);
              }
              return Panache.getSession()
                  .chain(
                      session ->
                          session
                              .createNativeQuery(
                                  "update channel set name = :name, active = :active,"
                                      + " settings = cast(cast(:settings as text) as jsonb) where id = :id")
                              .setParameter("name", name)
                              .setParameter("active", active)
                              .setParameter("settings", settings)
                              .setParameter("id", channel.id)
                              .executeUpdate())
                  .chain(
                      updated -> {
                        if (!Objects.equals(updated, 1)) {
                          return Uni.createFrom()
                              .failure(new ChannelChangedConcurrently(channel.id));
                        }
                        channel.name = name;
                        channel.active = active;
                        channel.settings = settings;
                        return changes
                            .announce(channel, queue)
                            .replaceWith(new SettingsChange(channel, queue, true));
                      });
            });
  }
}
