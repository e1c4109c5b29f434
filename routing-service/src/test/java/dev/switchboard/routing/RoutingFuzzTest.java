package dev.switchboard.routing;

import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.fuzz.Fuzz;
import dev.switchboard.testkit.fuzz.HostileClient;
import dev.switchboard.testkit.fuzz.HostileIds;
import dev.switchboard.testkit.fuzz.ProblemAnswers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hostile input for routing-service's API (issue 12's suite): accept and decline take no body, so
 * their one input, the session id in the path, is fuzzed. No answer is a 5xx, every refusal is a
 * problem. {@code -Dfuzz.tries=N} for a longer run.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class RoutingFuzzTest {

  @Test
  void hostileSessionIdsNeverGetA5xx() {
    Map<String, String> agent =
        Map.of("Authorization", "Bearer " + TestTokens.token("agent-fuzz", "agent"));
    for (String answer : new String[] {"accept", "decline"}) {
      Fuzz.forAll(
          "POST /api/v1/sessions/{id}/" + answer,
          HostileIds.pathSegments(),
          Fuzz.tries(100),
          id ->
              ProblemAnswers.assertAcceptable(
                  HostileClient.send(
                      "POST",
                      "/api/v1/sessions/" + id + "/" + answer,
                      agent,
                      HostileIds.noBody())));
    }
  }
}
