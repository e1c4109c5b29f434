package dev.switchboard.platform.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestGuardTest {

  @Test
  void nulInThePathOrAQueryParameterIsFound() {
    assertEquals("(path)", RequestGuard.nulField("/api/v1/channels/%00", null));
    assertEquals("cursor", RequestGuard.nulField("/api/v1/channels", "limit=5&cursor=a%00"));
    assertEquals("(query)", RequestGuard.nulField("/api/v1/channels", "x%00=1"));
    assertNull(RequestGuard.nulField("/api/v1/channels/%20a", "q=%C3%B1&limit=5"));
  }

  @Test
  void theLongestMatchingPrefixGivesTheLimitAndNoneExceedsTheDefault() {
    BodyLimits limits =
        new BodyLimits(
            "512K", Map.of("/webhooks/", "256K", "/webhooks/big/", "2M", "/api/v1/x", "1K"));

    assertEquals(512 * 1024, limits.forPath("/api/v1/channels"));
    assertEquals(256 * 1024, limits.forPath("/webhooks/telegram/abc"));
    assertEquals(512 * 1024, limits.forPath("/webhooks/big/abc"));
    assertEquals(1024, limits.forPath("/api/v1/x/y"));
  }
}
