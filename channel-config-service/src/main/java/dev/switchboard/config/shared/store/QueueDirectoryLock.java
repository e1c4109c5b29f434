package dev.switchboard.config.shared.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Serialises the transactions that change a queue or the agent directory. A queue's {@code
 * agentIds} depend on both; without this, a queue that starts naming a department and an agent that
 * joins it at the same moment could each miss the other's change and publish a stale expansion.
 * Administrators change these rarely, so one lock for all of them costs nothing.
 */
public final class QueueDirectoryLock {

  private QueueDirectoryLock() {}

  /** Takes the lock for the rest of the current transaction (it is released at commit). */
  public static Uni<Void> acquire() {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(
                        "select count(*) from (select"
                            + " pg_advisory_xact_lock(hashtext('channel_config.queue_directory')))"
                            + " as locked",
                        Long.class)
                    .getSingleResult())
        .replaceWithVoid();
  }
}
