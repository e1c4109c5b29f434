package dev.switchboard.e2e;

import dev.switchboard.testkit.Infrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a string still is, in every service's data: every table of every schema of the test
 * database (each row read whole, as text) and every key and value of the Redis database. What an
 * erasure test asks of the whole platform, without knowing its tables or keys.
 */
public final class Traces {

  /** Counts the keys whose name or value (string, hash, list, set, sorted set) contains ARGV[1]. */
  private static final String REDIS_SCRIPT =
      """
      local found = 0
      local cursor = '0'
      repeat
        local page = redis.call('SCAN', cursor, 'COUNT', 1000)
        cursor = page[1]
        for _, key in ipairs(page[2]) do
          local kind = redis.call('TYPE', key)['ok']
          local values = {key}
          if kind == 'string' then values = {key, redis.call('GET', key)}
          elseif kind == 'hash' then values = redis.call('HGETALL', key)
          elseif kind == 'list' then values = redis.call('LRANGE', key, 0, -1)
          elseif kind == 'set' then values = redis.call('SMEMBERS', key)
          elseif kind == 'zset' then values = redis.call('ZRANGE', key, 0, -1)
          end
          table.insert(values, key)
          for _, value in ipairs(values) do
            if string.find(value, ARGV[1], 1, true) then
              found = found + 1
              break
            end
          end
        end
      until cursor == '0'
      return found
      """;

  private Traces() {}

  /** The tables ({@code schema.table}) holding a row that contains {@code needle}. */
  public static List<String> tablesContaining(String needle) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection db = Platform.testDatabase()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows =
          db.createStatement()
              .executeQuery(
                  "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)"
                      + " FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                      + " AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      for (String table : tables) {
        try (PreparedStatement query =
            db.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM " + table + " t WHERE strpos(t::text, ?) > 0)")) {
          query.setString(1, needle);
          try (ResultSet result = query.executeQuery()) {
            result.next();
            if (result.getBoolean(1)) {
              found.add(table);
            }
          }
        }
      }
    }
    return found;
  }

  /** How many Redis keys of the test's database hold {@code needle} in their name or value. */
  public static long redisKeysContaining(String needle) throws IOException {
    URI redis = URI.create(Infrastructure.redisUrl());
    String path = redis.getPath() == null ? "" : redis.getPath().replace("/", "");
    StringBuilder commands = new StringBuilder();
    if (!path.isEmpty()) {
      append(commands, List.of("SELECT", path));
    }
    append(commands, List.of("EVAL", REDIS_SCRIPT, "0", needle));
    try (Socket socket =
        new Socket(redis.getHost(), redis.getPort() > 0 ? redis.getPort() : 6379)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(commands.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      if (!path.isEmpty()) {
        String selected = line(in);
        if (!selected.equals("+OK")) {
          throw new IOException("Redis answered " + selected + " to SELECT " + path);
        }
      }
      String answer = line(in);
      if (!answer.startsWith(":")) {
        throw new IOException("Redis answered " + answer + " to the search");
      }
      return Long.parseLong(answer.substring(1));
    }
  }

  private static void append(StringBuilder resp, List<String> command) {
    resp.append('*').append(command.size()).append("\r\n");
    for (String part : command) {
      resp.append('$')
          .append(part.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n")
          .append(part)
          .append("\r\n");
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\r') {
      line.append((char) c);
    }
    in.read();
    return line.toString();
  }
}
