package dev.switchboard.gateway.outbound;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

import dev.switchboard.gateway.outbound.domain.AttemptOutcome;
import dev.switchboard.gateway.outbound.domain.DeliveryPolicy;
import dev.switchboard.gateway.outbound.domain.DeliveryPolicy.Decision;
import dev.switchboard.gateway.telegram.client.TelegramReplies;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

  private final DeliveryPolicy policy =
      new DeliveryPolicy(
          5,
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          Duration.ofSeconds(60),
          Duration.ofMinutes(5));

  @Test
  void backOffDoublesUpToItsMaximum() {
    assertThat(policy.backoff(1), equalTo(Duration.ofSeconds(1)));
    assertThat(policy.backoff(2), equalTo(Duration.ofSeconds(2)));
    assertThat(policy.backoff(4), equalTo(Duration.ofSeconds(8)));
    assertThat(policy.backoff(10), equalTo(Duration.ofSeconds(30)));
  }

  @Test
  void aServerErrorIsRetriedUntilTheFifthTry() {
    AttemptOutcome outcome = TelegramReplies.classify(500, "{\"ok\":false,\"error_code\":500}");
    assertThat(
        policy.decide(1, Duration.ZERO, outcome),
        equalTo(new Decision.Retry(Duration.ofSeconds(1))));
    Decision last = policy.decide(5, Duration.ZERO, outcome);
    assertThat(last, instanceOf(Decision.GiveUp.class));
    assertThat(((Decision.GiveUp) last).reason(), containsString("after 5 tries"));
  }

  @Test
  void aRateLimitWaitsWhatTelegramAsks() {
    AttemptOutcome outcome =
        TelegramReplies.classify(
            429,
            "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                + "\"parameters\":{\"retry_after\":7}}");
    assertThat(
        policy.decide(1, Duration.ZERO, outcome),
        equalTo(new Decision.Retry(Duration.ofSeconds(7))));
  }

  @Test
  void aRateLimitIsNotAFailedTry() {
    AttemptOutcome outcome =
        TelegramReplies.classify(
            429, "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":3}}");
    // Even after the fifth failed try, a rate limit is waited out, not given up.
    assertThat(
        policy.decide(5, Duration.ofSeconds(30), outcome),
        equalTo(new Decision.Retry(Duration.ofSeconds(3))));
  }

  @Test
  void rateLimitsLongerInAllThanAMessageMayWaitAreGivenUp() {
    AttemptOutcome outcome =
        TelegramReplies.classify(
            429, "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":30}}");
    Decision decision = policy.decide(0, Duration.ofSeconds(290), outcome);
    assertThat(decision, instanceOf(Decision.GiveUp.class));
    assertThat(((Decision.GiveUp) decision).reason(), containsString("rate-limited for 290 s"));
  }

  @Test
  void aRateLimitLongerThanAChatMayBeHeldIsGivenUp() {
    AttemptOutcome outcome =
        TelegramReplies.classify(
            429, "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":3600}}");
    assertThat(policy.decide(1, Duration.ZERO, outcome), instanceOf(Decision.GiveUp.class));
  }

  @Test
  void aClientErrorIsGivenUpAtOnceWithTelegramsDescription() {
    AttemptOutcome outcome =
        TelegramReplies.classify(
            403,
            "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the"
                + " user\"}");
    assertThat(
        policy.decide(1, Duration.ZERO, outcome),
        equalTo(
            new Decision.GiveUp("Telegram answered 403: Forbidden: bot was blocked by the user")));
  }

  @Test
  void anOkAnswerIsDelivered() {
    AttemptOutcome outcome =
        TelegramReplies.classify(200, "{\"ok\":true,\"result\":{\"message_id\":42}}");
    assertThat(outcome, equalTo(new AttemptOutcome.Delivered("42")));
    assertThat(policy.decide(1, Duration.ZERO, outcome), equalTo(new Decision.Done()));
  }

  @Test
  void anHtmlErrorPageFromAProxyIsJudgedByItsStatus() {
    assertThat(
        TelegramReplies.classify(502, "<html>Bad gateway</html>"),
        instanceOf(AttemptOutcome.Failed.class));
  }
}
