package dev.switchboard.routing.distribution.store;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run atomically by Redis: sent once, then called by its SHA-1 ({@code EVALSHA}); sent
 * again when Redis has forgotten it (a restart empties its script cache).
 */
final class LuaScript {

  private final String source;
  private final String sha;

  LuaScript(String source) {
    this.source = source;
    this.sha = sha1(source);
  }

  Response run(RedisDataSource redis, List<String> keys, String... args) {
    List<String> call = new ArrayList<>(2 + keys.size() + args.length);
    call.add(sha);
    call.add(Integer.toString(keys.size()));
    call.addAll(keys);
    call.addAll(List.of(args));
    try {
      return redis.execute("EVALSHA", call.toArray(String[]::new));
    } catch (RuntimeException e) {
      if (!isNoScript(e)) {
        throw e;
      }
      call.set(0, source);
      return redis.execute("EVAL", call.toArray(String[]::new));
    }
  }

  private static boolean isNoScript(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) {
        return true;
      }
    }
    return false;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
