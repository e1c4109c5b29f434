package dev.switchboard.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Stands in for a service behind the gateway (channel-config-service, routing-service): records
 * each request and answers with what the test says. One stub per port property of {@link
 * GatewayStubsResource}.
 */
public final class UpstreamStub {

  /** A request as the upstream service received it. */
  public record Received(
      String method, String path, String query, Map<String, List<String>> headers, String body) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** An answer to send back. */
  public record Answer(int status, Map<String, String> headers, String body) {}

  private static final Map<String, UpstreamStub> INSTANCES = new HashMap<>();

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile Function<Received, Answer> answers =
      r -> new Answer(200, Map.of("Content-Type", "application/json"), "{}");

  private UpstreamStub(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The channel-config-service stub. */
  public static UpstreamStub start() {
    return start(GatewayStubsResource.UPSTREAM_PORT);
  }

  /** The stub listening on the port named by {@code portProperty}, started if need be. */
  public static synchronized UpstreamStub start(String portProperty) {
    return INSTANCES.computeIfAbsent(
        portProperty,
        property -> {
          try {
            return new UpstreamStub(GatewayStubsResource.port(property));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Stops every stub. */
  public static synchronized void stop() {
    INSTANCES.values().forEach(stub -> stub.server.stop(0));
    INSTANCES.clear();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void answer(Function<Received, Answer> answers) {
    this.answers = answers;
  }

  /** The requests received for this path, in order. */
  public List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Received request =
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(),
            Map.copyOf(exchange.getRequestHeaders()),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    received.add(request);
    Answer answer = answers.apply(request);
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    byte[] bytes =
        answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }
}
