package dev.switchboard.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * The figures of one routing-decision run: a table on stdout and in {@code
 * bench/results/routing-decision-<yyyy-MM-dd-HHmm>.md}, where the time goes, and a PNG beside it
 * (p99 against the number of agents, one line per mode).
 */
final class RoutingDecisionReport {

  /** Issue 11's target for one routing decision. */
  static final double TARGET_P99_MS = 1.0;

  /** One JMH case, in milliseconds. */
  record Row(
      String mode, int agents, long samples, double p50, double p99, double p999, double mean) {

    double perSecond() {
      return mean > 0 ? 1000 / mean : Double.NaN;
    }
  }

  private final RoutingDecisionBenchmark.Settings settings;
  private final List<Row> rows = new ArrayList<>();
  private final List<RoutingDecisionBenchmark.Breakdown> breakdowns;
  private final Duration total;
  private final String loadBefore;

  RoutingDecisionReport(
      RoutingDecisionBenchmark.Settings settings,
      Collection<RunResult> results,
      List<RoutingDecisionBenchmark.Breakdown> breakdowns,
      Duration total,
      String loadBefore) {
    this.settings = settings;
    this.breakdowns = breakdowns;
    this.total = total;
    this.loadBefore = loadBefore;
    for (RunResult result : results) {
      Statistics stats = result.getPrimaryResult().getStatistics();
      // The benchmark's output unit is microseconds.
      rows.add(
          new Row(
              result.getParams().getParam("mode"),
              Integer.parseInt(result.getParams().getParam("agents")),
              stats.getN(),
              stats.getPercentile(50) / 1000,
              stats.getPercentile(99) / 1000,
              stats.getPercentile(99.9) / 1000,
              stats.getMean() / 1000));
    }
    rows.sort(
        Comparator.comparingInt((Row row) -> settings.modes().indexOf(row.mode()))
            .thenComparingInt(Row::agents));
  }

  void write(Path directory) throws IOException {
    Files.createDirectories(directory);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
    Path plot = directory.resolve("routing-decision-" + stamp + ".png");
    Path markdown = directory.resolve("routing-decision-" + stamp + ".md");
    String text = markdown(stamp, plot.getFileName());
    Files.writeString(markdown, text, StandardCharsets.UTF_8);
    ChartUtils.saveChartAsPNG(plot.toFile(), chart(), 900, 560);
    System.out.println();
    System.out.println(text);
    System.out.println("(written to " + markdown + ", with " + plot.getFileName() + ")");
  }

