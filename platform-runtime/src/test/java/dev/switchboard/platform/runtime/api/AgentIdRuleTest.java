package dev.switchboard.platform.runtime.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentIdRuleTest {

  @Test
  void theIdsOfTheUsualIdentityProvidersAndEmailAddressesAreAgentIds() {
    for (String id :
        List.of(
            "bench-cad65e-c1-a0",
            "agent1",
            "3f2b9c1e-8d4a-4c7b-9e1f-0a2b3c4d5e6f",
            "110169484474386276334",
            "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
            "ann.lee+ops@example.com",
            "a".repeat(AgentIdRule.MAX_LENGTH))) {
      assertTrue(AgentIdRule.isAgentId(id), id);
    }
  }

  @Test
  void whatOtherPartsGiveAMeaningToIsNot() {
    for (String id :
        Arrays.asList(
            null,
            "",
            "bob:sessions",
            "{bob}",
            "a/b",
            "a%2Fb",
            "a b",
            "a\u0000b",
            "auth0|123",
            "a".repeat(AgentIdRule.MAX_LENGTH + 1))) {
      assertFalse(AgentIdRule.isAgentId(id), String.valueOf(id));
    }
  }
}
