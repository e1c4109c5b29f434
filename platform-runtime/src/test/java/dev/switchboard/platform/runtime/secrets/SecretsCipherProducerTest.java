package dev.switchboard.platform.runtime.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code CONNECTOR_SECRETS_OLD_KEYS}: what a rotation's old keys look like, and what is refused.
 */
class SecretsCipherProducerTest {

  private static final String KEY = "c2l4dGVlbiBieXRlcyBrZXk=";

  @Test
  void oldKeysAreIdColonKeyEntriesSeparatedByCommas() {
    Map<String, String> keys = SecretsCipherProducer.oldKeys("k3", " k1:" + KEY + " , k2:" + KEY);
    assertEquals(List.of("k1", "k2"), List.copyOf(keys.keySet()));
    assertEquals(KEY, keys.get("k1"));
    assertTrue(SecretsCipherProducer.oldKeys("k3", "").isEmpty());
  }

  @Test
  void anEntryWithoutItsIdOrReusingTheCurrentIdIsRefusedWithoutShowingTheKey() {
    for (String entries : List.of(KEY, ":" + KEY, "k1:", "k3:" + KEY, "k1:a,k1:b")) {
      IllegalStateException refused =
          assertThrows(
              IllegalStateException.class, () -> SecretsCipherProducer.oldKeys("k3", entries));
      assertTrue(refused.getMessage().contains("CONNECTOR_SECRETS_OLD_KEYS"), entries);
      assertFalse(refused.getMessage().contains(KEY), entries);
    }
  }
}