  private String markdown(String stamp, Path plot) {
    List<String> lines = new ArrayList<>();
    lines.add("# Routing decision benchmark, " + stamp + (settings.quick() ? " (--quick)" : ""));
    lines.add("");
    lines.add(Machine.describe(loadBefore));
    double load = firstNumber(loadBefore);
    int cores = Runtime.getRuntime().availableProcessors();
    if (load > cores) {
      // Each decision waits on several Redis round trips: a busy CPU shows in every one of them.
      lines.add(
          String.format(
              Locale.ROOT,
              "**The machine was busy (load %.1f on %d cores): the figures are inflated, above all"
                  + " the tails; compare the shapes, run again on a quiet machine for the"
                  + " levels.**",
              load,
              cores));
      lines.add("");
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "Run: JMH 1.37, SampleTime, one thread, %s, %d x %d s warm-up then %d x %d s measured"
                + " per case%s; whole run %.0f s. Redis: %s, keys under `%s<uuid>:`, removed"
                + " after.",
            settings.forks() == 0
                ? "no fork (in the test JVM)"
                : settings.forks() + " fork(s) (-Xmx512m)",
            settings.warmupIterations(),
            settings.warmupSeconds(),
            settings.iterations(),
            settings.iterationSeconds(),
            settings.quick() ? " (--quick: short, one JVM for all, indicative only)" : "",
            total.toMillis() / 1000.0,
            System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379"),
            RoutingDecisionFixture.PREFIX));
    lines.add("");
    lines.add(
        "One decision = routing-service's own `Distributor.sessionQueued` (as"
            + " `SessionEventsConsumer` calls it on a `SessionQueued`) on `RedisLiveAgentState`, the"
            + " production Lua scripts, built outside Quarkus: the session is enqueued, the queue's"
            + " agents are read, and one agent is reserved (EVENLY, least loaded) or an offer is"
            + " opened to the next agent (STRICT_ORDER) or to every agent (ALL); the announcement"
            + " is serialised to JSON (the Kafka send itself is not included). One channel whose"
            + " queue holds every agent, all online and clocked in, base load 0-2 sessions under a"
            + " limit of "
            + RoutingDecisionFixture.SESSION_LIMIT
            + ", availability checked. Each decision is taken back between samples, untimed"
            + " (offer withdrawn, session released, outbox entries removed), so each meets the"
            + " same state. ops/s = 1 / mean (one thread).");
    lines.add("");
    lines.add(
        String.format(
            Locale.ROOT, "Target (issue 11): routing decision <= %.0f ms p99.", TARGET_P99_MS));
    lines.add("");
    lines.add("| mode | agents | samples | p50 ms | p99 ms | p99.9 ms | ops/s | p99 <= 1 ms |");
    lines.add("|---|---:|---:|---:|---:|---:|---:|---|");
    for (Row row : rows) {
      lines.add(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %,d | %s | %s | %s | %,.0f | %s |",
              row.mode(),
              row.agents(),
              row.samples(),
              ms(row.p50()),
              ms(row.p99()),
              ms(row.p999()),
              row.perSecond(),
              row.p99() <= TARGET_P99_MS ? "yes" : "**no**"));
    }
    if (!breakdowns.isEmpty()) {
      lines.add("");
      lines.add("## Where the time goes");
      lines.add("");
      lines.add(
          "Every Redis call of a decision timed from the caller (a second pass, after JMH, in"
              + " the test JVM; calls named after their `RoutingScripts` constant). Per decision:"
              + " mean time, round trips, the share spent waiting on Redis, and the calls that"
              + " cost most (mean ms per decision; arguments sent and reply elements per call).");
      lines.add("");
      lines.add(
          "| mode | agents | decisions | mean ms | Redis calls | in Redis | costliest calls |");
      lines.add("|---|---:|---:|---:|---:|---:|---|");
      for (RoutingDecisionBenchmark.Breakdown breakdown : breakdowns) {
        lines.add(breakdownRow(breakdown));
      }
    }
    lines.add("");
    lines.add("![p99 decision time against number of agents](" + plot + ")");
    return String.join(System.lineSeparator(), lines) + System.lineSeparator();
  }

  private static String breakdownRow(RoutingDecisionBenchmark.Breakdown b) {
    double decisions = b.decisions();
    long calls = b.calls().values().stream().mapToLong(c -> c.count).sum();
    long inRedis = b.calls().values().stream().mapToLong(c -> c.nanos).sum();
    List<Map.Entry<String, RedisCallTimer.Calls>> costliest =
        b.calls().entrySet().stream()
            .sorted(Comparator.comparingLong(e -> -e.getValue().nanos))
            .limit(3)
            .toList();
    List<String> named = new ArrayList<>();
    for (var entry : costliest) {
      RedisCallTimer.Calls c = entry.getValue();
      named.add(
          String.format(
              Locale.ROOT,
              "%s%s %s ms (%,d args, %,d reply)",
              entry.getKey(),
              c.count > b.decisions() ? " x" + Math.round(c.count / decisions) : "",
              ms(c.nanos / decisions / 1e6),
              Math.round((double) c.arguments / c.count),
              Math.round((double) c.replyElements / c.count)));
    }
    return String.format(
        Locale.ROOT,
        "| %s | %,d | %d | %s | %.1f | %.0f %% | %s |",
        b.mode(),
        b.agents(),
        b.decisions(),
        ms(b.nanos() / decisions / 1e6),
        calls / decisions,
        100.0 * inRedis / Math.max(1, b.nanos()),
        String.join("; ", named));
  }

  private JFreeChart chart() {
    XYSeriesCollection data = new XYSeriesCollection();
    for (String mode : settings.modes()) {
      XYSeries series = new XYSeries(mode + " p99", true, true);
      rows.stream()
          .filter(row -> row.mode().equals(mode) && row.p99() > 0)
          .forEach(row -> series.add(row.agents(), row.p99()));
      data.addSeries(series);
    }
    XYSeries target = new XYSeries("target: 1 ms p99");
    rows.stream()
        .mapToInt(Row::agents)
        .distinct()
        .forEach(agents -> target.add(agents, TARGET_P99_MS));
    data.addSeries(target);

    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    int last = data.getSeriesCount() - 1;
    renderer.setSeriesPaint(last, Color.GRAY);
    renderer.setSeriesShapesVisible(last, false);
    renderer.setSeriesStroke(
        last,
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    XYPlot plot =
        new XYPlot(
            data,
            logAxis("agents in the queue (log scale)", 1),
            logAxis("decision time p99 (ms, log scale)", 0.01),
            renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart =
        new JFreeChart(
            "Routing decision time against number of agents (Redis, JMH)"
                + (settings.quick() ? ", --quick" : ""),
            JFreeChart.DEFAULT_TITLE_FONT,
            plot,
            true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** Powers of ten labelled as plain numbers. */
  private static LogAxis logAxis(String label, double smallest) {
    LogAxis axis = new LogAxis(label);
    axis.setSmallestValue(smallest);
    axis.setTickUnit(new NumberTickUnit(1.0));
    axis.setMinorTickMarksVisible(true);
    axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
    return axis;
  }

  private static double firstNumber(String text) {
    try {
      return Double.parseDouble(text.trim().split("\\s+")[0]);
    } catch (RuntimeException unknown) {
      return Double.NaN;
    }
  }

  private static String ms(double millis) {
    if (Double.isNaN(millis)) {
      return "-";
    }
    return String.format(Locale.ROOT, millis < 10 ? "%.3f" : "%.1f", millis);
  }
}
