package dev.switchboard.routing;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.switchboard.routing.distribution.store.RoutingKeys;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: Redis holds routing's truth, so a deployment protects it with a password and TLS. The
 * service takes both from its Redis address ({@code rediss://:password@host}) and a truststore, and
 * works on such a Redis; a client without the password, or with a wrong one, is refused.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(value = ProtectedRedis.class, restrictToAnnotatedClass = true)
class ProtectedRedisTest {

  @Inject RedisDataSource redis;
  @Inject RoutingKeys keys;

  @Test
  void routingKeepsItsStateInARedisReachedOverTlsWithAPassword() {
    await("routing's state marked in the protected Redis")
        .atMost(Duration.ofSeconds(30))
        .until(() -> redis.key().exists(keys.stateMarker()));
  }

  @Test
  void aClientWithoutThePasswordOrWithAWrongOneIsRefused() throws Exception {
    assertThat(
        ProtectedRedis.ask(List.of(), List.of("GET", keys.stateMarker())), startsWith("-NOAUTH"));
    assertThat(
        ProtectedRedis.ask(List.of("AUTH", "not-the-password"), List.of("PING")),
        startsWith("-WRONGPASS"));
    assertThat(
        ProtectedRedis.ask(List.of("AUTH", ProtectedRedis.PASSWORD), List.of("PING")),
        equalTo("+PONG"));
  }
}
