package dev.switchboard.routing.distribution.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No id, however it is made, gives a key that another id (or a fixed key) already has. */
class RoutingKeysTest {

  private final RoutingKeys keys = new RoutingKeys("sb:routing:test:");

  /** Ids made of the pieces the keys themselves are made of. */
  private static final List<String> IDS =
      List.of(
          "bob",
          "bob:sessions",
          "bob}:sessions",
          "{bob}:sessions",
          "bob:offers",
          "bob:answered",
          "bob:awaiting-client",
          "bob}",
          "{bob",
          "{bob}",
          "s:passed",
          "s}:passed",
          "s",
          "s:outcomes",
          "o:agents",
          "o",
          "c:waiting",
          "c",
          "}:waiting",
          "",
          ":",
          "}");

  @Test
  void everyKeyOfEveryIdIsOneOfAKind() {
    Map<String, String> owners = new HashMap<>();
    for (String fixed :
        List.of(
            keys.arrivals(), keys.outbox(), keys.outboxDue(), keys.offersDue(), keys.ratingDue())) {
      owners.put(fixed, "fixed " + fixed);
    }
    for (String id : IDS) {
      for (Map.Entry<String, String> key : keysOf(id).entrySet()) {
        String owner = key.getValue() + " of '" + id + "'";
        String before = owners.putIfAbsent(key.getKey(), owner);
        assertThat(
            key.getKey() + " belongs to two: " + before + ", " + owner, before, equalTo(null));
      }
    }
  }

  @Test
  void anAgentIdHoldingAColonDoesNotNameAnotherAgentsSessions() {
    assertThat(keys.agent("bob:sessions"), not(equalTo(keys.agentSessions("bob"))));
    assertThat(keys.agentSessions("bob"), equalTo("sb:routing:test:agent:{bob}:sessions"));
  }

  private Map<String, String> keysOf(String id) {
    Map<String, String> all = new HashMap<>();
    put(all, keys.agent(id), "agent");
    put(all, keys.agentSessions(id), "agent sessions");
    put(all, keys.agentOffers(id), "agent offers");
    put(all, keys.agentAnswered(id), "agent answered");
    put(all, keys.agentAwaitingClient(id), "agent awaiting client");
    put(all, keys.session(id), "session");
    put(all, keys.passed(id), "session passed");
    put(all, keys.outcomes(id), "session outcomes");
    put(all, keys.offer(id), "offer");
    put(all, keys.offerAgents(id), "offer agents");
    put(all, keys.waiting(id), "waiting line");
    return all;
  }

  private static void put(Map<String, String> all, String key, String kind) {
    assertThat(key + " is two kinds of one id", all.put(key, kind), equalTo(null));
  }
}
