package dev.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Stands in for the Telegram Bot API (which cannot be reached from here): it records every {@code
 * sendMessage} call and answers as Telegram does.
 */
public final class TelegramStub implements AutoCloseable {

  /** One call, with the {@link System#nanoTime()} at which the stub received it. */
  public record Call(String botToken, String method, JsonNode body, long receivedAtNanos) {

    /**
     * The text as the client reads it, without the agent's name: the gateway sends a message with a
     * sender as HTML whose first line is the name in bold (Q8), the rest escaped.
     */
    public String shownText() {
      String text = body.path("text").asText("");
      if (!"HTML".equals(body.path("parse_mode").asText())) {
        return text;
      }
      int nameEnd = text.startsWith("<b>") ? text.indexOf("</b>\n") : -1;
      String rest = nameEnd < 0 ? text : text.substring(nameEnd + "</b>\n".length());
      return unescape(rest);
    }

    /** The agent's name shown as the message's bold first line; null when there is none. */
    public String authorName() {
      String text = body.path("text").asText("");
      int nameEnd = text.indexOf("</b>\n");
      if (!"HTML".equals(body.path("parse_mode").asText())
          || !text.startsWith("<b>")
          || nameEnd < 0) {
        return null;
      }
      return unescape(text.substring("<b>".length(), nameEnd));
    }

    private static String unescape(String html) {
      return html.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextMessageId = new AtomicInteger(1000);
  private final List<Consumer<Call>> listeners = new CopyOnWriteArrayList<>();

  public TelegramStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** {@code listener} is told of every call from now on, as it arrives (on the stub's thread). */
  public void onCall(Consumer<Call> listener) {
    listeners.add(listener);
  }

  private void handle(HttpExchange exchange) throws IOException {
    // Paths are /bot<token>/<method>, as on api.telegram.org.
    String[] parts = exchange.getRequestURI().getPath().split("/");
    byte[] request = exchange.getRequestBody().readAllBytes();
    long receivedAt = System.nanoTime();
    String answer;
    int status;
    if (parts.length == 3 && parts[1].startsWith("bot")) {
      JsonNode body = request.length == 0 ? JSON.createObjectNode() : JSON.readTree(request);
      Call call = new Call(parts[1].substring(3), parts[2], body, receivedAt);
      calls.add(call);
      listeners.forEach(listener -> listener.accept(call));
      status = 200;
      answer =
          "{\"ok\":true,\"result\":{\"message_id\":"
              + nextMessageId.incrementAndGet()
              + ",\"date\":"
              + (System.currentTimeMillis() / 1000)
              + ",\"chat\":{\"id\":"
              + body.path("chat_id").asText("0")
              + ",\"type\":\"private\"},\"text\":"
              + JSON.writeValueAsString(body.path("text").asText(""))
              + "}}";
    } else {
      status = 404;
      answer = "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}";
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
