package dev.switchboard.e2e;

import dev.switchboard.testkit.Infrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Removes what a test run's services left in Redis under a key prefix of the run's own, so that
 * later runs (the benchmarks above all) do not start on an earlier run's waiting lines; and empties
 * the test database to play a Redis that lost its data. Plain commands over the Redis protocol: the
 * tests have no Redis client of their own.
 */
public final class RedisKeys {

  private RedisKeys() {}

  /** Deletes every key under {@code prefix}; a failure is printed, never thrown (a clean-up). */
  public static void deleteUnder(String prefix) {
    try {
      delete(prefix);
    } catch (IOException e) {
      System.err.println("Could not remove the Redis keys under " + prefix + ": " + e);
    }
  }

  /**
   * Empties the database of {@code REDIS_URL} (its index, e.g. {@code /2}), as a failover to an
   * empty replica or a flush would: the routing state and the gateway's presence of this run go.
   */
  public static void flushDatabase() throws IOException {
    call(List.of("FLUSHDB"), '+');
  }

  private static void delete(String prefix) throws IOException {
    String script =
        "local n = 0 local cursor = '0' repeat"
            + " local r = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)"
            + " cursor = r[1] for _, k in ipairs(r[2]) do redis.call('UNLINK', k) n = n + 1 end"
            + " until cursor == '0' return n";
    call(List.of("EVAL", script, "0", prefix + "*"), ':');
  }

  /**
   * Sends {@code command} to the Redis of {@code REDIS_URL}, with its password ({@code
   * redis://[user]:password@host}) and database index, and checks the first byte of the answer.
   */
  private static void call(List<String> command, char expected) throws IOException {
    URI redis = URI.create(Infrastructure.redisUrl());
    try (Socket socket =
        new Socket(redis.getHost(), redis.getPort() > 0 ? redis.getPort() : 6379)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      String userInfo = redis.getUserInfo();
      if (userInfo != null && !userInfo.isEmpty()) {
        int colon = userInfo.indexOf(':');
        send(
            out,
            colon < 0
                ? List.of("AUTH", userInfo)
                : colon == 0
                    ? List.of("AUTH", userInfo.substring(1))
                    : List.of("AUTH", userInfo.substring(0, colon), userInfo.substring(colon + 1)));
        expect(in, '+', "AUTH");
      }
      String path = redis.getPath() == null ? "" : redis.getPath().replace("/", "");
      if (!path.isEmpty()) {
        send(out, List.of("SELECT", path));
        expect(in, '+', "SELECT");
      }
      send(out, command);
      expect(in, expected, command.get(0));
    }
  }

  private static void send(OutputStream out, List<String> command) throws IOException {
    StringBuilder resp = new StringBuilder("*" + command.size() + "\r\n");
    for (String part : command) {
      resp.append('$')
          .append(part.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n")
          .append(part)
          .append("\r\n");
    }
    out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Reads one answer line and checks its type byte. */
  private static void expect(InputStream in, char type, String what) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      line.append((char) c);
    }
    if (line.isEmpty() || line.charAt(0) != type) {
      throw new IOException("Redis answered " + line.toString().trim() + " to " + what);
    }
  }
}
