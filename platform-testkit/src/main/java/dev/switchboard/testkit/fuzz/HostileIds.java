package dev.switchboard.testkit.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;

/** Ids a client puts in a path: the {@link HostileValues#strings() hostile strings}, escaped. */
public final class HostileIds {

  private HostileIds() {}

  /** Percent-encoded path segments ({@code %00}, {@code %2F}, unicode...), at most 2,000 chars. */
  public static Arbitrary<String> pathSegments() {
    return HostileValues.strings()
        .filter(id -> !id.isEmpty() && id.length() <= 2_000)
        .map(id -> URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  /** A request without a body, for the paths that take none. */
  public static HostileBody noBody() {
    return new HostileBody("no body", null, new byte[0]);
  }
}
