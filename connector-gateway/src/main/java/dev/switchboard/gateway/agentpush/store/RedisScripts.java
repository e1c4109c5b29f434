package dev.switchboard.gateway.agentpush.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), sent whole ({@code EVAL}) only when Redis does
 * not know it yet (a restarted or flushed Redis): one round trip for what took several commands,
 * without sending the script's text with every call.
 */
final class RedisScripts {

  private RedisScripts() {}

  record Script(String body, String sha) {
    static Script of(String body) {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8));
        return new Script(body, HexFormat.of().formatHex(digest));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-1 is not available", e);
      }
    }
  }

  static Uni<Response> run(
      ReactiveRedisDataSource redis, Script script, List<String> keys, List<String> args) {
    return redis
        .execute("EVALSHA", command(script.sha(), keys, args))
        .onFailure(e -> e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT"))
        .recoverWithUni(() -> redis.execute("EVAL", command(script.body(), keys, args)));
  }

  private static String[] command(String script, List<String> keys, List<String> args) {
    List<String> all = new ArrayList<>(2 + keys.size() + args.size());
    all.add(script);
    all.add(Integer.toString(keys.size()));
    all.addAll(keys);
    all.addAll(args);
    return all.toArray(String[]::new);
  }
}
