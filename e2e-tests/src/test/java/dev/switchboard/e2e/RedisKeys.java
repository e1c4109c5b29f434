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
 * later runs (the benchmarks above all) do not start on an earlier run's waiting lines. One EVAL
 * over the Redis protocol: the tests have no Redis client of their own.
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

  private static void delete(String prefix) throws IOException {
    URI redis = URI.create(Infrastructure.redisUrl());
    String script =
        "local n = 0 local cursor = '0' repeat"
            + " local r = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)"
            + " cursor = r[1] for _, k in ipairs(r[2]) do redis.call('UNLINK', k) n = n + 1 end"
            + " until cursor == '0' return n";
    List<String> command = List.of("EVAL", script, "0", prefix + "*");
    StringBuilder resp = new StringBuilder("*" + command.size() + "\r\n");
    for (String part : command) {
      resp.append('$')
          .append(part.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n")
          .append(part)
          .append("\r\n");
    }
    try (Socket socket =
        new Socket(redis.getHost(), redis.getPort() > 0 ? redis.getPort() : 6379)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      int first = in.read();
      if (first != ':') {
        throw new IOException("Redis answered " + (char) first + " to the clean-up");
      }
    }
  }
}
