package dev.switchboard.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.PlatformEvent;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Publishes events on the real broker as the other services would, and reads records back. */
public final class TestEvents {

  public static final String SOURCE = "/switchboard/gateway-tests";

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestEvents() {}

  /** Publishes the event on its topic, keyed and with CloudEvents headers; waits for the ack. */
  public static void publish(PlatformEvent event) {
    dev.switchboard.testkit.TestEvents.publish(event, SOURCE);
  }

  public static JsonNode json(String value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
