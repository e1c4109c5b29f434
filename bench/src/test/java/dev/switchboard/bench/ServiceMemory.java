package dev.switchboard.bench;

import dev.switchboard.e2e.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The resident memory of each running service, from {@code /proc/<pid>/status} (Linux). */
final class ServiceMemory {

  private ServiceMemory() {}

  /** VmRSS in kB by module; -1 where it cannot be read. */
  static Map<String, Long> rssKb() {
    Map<String, Long> rss = new LinkedHashMap<>();
    Platform.services().forEach((module, service) -> rss.put(module, vmRssKb(service.pid())));
    return rss;
  }

  private static long vmRssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException notReadable) {
      // Not Linux, or the process is gone: reported as unknown.
    }
    return -1;
  }
}
