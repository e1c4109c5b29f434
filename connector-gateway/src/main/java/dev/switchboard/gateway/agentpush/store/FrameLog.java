package dev.switchboard.gateway.agentpush.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.agentpush.store.RedisScripts.Script;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The last frames pushed to each agent, for a reconnect with {@code ?after=<frame id>}: a sorted
 * set per agent ({@code sb:gw:frames:<agentId>}) scored by the event's time. Every instance adds
 * the same frame (same bytes) for the same event, and a sorted set keeps a member once.
 */
@ApplicationScoped
public class FrameLog {

  static final String PREFIX = "sb:gw:frames:";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * ARGV: score, frame, frames kept, ttl (ms). One round trip per frame: every instance appends
   * every frame.
   */
  private static final Script APPEND =
      Script.of(
          """
          redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
          redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[3]) + 1))
          redis.call('PEXPIRE', KEYS[1], ARGV[4])
          return 1
          """);

  /** ARGV: the text that marks a frame of the session. */
  private static final Script FORGET_SESSION =
      Script.of(
          """
          local removed = 0
          for _, frame in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
            if string.find(frame, ARGV[1], 1, true) then
              removed = removed + redis.call('ZREM', KEYS[1], frame)
            end
          end
          return removed
          """);

  @Inject ReactiveRedisDataSource redis;

  @ConfigProperty(name = "switchboard.agent-push.replay-frames")
  int kept;

  @ConfigProperty(name = "switchboard.agent-push.replay-ttl")
  Duration ttl;

  private ReactiveSortedSetCommands<String, String> frames;

  @PostConstruct
  void init() {
    frames = redis.sortedSet(String.class);
  }

  public Uni<Void> append(String agentId, Instant at, String frame) {
    return RedisScripts.run(
            redis,
            APPEND,
            List.of(PREFIX + agentId),
            List.of(
                Long.toString(at.toEpochMilli()),
                frame,
                Integer.toString(kept),
                Long.toString(ttl.toMillis())))
        .replaceWithVoid();
  }

  /**
   * The frames kept after the one with id {@code frameId}, oldest first; all kept frames when that
   * one is not kept any more (the client then also reloads its sessions over REST).
   */
  public Uni<List<String>> after(String agentId, String frameId) {
    return frames
        .zrange(PREFIX + agentId, 0, -1)
        .map(
            all -> {
              for (int i = 0; i < all.size(); i++) {
                if (frameId.equals(idOf(all.get(i)))) {
                  return all.subList(i + 1, all.size());
                }
              }
              return all;
            });
  }

  /**
   * Drops the frames of a session from every agent's log (its client was erased: the frames carry
   * the client's texts and name). An agent's log is scanned only on an erasure, which is rare, so
   * the frames are not indexed by session.
   */
  public Uni<Void> forgetSession(String sessionId) {
    String marker = "\"sessionId\":\"" + sessionId + "\"";
    return redis
        .key(String.class)
        .scan(new KeyScanArgs().match(PREFIX + "*").count(500))
        .toMulti()
        .onItem()
        .transformToUniAndConcatenate(
            key ->
                RedisScripts.run(redis, FORGET_SESSION, List.of(key), List.of(marker))
                    .replaceWithVoid())
        .collect()
        .asList()
        .replaceWithVoid();
  }

  private static String idOf(String frame) {
    try {
      JsonNode id = JSON.readTree(frame).get("id");
      return id == null ? null : id.asText();
    } catch (IOException e) {
      return null;
    }
  }
}
