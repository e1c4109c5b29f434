package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingFlows.accept;
import static dev.switchboard.routing.RoutingFlows.decline;
import static dev.switchboard.routing.RoutingFlows.is;
import static dev.switchboard.routing.RoutingFlows.newAgent;
import static dev.switchboard.routing.RoutingFlows.newId;
import static dev.switchboard.routing.RoutingFlows.offerOf;
import static dev.switchboard.routing.RoutingFlows.offerTo;
import static dev.switchboard.routing.RoutingFlows.read;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.NoAgentReason;
import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.WithdrawalReason;
import dev.switchboard.routing.config.store.ConfigCopy;
import dev.switchboard.routing.distribution.domain.OfferDistributor;
import dev.switchboard.routing.distribution.messaging.KafkaAnnouncer;
import dev.switchboard.routing.distribution.store.RedisLiveAgentState;
import dev.switchboard.routing.distribution.store.RoutingKeys;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * STRICT_ORDER and ALL against the real Kafka and Redis: offers come out on {@code
 * oc.routing.events.v1}, agents answer through {@code POST /api/v1/sessions/{id}/accept|decline},
 * the pass-to-next timer lives in Redis. Every test uses fresh ids: the topics are shared.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class OfferFlowTest {

  private static RoutingEventsPublisher publish;

  @Inject ConsumerProgress progress;
  @Inject RedisDataSource redis;
  @Inject RoutingKeys keys;
  @Inject ConfigCopy config;
  @Inject KafkaAnnouncer announcer;

  @BeforeAll
  static void openProducer() {
    publish = new RoutingEventsPublisher();
  }

  @AfterAll
  static void closeProducer() {
    publish.close();
  }

  @BeforeEach
  void consumersAreListening() {
    RoutingFlows.awaitConsumersAssigned(progress);
  }

  @Test
  void strictOrderOffersTheFirstAgentWhoAcceptsAndGetsTheSessionOnce() {
    String channel = newId();
    String first = newAgent();
    String second = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      strictOrderChannel(channel, null, first, second);
      Instant before = Instant.now();
      publish.queued(channel, session);

      OfferMade offer = offerOf(routing, session);
      assertThat(offer.agentIds(), contains(first));
      assertThat(offer.distributionMode(), equalTo(DistributionMode.STRICT_ORDER));
      // The channel's idle time (60 s) from when the offer was made, which is after we queued it
      // (how long after depends on the machine's load).
      assertThat(
          Duration.between(offer.occurredAt(), offer.expiresAt()), equalTo(Duration.ofSeconds(60)));
      assertThat(offer.occurredAt().isBefore(before.minusSeconds(1)), equalTo(false));

      accept(second, session)
          .statusCode(409)
          .contentType("application/problem+json")
          .body("detail", containsString("not offered to you"));
      accept(first, session)
          .statusCode(200)
          .body("sessionId", equalTo(session))
          .body("agentId", equalTo(first))
          .body("offerId", equalTo(offer.offerId()))
          .body("state", equalTo("ASSIGNED"));

      AgentAssigned assigned =
          read(routing.await(r -> is(r, AgentAssigned.class, session)), AgentAssigned.class);
      assertThat(assigned.agentId(), equalTo(first));
      assertThat(assigned.reason(), equalTo(AssignmentReason.OFFER_ACCEPTED));
      assertThat(assigned.offerId(), equalTo(offer.offerId()));
      // An agent never offered the session learns nothing of it, not even that somebody has it.
      accept(second, session)
          .statusCode(409)
          .body("detail", containsString("not offered to you"))
          .body("currentState.reason", equalTo("NOT_OFFERED"));
      // A repeated accept by the agent who has it changes nothing and says so.
      accept(first, session).statusCode(200).body("offerId", equalTo(offer.offerId()));
      assertThat(
          routing.records().stream().filter(r -> is(r, AgentAssigned.class, session)).toList(),
          hasSize(1));
    }
  }

  @Test
  void aDeclinedOfferPassesToTheNextAgentInOrderAndTheDeclinerCannotTakeItAnyMore() {
    String channel = newId();
    String first = newAgent();
    String second = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      strictOrderChannel(channel, null, first, second);
      publish.queued(channel, session);
      OfferMade offer = offerOf(routing, session);

      decline(first, session)
          .statusCode(200)
          .body("offerId", equalTo(offer.offerId()))
          .body("state", equalTo("DECLINED"));

      OfferWithdrawn withdrawn =
          read(routing.await(r -> is(r, OfferWithdrawn.class, session)), OfferWithdrawn.class);
      assertThat(withdrawn.reason(), equalTo(WithdrawalReason.DECLINED));
      assertThat(withdrawn.agentIds(), contains(first));
      OfferMade next = offerTo(routing, session, second);
      assertThat(next.offerId().equals(offer.offerId()), equalTo(false));
      decline(first, session).statusCode(409).contentType("application/problem+json");
      accept(first, session)
          .statusCode(409)
          .body("detail", containsString("declined"))
          .body("currentState.reason", equalTo("DECLINED"));
    }
  }

  @Test
  void whenEveryAgentPassedTheSessionWaitsWithOneAllPassedUntilAnAgentComesOnline() {
    String channel = newId();
    String agent = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      strictOrderChannel(channel, null, agent);
      publish.queued(channel, session);
      offerOf(routing, session);

      decline(agent, session).statusCode(200);

      NoAgentAvailable allPassed =
          read(routing.await(r -> is(r, NoAgentAvailable.class, session)), NoAgentAvailable.class);
      assertThat(allPassed.reason(), equalTo(NoAgentReason.ALL_PASSED));

      publish.presence(agent, PresenceStatus.OFFLINE);
      publish.presence(agent, PresenceStatus.ONLINE);

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  routing.records().stream().filter(r -> is(r, OfferMade.class, session)).count()
                      == 2);
      assertThat(
          routing.records().stream().filter(r -> is(r, NoAgentAvailable.class, session)).toList(),
          hasSize(1));
    }
  }

  @Test
  void allOffersEveryAgentAndTheFirstAcceptWinsWhileTheOthersAreWithdrawn() {
    String channel = newId();
    String first = newAgent();
    String second = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channelWithMode(channel, "ALL", null, first, second);
      online(first, second);
      publish.queued(channel, session);

      OfferMade offer = offerOf(routing, session);
      assertThat(offer.agentIds(), contains(first, second));
      assertThat(offer.distributionMode(), equalTo(DistributionMode.ALL));

      accept(second, session).statusCode(200).body("state", equalTo("ASSIGNED"));

      OfferWithdrawn withdrawn =
          read(routing.await(r -> is(r, OfferWithdrawn.class, session)), OfferWithdrawn.class);
      assertThat(withdrawn.reason(), equalTo(WithdrawalReason.ACCEPTED_BY_ANOTHER_AGENT));
      assertThat(withdrawn.agentIds(), contains(first));
      assertThat(withdrawn.offerId(), equalTo(offer.offerId()));
      AgentAssigned assigned =
          read(routing.await(r -> is(r, AgentAssigned.class, session)), AgentAssigned.class);
      assertThat(assigned.agentId(), equalTo(second));
      accept(first, session)
          .statusCode(409)
          .body("detail", containsString("taken by another agent"));
      // An agent of another channel cannot tell this session from one that does not exist.
      accept(newAgent(), session)
          .statusCode(409)
          .body("detail", containsString("not offered to you"))
          .body("currentState.reason", equalTo("NOT_OFFERED"));
    }
  }

  @Test
  void anAgentComingOnlineJoinsAnOpenAllOfferWithTheSameOfferIdAndCanTakeIt() {
    String channel = newId();
    String first = newAgent();
    String late = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channelWithMode(channel, "ALL", null, first, late);
      online(first);
      publish.queued(channel, session);
      OfferMade offer = offerTo(routing, session, first);

      online(late);

      OfferMade joined = offerTo(routing, session, late);
      assertThat(joined.offerId(), equalTo(offer.offerId()));
      assertThat(joined.id(), org.hamcrest.Matchers.not(equalTo(offer.id())));
      accept(late, session).statusCode(200).body("offerId", equalTo(offer.offerId()));
      OfferWithdrawn withdrawn =
          read(routing.await(r -> is(r, OfferWithdrawn.class, session)), OfferWithdrawn.class);
      assertThat(withdrawn.agentIds(), contains(first));
    }
  }

  @Test
  void anOpenOfferCountsAgainstTheLimitUntilItsSessionCloses() {
    String channel = newId();
    String agent = newAgent();
    String s1 = newId();
    String s2 = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      strictOrderChannel(channel, 1, agent);
      publish.queued(channel, s1);
      offerOf(routing, s1);
      publish.queued(channel, s2);

      NoAgentAvailable full =
          read(routing.await(r -> is(r, NoAgentAvailable.class, s2)), NoAgentAvailable.class);
      assertThat(full.reason(), equalTo(NoAgentReason.ALL_AT_CAPACITY));
      accept(agent, s1).statusCode(200);
      accept(agent, s2).statusCode(409).body("currentState.reason", equalTo("NOT_OFFERED"));

      publish.closed(channel, s1, agent);

      assertThat(offerOf(routing, s2).agentIds(), contains(agent));
    }
  }

  @Test
  void anAgentGoingOfflineAndAClosedSessionWithdrawTheOffer() {
    String channel = newId();
    String first = newAgent();
    String second = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      strictOrderChannel(channel, null, first, second);
      publish.queued(channel, session);
      offerTo(routing, session, first);

      publish.presence(first, PresenceStatus.OFFLINE);

      OfferWithdrawn gone =
          read(
              routing.await(
                  r ->
                      is(r, OfferWithdrawn.class, session)
                          && read(r, OfferWithdrawn.class).agentIds().contains(first)),
              OfferWithdrawn.class);
      assertThat(gone.reason(), equalTo(WithdrawalReason.AGENT_UNAVAILABLE));
      offerTo(routing, session, second);

      publish.closed(channel, session, null);

      OfferWithdrawn closed =
          read(
              routing.await(
                  r ->
                      is(r, OfferWithdrawn.class, session)
                          && read(r, OfferWithdrawn.class).reason()
                              == WithdrawalReason.SESSION_CLOSED),
              OfferWithdrawn.class);
      assertThat(closed.agentIds(), contains(second));
      accept(second, session)
          .statusCode(409)
          .body("detail", containsString("withdrawn"))
          .body("currentState.reason", equalTo("WITHDRAWN"));
    }
  }

  /**
   * The deadline is in Redis: two instances that know nothing but Redis and the configuration (as
   * after a restart) both poll once the idle time is over; the offer expires once and passes on.
   */
  @Test
  void theExpiryTimerSurvivesARestartAndFiresOnceAcrossInstances() throws Exception {
    String channel = newId();
    String first = newAgent();
    String second = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      strictOrderChannel(channel, null, first, second);
      publish.queued(channel, session);
      OfferMade offer = offerTo(routing, session, first);

      Clock later = Clock.fixed(offer.expiresAt().plusSeconds(1), java.time.ZoneOffset.UTC);
      CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> freshInstance(later));
      CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> freshInstance(later));
      // Other tests' offers share this Redis and may be due at that time too: count them apart.
      int expired = one.get() + two.get();

      assertThat(expired >= 1, equalTo(true));
      OfferExpired expiry =
          read(routing.await(r -> is(r, OfferExpired.class, session)), OfferExpired.class);
      assertThat(expiry.offerId(), equalTo(offer.offerId()));
      assertThat(expiry.agentIds(), contains(first));
      OfferMade next = offerTo(routing, session, second);
      assertThat(next.expiresAt(), notNullValue());
      freshInstance(later);
      accept(first, session)
          .statusCode(409)
          .body("detail", containsString("expired"))
          .body("currentState.reason", equalTo("EXPIRED"));
      assertThat(
          routing.records().stream().filter(r -> is(r, OfferExpired.class, session)).toList(),
          hasSize(1));
    }
  }

  @Test
  void acceptAndDeclineAreForAgentsWithAToken() {
    String session = newId();
    given().when().post("/api/v1/sessions/{id}/accept", session).then().statusCode(401);
    given().when().post("/api/v1/sessions/{id}/decline", session).then().statusCode(401);
    given()
        .header("Authorization", "Bearer " + TestTokens.token("supervisor1", "supervisor"))
        .when()
        .post("/api/v1/sessions/{id}/accept", session)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .header("Authorization", "Bearer " + TestTokens.token("admin1", "admin"))
        .when()
        .post("/api/v1/sessions/{id}/decline", session)
        .then()
        .statusCode(403);
    accept(newAgent(), session).statusCode(409).body("currentState.reason", equalTo("NOT_OFFERED"));
  }

  /** Q6: clocking out withdraws only the offers of channels with {@code requireClockIn}. */
  @Test
  void clockingOutWithdrawsTheAllOfferOfAChannelThatRequiresItAndLeavesTheOtherChannelsOffer() {
    String required = newId();
    String plain = newId();
    String agent = newAgent();
    String first = newId();
    String second = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channelRequiringClockIn(required, "ALL", agent);
      publish.channelWithMode(plain, "ALL", null, agent);
      publish.presence(agent, PresenceStatus.ONLINE, true);
      publish.queued(required, first);
      publish.queued(plain, second);
      assertThat(offerOf(routing, first).agentIds(), contains(agent));
      assertThat(offerOf(routing, second).agentIds(), contains(agent));

      publish.presence(agent, PresenceStatus.ONLINE, false);

      OfferWithdrawn withdrawn =
          read(routing.await(r -> is(r, OfferWithdrawn.class, first)), OfferWithdrawn.class);
      assertThat(withdrawn.agentIds(), contains(agent));
      assertThat(withdrawn.reason(), equalTo(WithdrawalReason.AGENT_UNAVAILABLE));
      accept(agent, first).statusCode(409);
      accept(agent, second).statusCode(200).body("state", equalTo("ASSIGNED"));
      assertThat(
          routing.records().stream().filter(r -> is(r, OfferWithdrawn.class, second)).toList(),
          empty());
    }
  }

  @Test
  void clockingOutPassesAStrictOrderOfferToTheNextAgentWhoIsClockedIn() {
    String channel = newId();
    String first = newAgent();
    String second = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channelRequiringClockIn(channel, "STRICT_ORDER", first, second);
      publish.presence(first, PresenceStatus.ONLINE, true);
      publish.presence(second, PresenceStatus.ONLINE, true);
      publish.queued(channel, session);
      OfferMade offer = offerTo(routing, session, first);

      publish.presence(first, PresenceStatus.ONLINE, false);

      OfferWithdrawn withdrawn =
          read(routing.await(r -> is(r, OfferWithdrawn.class, session)), OfferWithdrawn.class);
      assertThat(withdrawn.offerId(), equalTo(offer.offerId()));
      assertThat(withdrawn.reason(), equalTo(WithdrawalReason.AGENT_UNAVAILABLE));
      offerTo(routing, session, second);
      accept(second, session).statusCode(200);
    }
  }

  private int freshInstance(Clock clock) {
    OfferDistributor fresh =
        new OfferDistributor(
            config,
            new RedisLiveAgentState(redis, keys, Duration.ofDays(7)),
            announcer,
            clock,
            Duration.ofMinutes(1));
    return fresh.expireDueOffers();
  }

  private void strictOrderChannel(String channel, Integer limit, String... agents) {
    publish.channelWithMode(channel, "STRICT_ORDER", limit, agents);
    online(agents);
  }

  private static void online(String... agents) {
    for (String agent : agents) {
      publish.presence(agent, PresenceStatus.ONLINE);
    }
  }
}
