package dev.switchboard.platform.runtime.http;

import dev.switchboard.platform.runtime.api.Problem;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How large a request body may be on a path: {@code switchboard.http.max-body-size}, or the smaller
 * limit of the longest matching prefix in {@code switchboard.http.max-body-size-by-path}. Every
 * limit stays under Kafka's 1 MiB record limit, so an accepted body never becomes a record Kafka
 * refuses.
 */
@ApplicationScoped
public class BodyLimits {

  private final long defaultLimit;
  private final List<Map.Entry<String, Long>> byPrefix;

  @Inject
  public BodyLimits(RequestLimitsConfig config) {
    this(config.maxBodySize(), config.maxBodySizeByPath());
  }

  BodyLimits(String defaultLimit, Map<String, String> byPrefix) {
    this.defaultLimit = bytes(defaultLimit);
    this.byPrefix =
        byPrefix.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), Math.min(bytes(e.getValue()), this.defaultLimit)))
            .sorted(
                Comparator.comparingInt((Map.Entry<String, Long> e) -> e.getKey().length())
                    .reversed())
            .toList();
  }

  /** The limit, in bytes, of a body sent to this path. */
  public long forPath(String path) {
    if (path != null) {
      for (Map.Entry<String, Long> prefix : byPrefix) {
        if (path.startsWith(prefix.getKey())) {
          return prefix.getValue();
        }
      }
    }
    return defaultLimit;
  }

  /** The 413 answer to a body over {@code limit} bytes. */
  public static Problem tooLarge(long limit) {
    return Problem.of(
        413,
        "Payload too large",
        "The request body is larger than this endpoint accepts (" + limit + " bytes at most)");
  }

  private static long bytes(String size) {
    return new MemorySizeConverter().convert(size.trim()).asLongValue();
  }
}
