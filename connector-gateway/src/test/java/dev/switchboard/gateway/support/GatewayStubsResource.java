package dev.switchboard.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Points the gateway at stand-ins for what cannot run here: the Telegram Bot API ({@link
 * TelegramStub}), channel-config-service and routing-service ({@link UpstreamStub}) and a
 * session-service that is down (a port nobody listens on). The ports are chosen here and handed to
 * the tests through system properties, which the test and the application class loaders share; each
 * test class starts its stub on its port.
 */
public class GatewayStubsResource implements QuarkusTestResourceLifecycleManager {

  public static final String TELEGRAM_PORT = "switchboard.test.telegram-stub-port";
  public static final String UPSTREAM_PORT = "switchboard.test.upstream-stub-port";
  public static final String ROUTING_PORT = "switchboard.test.routing-stub-port";
  public static final String CLOSED_PORT = "switchboard.test.closed-port";

  @Override
  public Map<String, String> start() {
    return Map.of(
        "switchboard.telegram.api-base-url",
        "http://127.0.0.1:" + port(TELEGRAM_PORT),
        "switchboard.forward.channel-config-url",
        "http://127.0.0.1:" + port(UPSTREAM_PORT),
        "switchboard.forward.session-service-url",
        "http://127.0.0.1:" + port(CLOSED_PORT),
        "switchboard.forward.routing-service-url",
        "http://127.0.0.1:" + port(ROUTING_PORT));
  }

  @Override
  public void stop() {
    // The stubs belong to the test classes that started them.
  }

  public static int port(String property) {
    synchronized (System.getProperties()) {
      String port = System.getProperty(property);
      if (port == null) {
        port = Integer.toString(freePort());
        System.setProperty(property, port);
      }
      return Integer.parseInt(port);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
