package dev.switchboard.routing;

import dev.switchboard.routing.distribution.store.RoutingKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Tests keep their Redis keys under a prefix of their own (application.properties, {@code %test});
 * this removes them when the test application stops.
 */
@ApplicationScoped
public class RedisKeysCleanup {

  @Inject RedisDataSource redis;
  @Inject RoutingKeys keys;

  void removeTheTestKeys(@Observes ShutdownEvent stop) {
    deleteUnder(redis, keys.prefix());
  }

  public static void deleteUnder(RedisDataSource redis, String prefix) {
    var scan = redis.key().scan(new KeyScanArgs().match(prefix + "*").count(500));
    while (scan.hasNext()) {
      var found = scan.next();
      if (!found.isEmpty()) {
        redis.key().del(found.toArray(String[]::new));
      }
    }
  }
}
