package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingFlows.is;
import static dev.switchboard.routing.RoutingFlows.newAgent;
import static dev.switchboard.routing.RoutingFlows.newId;
import static dev.switchboard.routing.RoutingFlows.read;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.events.Topics;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.testkit.Infrastructure;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TcpProxy;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis away for longer than the retries used to last (about 31 s, then the record went to the
 * dead-letter topic): the records that arrive meanwhile wait, and are all routed once Redis is
 * back; none is dead-lettered. The service under test reaches Redis through a {@link TcpProxy} that
 * the test cuts and restores, so the shared Redis keeps running for everyone else. Its own
 * application, since it talks to Redis through the proxy.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(value = RedisOutageTest.ThroughAProxy.class, restrictToAnnotatedClass = true)
class RedisOutageTest {

  /** Points the service at the proxy's port; the test starts the proxy (system properties). */
  public static class ThroughAProxy implements QuarkusTestResourceLifecycleManager {

    static final String PORT = "switchboard.test.redis-proxy-port";

    @Override
    public Map<String, String> start() {
      return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port());
    }

    @Override
    public void stop() {
      // The proxy belongs to the test class.
    }

    static int port() {
      synchronized (System.getProperties()) {
        String port = System.getProperty(PORT);
        if (port == null) {
          try (ServerSocket socket = new ServerSocket(0)) {
            port = Integer.toString(socket.getLocalPort());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          System.setProperty(PORT, port);
        }
        return Integer.parseInt(port);
      }
    }
  }

  /** Longer than the old retry budget (0.2 + 0.5 + 1 + 2 + 4 + 8 + 15 s). */
  private static final Duration OUTAGE = Duration.ofSeconds(40);

  private static TcpProxy redis;
  private static RoutingEventsPublisher publish;

  @Inject ConsumerProgress progress;

  @BeforeAll
  static void startProxy() {
    URI target = URI.create(Infrastructure.redisUrl());
    redis =
        TcpProxy.start(
            ThroughAProxy.port(), target.getHost(), target.getPort() < 0 ? 6379 : target.getPort());
    publish = new RoutingEventsPublisher();
  }

  @AfterAll
  static void stopProxy() {
    publish.close();
    // Restored, not closed: the application removes its keys through it when it stops.
    redis.restore();
  }

  @Test
  void sessionsQueuedWhileRedisIsAwayAreAllRoutedOnceItIsBackAndNoneIsDeadLettered() {
    RoutingFlows.awaitConsumersAssigned(progress);
    String channel = newId();
    String agent = newAgent();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS);
        TopicProbe deadLetters = TopicProbe.open(Topics.dlq(Topics.SESSION_EVENTS))) {
      publish.channel(channel, agent);
      publish.presence(agent, PresenceStatus.ONLINE);
      String before = newId();
      publish.queued(channel, before);
      assertThat(
          read(
                  routing.await(r -> is(r, AgentAssigned.class, before), Duration.ofSeconds(30)),
                  AgentAssigned.class)
              .agentId(),
          equalTo(agent));

      redis.cut();
      List<String> sessions = IntStream.range(0, 5).mapToObj(i -> newId()).toList();
      sessions.forEach(session -> publish.queued(channel, session));
      try {
        await()
            .during(OUTAGE)
            .atMost(OUTAGE.plusSeconds(10))
            .until(() -> deadLettersOf(deadLetters, channel).isEmpty());
      } finally {
        redis.restore();
      }

      for (String session : sessions) {
        AgentAssigned assigned =
            read(
                routing.await(r -> is(r, AgentAssigned.class, session), Duration.ofSeconds(60)),
                AgentAssigned.class);
        assertThat(assigned.agentId(), equalTo(agent));
      }
      assertThat(deadLettersOf(deadLetters, channel), empty());
    }
  }

  private static List<String> deadLettersOf(TopicProbe deadLetters, String channel) {
    return deadLetters.records().stream()
        .filter(r -> channel.equals(r.key()))
        .map(r -> r.key())
        .toList();
  }
}
