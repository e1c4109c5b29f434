package dev.switchboard.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the e2e benchmarks put their figures: on stdout and in {@code target/benchmarks/}. */
public final class BenchmarkReport {

  private BenchmarkReport() {}

  /** Prints {@code text} and writes it to {@code target/benchmarks/<name>.txt}. */
  public static void publish(String name, String text) throws IOException {
    System.out.println();
    System.out.print(text);
    Path out = Path.of("target", "benchmarks", name + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, text, StandardCharsets.UTF_8);
    System.out.println("(also in " + out.toAbsolutePath() + ")");
  }
}
