package dev.switchboard.config.agent.store;

import dev.switchboard.config.agent.domain.Absence;
import dev.switchboard.config.agent.messaging.AgentChanges;
import dev.switchboard.config.channel.store.ChannelChangedConcurrently;
import dev.switchboard.config.queue.store.QueueStore;
import dev.switchboard.config.shared.api.IfMatch;
import dev.switchboard.config.shared.api.StaleVersionException;
import dev.switchboard.config.shared.store.QueueDirectoryLock;
import dev.switchboard.platform.runtime.api.Problem;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The agent directory in PostgreSQL. A change of an entry is stored and announced in one
 * transaction, together with a new version of every channel whose queue expands differently because
 * of it (an agent joined or left a department the queue names, or was renamed and so moved in the
 * department's order).
 */
@ApplicationScoped
public class AgentStore {

  private static final int ATTEMPTS = 3;

  @Inject QueueStore queues;
  @Inject AgentChanges changes;
  @Inject Clock clock;

  /** An entry with its departments in order. */
  public record Agent(AgentEntity entry, List<String> departments) {}

  /** What an administrator sets: the whole entry but its id. */
  public record AgentDraft(
      String name,
      String avatarUrl,
      List<String> departments,
      boolean dismissed,
      List<Absence> absences) {
    public AgentDraft {
      departments = List.copyOf(departments);
      absences = List.copyOf(absences);
    }
  }

  public record PutOutcome(Agent agent, boolean created, boolean changed) {}

  /**
   * Creates or replaces an entry. Replacing it with what it already holds changes nothing (no new
   * version, no event).
   *
   * @param clientVersion the {@code version} the client sent back, or null; like {@code If-Match},
   *     it must be the current version
   */
  public Uni<PutOutcome> put(
      String agentId, AgentDraft draft, IfMatch ifMatch, Long clientVersion) {
    return Uni.createFrom()
        .deferred(
            () ->
                Panache.withTransaction(
                    () ->
                        QueueDirectoryLock.acquire()
                            .chain(() -> AgentEntity.<AgentEntity>findById(agentId))
                            .chain(
                                existing ->
                                    existing == null
                                        ? create(agentId, draft, ifMatch, clientVersion)
                                        : replace(existing, draft, ifMatch, clientVersion))))
        .onFailure(ChannelChangedConcurrently.class)
        .retry()
        .atMost(ATTEMPTS - 1)
        .onFailure(ChannelChangedConcurrently.class)
        .transform(
            concurrent ->
                ProblemException.conflict(
                    "A channel naming one of the agent's departments kept changing; try again",
                    null))
        .invoke(
            outcome -> {
              if (outcome.changed()) {
                changes.flush();
              }
            });
  }

  public Uni<Optional<Agent>> find(String agentId) {
    return Panache.withSession(
        () ->
            AgentEntity.<AgentEntity>findById(agentId)
                .chain(
                    agent ->
                        agent == null
                            ? Uni.createFrom().item(Optional.<Agent>empty())
                            : withDepartments(List.of(agent))
                                .map(found -> Optional.of(found.get(0)))));
  }

  /** Up to {@code limit} entries after {@code after} (exclusive), in id order. */
  public Uni<List<Agent>> page(String after, int limit) {
    return Panache.withSession(
        () ->
            (after == null
                    ? AgentEntity.<AgentEntity>find("order by id")
                    : AgentEntity.<AgentEntity>find("id > ?1 order by id", after))
                .range(0, limit - 1)
                .list()
                .chain(this::withDepartments));
  }

  private Uni<PutOutcome> create(
      String agentId, AgentDraft draft, IfMatch ifMatch, Long clientVersion) {
    if (ifMatch.present() || clientVersion != null) {
      throw new ProblemException(
          Problem.of(
              412,
              "Precondition failed",
              "Agent " + agentId + " does not exist yet, so no version can match"));
    }
    Instant now = clock.instant();
    AgentEntity agent = new AgentEntity();
    agent.id = agentId;
    agent.name = draft.name();
    agent.avatarUrl = draft.avatarUrl();
    agent.dismissed = draft.dismissed();
    agent.absenceList(draft.absences());
    agent.version = 1;
    agent.createdAt = now;
    agent.updatedAt = now;
    return storeAndRepublish(
            agent.id,
            List.of(),
            draft.departments(),
            () -> agent.<AgentEntity>persist().replaceWithVoid())
        .chain(() -> changes.announce(agent, draft.departments()))
        .replaceWith(new PutOutcome(new Agent(agent, draft.departments()), true, true));
  }

  private Uni<PutOutcome> replace(
      AgentEntity agent, AgentDraft draft, IfMatch ifMatch, Long clientVersion) {
    ifMatch.require(agent.version);
    if (clientVersion != null && clientVersion != agent.version) {
      throw new StaleVersionException(agent.version);
    }
    return departmentsOf(agent.id)
        .chain(
            current -> {
              if (Objects.equals(agent.name, draft.name())
                  && Objects.equals(agent.avatarUrl, draft.avatarUrl())
                  && agent.dismissed == draft.dismissed()
                  && agent.absenceList().equals(draft.absences())
                  && current.equals(draft.departments())) {
                return Uni.createFrom()
                    .item(new PutOutcome(new Agent(agent, current), false, false));
              }
              return storeAndRepublish(
                      agent.id,
                      current,
                      draft.departments(),
                      () -> {
                        agent.name = draft.name();
                        agent.avatarUrl = draft.avatarUrl();
                        agent.dismissed = draft.dismissed();
                        agent.absenceList(draft.absences());
                        agent.version = agent.version + 1;
                        agent.updatedAt = clock.instant();
                        return Uni.createFrom().voidItem();
                      })
                  .chain(() -> changes.announce(agent, draft.departments()))
                  .replaceWith(new PutOutcome(new Agent(agent, draft.departments()), false, true));
            });
  }

  /**
   * Writes the entry and its departments, then gives a new version to every channel naming one of
   * the old or new departments whose {@code agentIds} came out different.
   */
  private Uni<Void> storeAndRepublish(
      String agentId, List<String> before, List<String> after, Supplier<Uni<Void>> writeEntry) {
    Set<String> touched = new LinkedHashSet<>(before);
    touched.addAll(after);
    return queues
        .channelsNaming(touched)
        .chain(
            candidates ->
                queues
                    .agentIdsOf(candidates)
                    .chain(
                        agentIdsBefore ->
                            writeEntry
                                .get()
                                // The entry's row first: its departments refer to it.
                                .chain(() -> Panache.getSession().flatMap(s -> s.flush()))
                                .chain(() -> replaceDepartments(agentId, after))
                                .chain(() -> queues.agentIdsOf(candidates))
                                .chain(
                                    agentIdsAfter -> {
                                      List<UUID> changed =
                                          candidates.stream()
                                              .filter(
                                                  id ->
                                                      !Objects.equals(
                                                          agentIdsBefore.get(id),
                                                          agentIdsAfter.get(id)))
                                              .toList();
                                      return changed.isEmpty()
                                          ? Uni.createFrom().voidItem()
                                          : queues.republish(changed);
                                    })));
  }

  private Uni<Void> replaceDepartments(String agentId, List<String> departments) {
    List<AgentDepartmentEntity> rows = new ArrayList<>();
    for (int i = 0; i < departments.size(); i++) {
      rows.add(AgentDepartmentEntity.of(agentId, i, departments.get(i)));
    }
    return AgentDepartmentEntity.delete("agentId", agentId)
        .chain(
            () ->
                rows.isEmpty() ? Uni.createFrom().voidItem() : AgentDepartmentEntity.persist(rows))
        // The channels' queues are expanded next, from the database: it must hold this entry.
        .chain(() -> Panache.getSession().flatMap(session -> session.flush()));
  }

  private Uni<List<String>> departmentsOf(String agentId) {
    return AgentDepartmentEntity.<AgentDepartmentEntity>list(
            "agentId = ?1 order by position", agentId)
        .map(rows -> rows.stream().map(row -> row.departmentId).toList());
  }

  private Uni<List<Agent>> withDepartments(List<AgentEntity> agents) {
    if (agents.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<String> ids = agents.stream().map(agent -> agent.id).toList();
    return AgentDepartmentEntity.<AgentDepartmentEntity>list(
            "agentId in ?1 order by agentId, position", ids)
        .map(
            rows -> {
              Map<String, List<String>> departments = new LinkedHashMap<>();
              for (AgentDepartmentEntity row : rows) {
                departments
                    .computeIfAbsent(row.agentId, id -> new ArrayList<>())
                    .add(row.departmentId);
              }
              return agents.stream()
                  .map(agent -> new Agent(agent, departments.getOrDefault(agent.id, List.of())))
                  .toList();
            });
  }
}
