package dev.switchboard.routing.distribution;

import dev.switchboard.routing.config.store.ConfigCopy;
import dev.switchboard.routing.distribution.domain.Distributor;
import dev.switchboard.routing.distribution.messaging.KafkaAnnouncer;
import dev.switchboard.routing.distribution.store.AnnouncementOutbox;
import dev.switchboard.routing.distribution.store.RedisLiveAgentState;
import dev.switchboard.routing.distribution.store.RoutingKeys;
import dev.switchboard.routing.distribution.store.RoutingStateMarker;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Puts the plain-Java distribution together with Redis, Kafka and the injected clock. */
public class DistributionBeans {

  @ConfigProperty(name = "switchboard.routing.redis.key-prefix", defaultValue = "sb:routing:")
  String keyPrefix;

  @ConfigProperty(name = "switchboard.routing.keep-closed-sessions", defaultValue = "7d")
  Duration keepClosedSessions;

  @ConfigProperty(name = "switchboard.routing.offers.default-idle-time", defaultValue = "60s")
  Duration defaultIdleTime;

  @Produces
  @Singleton
  RoutingKeys routingKeys() {
    return new RoutingKeys(keyPrefix);
  }

  @Produces
  @Singleton
  ConfigCopy configCopy() {
    return new ConfigCopy();
  }

  @Produces
  @Singleton
  RedisLiveAgentState liveAgentState(RedisDataSource redis, RoutingKeys keys) {
    return new RedisLiveAgentState(redis, keys, keepClosedSessions);
  }

  @Produces
  @Singleton
  RoutingStateMarker routingStateMarker(RedisDataSource redis, RoutingKeys keys) {
    return new RoutingStateMarker(redis, keys);
  }

  @Produces
  @Singleton
  AnnouncementOutbox announcementOutbox(RedisDataSource redis, RoutingKeys keys) {
    return new AnnouncementOutbox(redis, keys);
  }

  @Produces
  @Singleton
  Distributor distributor(
      ConfigCopy config, RedisLiveAgentState state, KafkaAnnouncer announcer, Clock clock) {
    return new Distributor(config, state, announcer, clock, defaultIdleTime);
  }
}
