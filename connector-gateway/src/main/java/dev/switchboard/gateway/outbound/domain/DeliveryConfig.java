package dev.switchboard.gateway.outbound.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code switchboard.delivery.*}: how hard the gateway tries to deliver one message. */
@ConfigMapping(prefix = "switchboard.delivery")
public interface DeliveryConfig {

  int maxAttempts();

  Duration initialBackoff();

  Duration maxBackoff();

  Duration maxRetryAfter();

  @WithDefault("5m")
  Duration maxRateLimited();

  default DeliveryPolicy policy() {
    return new DeliveryPolicy(
        maxAttempts(), initialBackoff(), maxBackoff(), maxRetryAfter(), maxRateLimited());
  }
}
