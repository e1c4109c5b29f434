package dev.switchboard.config.queue.domain;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a queue's members into the agents they stand for (Q1): a user is itself, a department is
 * every agent of the directory in it, by name then id, so that the order is the same on every run;
 * an agent named twice keeps its first place.
 */
public final class QueueExpansion {

  /** Case-insensitive name first, for people; then exact name and id, so no two agents tie. */
  static final Comparator<DirectoryAgent> DIRECTORY_ORDER =
      Comparator.comparing(DirectoryAgent::name, String.CASE_INSENSITIVE_ORDER)
          .thenComparing(DirectoryAgent::name)
          .thenComparing(DirectoryAgent::id);

  private QueueExpansion() {}

  /**
   * @param directory the agents of the directory; only those in one of the queue's departments
   *     matter
   */
  public static List<String> agentIds(Queue queue, Collection<DirectoryAgent> directory) {
    List<DirectoryAgent> ordered = directory.stream().sorted(DIRECTORY_ORDER).toList();
    Set<String> agentIds = new LinkedHashSet<>();
    for (QueueMember member : queue.members()) {
      switch (member.type()) {
        case USER -> agentIds.add(member.id());
        case DEPARTMENT ->
            ordered.stream()
                .filter(agent -> agent.departments().contains(member.id()))
                .forEach(agent -> agentIds.add(agent.id()));
      }
    }
    return List.copyOf(agentIds);
  }

  /** The department ids a queue names, whose members the expansion needs. */
  public static Set<String> departmentsOf(Collection<Queue> queues) {
    Set<String> departments = new LinkedHashSet<>();
    for (Queue queue : queues) {
      for (QueueMember member : queue.members()) {
        if (member.type() == MemberType.DEPARTMENT) {
          departments.add(member.id());
        }
      }
    }
    return departments;
  }
}
