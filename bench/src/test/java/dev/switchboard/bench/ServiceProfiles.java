package dev.switchboard.bench;

import com.sun.tools.attach.VirtualMachine;
import dev.switchboard.e2e.Platform;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * With {@code -Dbench.profile=true}: async-profiler (from Maven Central) attached to every service
 * for the measured steps only, sampling the CPU of every thread (the JIT's, the GC's and the Kafka
 * clients' native time too, which a Flight Recording's execution samples leave out). At the end,
 * each service's stacks go to {@code e2e-tests/target/e2e-logs/<module>.collapsed} (for a flame
 * graph) and the heaviest frames of each are printed.
 */
final class ServiceProfiles {

  private final Path library;
  private final Path logs;

  private ServiceProfiles(Path library, Path logs) {
    this.library = library;
    this.logs = logs;
  }

  /** Starts profiling every running service; null (nothing to stop) without the property. */
  static ServiceProfiles startIfAsked() throws Exception {
    if (!Boolean.getBoolean("bench.profile")) {
      return null;
    }
    Path logs = Platform.projectRoot().resolve("e2e-tests/target/e2e-logs");
    Path library = logs.resolve("libasyncProfiler.so");
    try (InputStream in =
        ServiceProfiles.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
      if (in == null) {
        throw new IllegalStateException("async-profiler's linux-x64 library is not on the path");
      }
      Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
    }
    ServiceProfiles profiles = new ServiceProfiles(library, logs);
    profiles.command("start,event=cpu,interval=2ms,threads");
    return profiles;
  }

  /** Stops profiling, writes each service's stacks and prints their heaviest frames. */
  void stopAndReport() throws Exception {
    for (String module : Platform.services().keySet()) {
      Path collapsed = logs.resolve(module + ".collapsed");
      Files.deleteIfExists(collapsed);
    }
    Map<String, String> stopped = new HashMap<>();
    Platform.services()
        .keySet()
        .forEach(
            m -> stopped.put(m, "stop,threads,collapsed,file=" + logs.resolve(m + ".collapsed")));
    for (var entry : Platform.services().entrySet()) {
      attach(entry.getValue().pid(), stopped.get(entry.getKey()));
    }
    for (String module : Platform.services().keySet()) {
      Path collapsed = logs.resolve(module + ".collapsed");
      if (Files.exists(collapsed)) {
        System.out.print(summary(module, Files.readAllLines(collapsed)));
      }
    }
  }

  private void command(String options) throws Exception {
    for (var service : Platform.services().values()) {
      attach(service.pid(), options);
    }
  }

  private void attach(long pid, String options) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
    try {
      vm.loadAgentPath(library.toString(), options);
    } finally {
      vm.detach();
    }
  }

  /**
   * Where a service's CPU went, from its collapsed stacks ({@code thread;frame;... count}): by
   * thread group, by what was running (the JIT's threads, the kernel, or the package of the frame
   * on top), and the project's own frames that appear in most samples (inclusive).
   */
  static String summary(String module, List<String> lines) {
    Map<String, Long> threads = new HashMap<>();
    Map<String, Long> running = new HashMap<>();
    Map<String, Long> own = new HashMap<>();
    long total = 0;
    for (String line : lines) {
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      long count = Long.parseLong(line.substring(space + 1).trim());
      total += count;
      String[] frames = line.substring(0, space).split(";");
      String thread = frames[0].replaceAll("[0-9]+", "N");
      threads.merge(thread, count, Long::sum);
      running.merge(
          thread.contains("Compiler") ? "JIT compiler" : packageOf(frames[frames.length - 1]),
          count,
          Long::sum);
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (String frame : frames) {
        if (frame.startsWith("dev/switchboard/")
            && !frame.contains("$$Lambda")
            && seen.add(frame)) {
          own.merge(frame, count, Long::sum);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n== %s: %d samples%n", module, total));
    out.append(top("threads", threads.entrySet(), total, 6));
    out.append(top("running (JIT, kernel, or the package on top)", running.entrySet(), total, 12));
    out.append(top("own frames (inclusive)", own.entrySet(), total, 12));
    return out.toString();
  }

  /** The kernel, the JVM's own code, or the first two or three parts of a Java frame's class. */
  private static String packageOf(String frame) {
    if (frame.endsWith("_[k]")) {
      return "kernel";
    }
    if (!frame.contains("/")) {
      return "JVM (native)";
    }
    String[] parts = frame.split("/");
    int keep = List.of("io", "org", "com", "dev").contains(parts[0]) ? 3 : 2;
    return String.join("/", java.util.Arrays.copyOf(parts, Math.min(keep, parts.length - 1)));
  }

  private static String top(
      String title, Collection<Map.Entry<String, Long>> entries, long total, int limit) {
    StringBuilder out = new StringBuilder("  " + title + ":" + System.lineSeparator());
    entries.stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(limit)
        .forEach(
            e ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "  %5.1f%%  %s%n",
                        100.0 * e.getValue() / Math.max(1, total),
                        e.getKey())));
    return out.toString();
  }
}
