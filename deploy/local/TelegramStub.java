import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A stand-in for the Telegram Bot API for trying Switchboard on a machine without Telegram: it
 * prints every call (for example {@code sendMessage}) and answers {@code {"ok":true,...}} as
 * Telegram does. Run: {@code java deploy/local/TelegramStub.java 8099}, then start the platform with
 * {@code TELEGRAM_API_BASE_URL=http://localhost:8099 ./switchboard run}.
 */
public class TelegramStub {

  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8099;
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    int[] messageId = {1};
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          // The path is /bot<token>/<method>: print the method, never the token.
          String path = exchange.getRequestURI().getPath();
          String method = path.substring(path.lastIndexOf('/') + 1);
          System.out.println(Instant.now() + " " + method + " " + body);
          byte[] answer =
              ("{\"ok\":true,\"result\":{\"message_id\":" + messageId[0]++ + "}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    System.out.println("Telegram stub listening on http://localhost:" + port);
  }
}
