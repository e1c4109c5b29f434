package dev.switchboard.bench;

import dev.switchboard.e2e.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The facts a figure is meaningless without: cores, memory, CPU, Java, the commit measured. */
final class Machine {

  private Machine() {}

  static String describe(String loadBefore) {
    return String.format(
        Locale.ROOT,
        "Machine: %d cores (%s), %s RAM, %s %s (%s), %s; load average (1/5/15 min) before the run %s, at its end %s; commit %s.%n",
        Runtime.getRuntime().availableProcessors(),
        procLine("/proc/cpuinfo", "model name"),
        memTotal(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        loadBefore,
        loadAverage(),
        commit());
  }

  /** The 1, 5 and 15 minute load averages: other work on the machine shows in every figure. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " / " + fields[1] + " / " + fields[2];
    } catch (IOException | RuntimeException notLinux) {
      return "unknown";
    }
  }

  private static String memTotal() {
    String line = procLine("/proc/meminfo", "MemTotal");
    try {
      long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
      return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
    } catch (NumberFormatException unknown) {
      return line;
    }
  }

  private static String procLine(String file, String key) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException notLinux) {
      // Reported as unknown.
    }
    return "unknown";
  }

  private static String commit() {
    try {
      Process git =
          new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
              .directory(Platform.projectRoot().toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return git.waitFor() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
