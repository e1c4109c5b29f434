package dev.switchboard.config.queue.domain;

import java.util.Set;

/** What the expansion of a queue needs to know about an agent of the directory. */
public record DirectoryAgent(String id, String name, Set<String> departments) {

  public DirectoryAgent {
    departments = Set.copyOf(departments);
  }
}
