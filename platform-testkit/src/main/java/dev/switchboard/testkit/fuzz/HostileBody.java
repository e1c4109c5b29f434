package dev.switchboard.testkit.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * A request body as a careless or hostile client sends it: the bytes, the {@code Content-Type}
 * header ({@code null}: none) and the mutations that made it, to read in a failure report.
 */
public record HostileBody(String mutations, String contentType, byte[] bytes) {

  /** The body's start, printable, for failure messages and regression tests. */
  public String preview() {
    String text = new String(bytes, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(400)
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f || c == 0xFFFD) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out + (text.length() > 400 ? "... (" + bytes.length + " bytes)" : "");
  }

  @Override
  public String toString() {
    return "[" + mutations + "] Content-Type: " + contentType + "\n  " + preview();
  }
}
