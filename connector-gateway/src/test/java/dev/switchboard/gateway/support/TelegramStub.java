package dev.switchboard.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for {@code https://api.telegram.org}: {@code POST /bot<token>/sendMessage} and {@code
 * answerCallbackQuery}, answering in the Bot API's own JSON. Every call is recorded with its JSON
 * body (so a test reads {@code text}, {@code parse_mode}, {@code reply_markup}, {@code
 * callback_query_id}). By default every call succeeds; a test scripts the next answers for its
 * bot's token.
 */
public final class TelegramStub {

  /** One call received. */
  public record Call(String botToken, String method, String body) {

    /** The body's JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** {@code parse_mode}, or null when the call has none (plain text). */
    public String parseMode() {
      JsonNode mode = json().get("parse_mode");
      return mode == null ? null : mode.asText();
    }

    /**
     * The inline keyboard of {@code reply_markup}: per row, per button, {@code [text,
     * callback_data]}; empty when the call has none.
     */
    public List<List<List<String>>> inlineKeyboard() {
      List<List<List<String>>> rows = new ArrayList<>();
      for (JsonNode row : json().path("reply_markup").path("inline_keyboard")) {
        List<List<String>> buttons = new ArrayList<>();
        row.forEach(
            b -> buttons.add(List.of(b.path("text").asText(), b.path("callback_data").asText())));
        rows.add(buttons);
      }
      return rows;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Answer(int status, String body) {}

  private static TelegramStub instance;

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
  private final AtomicLong messageIds = new AtomicLong(500);

  private TelegramStub(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The stub on the port {@link GatewayStubsResource} gave the gateway. */
  public static synchronized TelegramStub start() {
    if (instance == null) {
      try {
        instance = new TelegramStub(GatewayStubsResource.port(GatewayStubsResource.TELEGRAM_PORT));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  public static synchronized void stop() {
    if (instance != null) {
      instance.server.stop(0);
      instance = null;
    }
  }

  /** The calls made with this bot token, in order. */
  public List<Call> calls(String botToken) {
    return calls.stream().filter(c -> c.botToken().equals(botToken)).toList();
  }

  /** The calls of one Bot API method made with this bot token, in order. */
  public List<Call> calls(String botToken, String method) {
    return calls(botToken).stream().filter(c -> c.method().equals(method)).toList();
  }

  /** The next calls with this token fail with {@code status} (in the Bot API's error format). */
  public void failNext(String botToken, int status, String description, int times) {
    for (int i = 0; i < times; i++) {
      enqueue(
          botToken,
          new Answer(
              status,
              "{\"ok\":false,\"error_code\":%d,\"description\":\"%s\"}"
                  .formatted(status, description)));
    }
  }

  /** The next call with this token is rate limited, asking to wait {@code retryAfter} seconds. */
  public void rateLimitNext(String botToken, int retryAfter) {
    enqueue(
        botToken,
        new Answer(
            429,
            ("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after %d\","
                    + "\"parameters\":{\"retry_after\":%d}}")
                .formatted(retryAfter, retryAfter)));
  }

  private void enqueue(String botToken, Answer answer) {
    scripts.computeIfAbsent(botToken, t -> new ArrayDeque<>()).add(answer);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    // /bot<token>/<method>
    String[] parts = path.split("/");
    if (parts.length != 3 || !parts[1].startsWith("bot")) {
      answer(exchange, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
      return;
    }
    String token = parts[1].substring(3);
    calls.add(new Call(token, parts[2], body));
    Deque<Answer> script = scripts.get(token);
    Answer scripted;
    synchronized (this) {
      scripted = script == null ? null : script.poll();
    }
    if (scripted != null) {
      answer(exchange, scripted.status(), scripted.body());
      return;
    }
    if (parts[2].equals("answerCallbackQuery")) {
      answer(exchange, 200, "{\"ok\":true,\"result\":true}");
      return;
    }
    long messageId = messageIds.incrementAndGet();
    String botId = token.substring(0, token.indexOf(':'));
    answer(
        exchange,
        200,
        ("{\"ok\":true,\"result\":{\"message_id\":%d,\"from\":{\"id\":%s,\"is_bot\":true,"
                + "\"first_name\":\"Switchboard test bot\",\"username\":\"switchboard_test_bot\"},"
                + "\"chat\":{\"id\":1,\"type\":\"private\"},\"date\":%d,\"text\":\"sent\"}}")
            .formatted(messageId, botId, System.currentTimeMillis() / 1000));
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
