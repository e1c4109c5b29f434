package dev.switchboard.config.queue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import dev.switchboard.config.queue.domain.DirectoryAgent;
import dev.switchboard.config.queue.domain.MemberType;
import dev.switchboard.config.queue.domain.Queue;
import dev.switchboard.config.queue.domain.QueueExpansion;
import dev.switchboard.config.queue.domain.QueueMember;
import dev.switchboard.events.routing.DistributionMode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueExpansionTest {

  private static final List<DirectoryAgent> DIRECTORY =
      List.of(
          new DirectoryAgent("a-9", "zoe", Set.of("sales")),
          new DirectoryAgent("a-3", "Bob", Set.of("sales", "support")),
          new DirectoryAgent("a-2", "bob", Set.of("sales")),
          new DirectoryAgent("a-1", "Bob", Set.of("sales")),
          new DirectoryAgent("a-5", "Ann", Set.of("support")));

  private static Queue queue(QueueMember... members) {
    return new Queue(List.of(members), DistributionMode.EVENLY);
  }

  private static QueueMember user(String id) {
    return new QueueMember(MemberType.USER, id);
  }

  private static QueueMember department(String id) {
    return new QueueMember(MemberType.DEPARTMENT, id);
  }

  @Test
  void aUserStandsForItselfEvenWhenTheDirectoryDoesNotKnowIt() {
    assertThat(
        QueueExpansion.agentIds(queue(user("agent1"), user("agent7")), DIRECTORY),
        contains("agent1", "agent7"));
  }

  @Test
  void aDepartmentExpandsToItsAgentsByNameThenId() {
    assertThat(
        QueueExpansion.agentIds(queue(department("sales")), DIRECTORY),
        contains("a-1", "a-3", "a-2", "a-9"));
  }

  @Test
  void membersKeepTheirOrderAndAnAgentNamedTwiceKeepsItsFirstPlace() {
    assertThat(
        QueueExpansion.agentIds(
            queue(user("a-3"), department("support"), user("x"), department("sales")), DIRECTORY),
        contains("a-3", "a-5", "x", "a-1", "a-2", "a-9"));
  }

  @Test
  void aDepartmentWithoutAgentsAddsNobody() {
    assertThat(QueueExpansion.agentIds(queue(department("nobody-here")), DIRECTORY), empty());
    assertThat(QueueExpansion.agentIds(Queue.EMPTY, DIRECTORY), empty());
  }

  @Test
  void onlyTheDepartmentsOfTheQueuesAreLookedUp() {
    assertThat(
        QueueExpansion.departmentsOf(
            List.of(queue(user("u"), department("d1")), queue(department("d2"), department("d1")))),
        contains("d1", "d2"));
  }
}
