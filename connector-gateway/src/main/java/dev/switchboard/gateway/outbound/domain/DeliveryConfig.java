package dev.switchboard.gateway.outbound.domain;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code switchboard.delivery.*}: how hard the gateway tries to deliver one message. */
@ConfigMapping(prefix = "switchboard.delivery")
public interface DeliveryConfig {

  int maxAttempts();

  Duration initialBackoff();

  Duration maxBackoff();

  Duration maxRetryAfter();

  default DeliveryPolicy policy() {
    return new DeliveryPolicy(maxAttempts(), initialBackoff(), maxBackoff(), maxRetryAfter());
  }
}
