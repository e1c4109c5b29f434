package dev.switchboard.gateway.connector.store;

import dev.switchboard.events.config.ConnectorRegistrationChanged;
import dev.switchboard.events.config.SecretsCipher;
import dev.switchboard.gateway.connector.domain.ConnectorRegistration;
import dev.switchboard.gateway.connector.domain.OpenedConnector;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connector registrations as the webhooks and the delivery read them: from memory, their
 * secrets already opened. The map is filled by {@code ConnectorRegistrationConsumer} (every
 * instance reads the whole topic) and, on a miss, from the copy in PostgreSQL (a registration this
 * instance has not read yet, e.g. just after a start); a miss that is not in PostgreSQL either is
 * not remembered, so a connector registered a moment later is found. Only a higher version replaces
 * what is held.
 */
@ApplicationScoped
public class ConnectorRegistrations {

  @Inject ConnectorRegistrationStore store;
  @Inject SecretsCipher cipher;

  private final ConcurrentHashMap<String, OpenedConnector> held = new ConcurrentHashMap<>();

  public Uni<Optional<OpenedConnector>> find(String connectorId) {
    OpenedConnector known = held.get(connectorId);
    if (known != null) {
      return Uni.createFrom().item(Optional.of(known));
    }
    return store.find(connectorId).map(found -> found.map(this::remember));
  }

  /**
   * Stores the registration in PostgreSQL unless a version at least as high is there, and keeps the
   * memory in step; true when stored.
   */
  public Uni<Boolean> keepIfNewer(ConnectorRegistrationChanged event) {
    return store
        .keepIfNewer(event)
        .invoke(
            stored -> {
              if (stored) {
                remember(ConnectorRegistration.of(event));
              } else {
                // Another instance stored this version (or a later one) first: PostgreSQL holds at
                // least this version, so an older one held here is dropped and read from there.
                held.computeIfPresent(
                    event.connectorId(),
                    (id, known) -> known.version() < event.version() ? null : known);
              }
            });
  }

  private OpenedConnector remember(ConnectorRegistration registration) {
    return held.merge(
        registration.connectorId(),
        OpenedConnector.open(cipher, registration),
        (known, offered) -> offered.version() > known.version() ? offered : known);
  }
}
