package dev.switchboard.bench;

import dev.switchboard.e2e.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used so far by each service and by the infrastructure beside them (Kafka, PostgreSQL
 * with all its backends, Redis), from {@code /proc/<pid>/stat} (Linux; empty elsewhere). Two
 * readings around a step give what each process spent on it: on a machine where everything shares
 * two cores, that names the bottleneck better than any latency.
 */
final class ProcessCpu {

  /** Clock ticks per second of {@code /proc/<pid>/stat}: 100 on every Linux this runs on. */
  private static final double TICKS_PER_MS = 0.1;

  private ProcessCpu() {}

  /** CPU milliseconds (user + system) by process, services first, in a stable order. */
  static Map<String, Double> millis() {
    Map<String, Double> cpu = new LinkedHashMap<>();
    Platform.services().forEach((module, service) -> cpu.put(module, ticks(service.pid())));
    cpu.put("kafka", 0.0);
    cpu.put("postgresql", 0.0);
    cpu.put("redis", 0.0);
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      processes
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .forEach(
              p -> {
                String infra = infrastructure(commandLine(p));
                if (infra != null) {
                  cpu.merge(infra, ticks(Long.parseLong(p.getFileName().toString())), Double::sum);
                }
              });
    } catch (IOException | RuntimeException notLinux) {
      return Map.of();
    }
    cpu.replaceAll((name, ticks) -> ticks / TICKS_PER_MS);
    return cpu;
  }

  /** What each process spent between two readings, in ms. */
  static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> spent = new LinkedHashMap<>();
    after.forEach((name, ms) -> spent.put(name, ms - before.getOrDefault(name, 0.0)));
    return spent;
  }

  private static String infrastructure(String commandLine) {
    if (commandLine.contains("kafka.Kafka")) {
      return "kafka";
    }
    if (commandLine.startsWith("postgres") || commandLine.contains("/bin/postgres")) {
      return "postgresql";
    }
    if (commandLine.contains("redis-server")) {
      return "redis";
    }
    return null;
  }

  private static String commandLine(Path process) {
    try {
      return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException gone) {
      return "";
    }
  }

  private static double ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command (which may hold spaces) start behind its closing parenthesis;
      // utime and stime are fields 14 and 15 of the line.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Double.parseDouble(fields[11]) + Double.parseDouble(fields[12]);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }
}
