package dev.switchboard.platform.runtime.http;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/**
 * {@code switchboard.http.*}: how large a request body may be (docs: the service's README). Sizes
 * are Quarkus memory sizes ({@code 512K}, {@code 1M}).
 */
@ConfigMapping(prefix = "switchboard.http")
public interface RequestLimitsConfig {

  /** Every path's limit, unless a prefix below gives a smaller one. */
  String maxBodySize();

  /**
   * A smaller limit for the paths starting with the key, e.g. {@code
   * switchboard.http.max-body-size-by-path."/webhooks/"=256K}; the longest matching prefix wins.
   */
  Map<String, String> maxBodySizeByPath();
}
