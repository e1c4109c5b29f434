package dev.switchboard.config.connector.store;

import dev.switchboard.events.config.SecretsCipher;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;

/**
 * Refuses to start without a usable connector secrets key, rather than failing on the first
 * connector an administrator attaches.
 */
@ApplicationScoped
class SecretsKeyCheck {

  void onStart(@Observes StartupEvent event, SecretsCipher cipher) {
    byte[] probe = "key check".getBytes(StandardCharsets.UTF_8);
    cipher.open(cipher.seal(probe, probe), probe);
  }
}
