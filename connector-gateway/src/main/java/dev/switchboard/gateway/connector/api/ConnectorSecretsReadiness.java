package dev.switchboard.gateway.connector.api;

import dev.switchboard.events.config.SecretsCipher;
import dev.switchboard.gateway.connector.domain.ConnectorRegistration;
import dev.switchboard.gateway.connector.domain.ConnectorSecrets;
import dev.switchboard.gateway.connector.domain.ConnectorSecrets.UnusableSecretsException;
import dev.switchboard.gateway.connector.store.ConnectorRegistrationStore;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether this gateway can open the connectors' secrets, without which every webhook and delivery
 * fails. A missing or malformed {@code CONNECTOR_SECRETS_KEY} stops the start; a well-formed key
 * that is not channel-config-service's (none of the newest stored secrets opens) makes readiness
 * DOWN, with the reason, so no traffic is sent to an instance that would answer every webhook with
 * a 500. One connector whose secrets do not open (tampered with) leaves readiness UP: it fails
 * alone.
 *
 * <p>Only secrets sealed under this gateway's key id are judged: others were sealed with another
 * key on purpose (or, in the test database, by another test run).
 */
@Readiness
@ApplicationScoped
public class ConnectorSecretsReadiness implements AsyncHealthCheck {

  public static final String NAME = "Connector secrets";

  /** How many of the secrets stored last are tried; a wrong key opens none of them. */
  public static final int NEWEST_TRIED = 10;

  @Inject ConnectorRegistrationStore store;
  @Inject SecretsCipher cipher;

  @ConfigProperty(name = "switchboard.connector-secrets.key-id", defaultValue = "k1")
  String keyId;

  /**
   * Makes the cipher, which reads the key: a bad key fails the start (before the consumers and the
   * presence leases begin), not the first webhook.
   */
  void refuseToStartWithoutAUsableKey(
      @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
    byte[] probe = "key check".getBytes(StandardCharsets.UTF_8);
    cipher.seal(probe, probe);
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return store.newestWithSecrets(keyId, NEWEST_TRIED).map(this::judge);
  }

  private HealthCheckResponse judge(List<ConnectorRegistration> newest) {
    long opened = newest.stream().filter(this::opens).count();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named(NAME)
            .withData("keyId", keyId)
            .withData("tried", newest.size())
            .withData("opened", opened);
    if (newest.isEmpty() || opened > 0) {
      return response.up().build();
    }
    return response
        .down()
        .withData(
            "reason",
            "CONNECTOR_SECRETS_KEY opens none of the "
                + newest.size()
                + " connector secrets stored last under key id '"
                + keyId
                + "': it is not the key channel-config-service seals them with")
        .build();
  }

  private boolean opens(ConnectorRegistration registration) {
    try {
      ConnectorSecrets.open(cipher, registration);
      return true;
    } catch (UnusableSecretsException e) {
      return false;
    }
  }
}
