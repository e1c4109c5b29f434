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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The figures of one run: a table on stdout and in {@code bench/results/<yyyy-MM-dd-HHmm>.md}, with
 * the machine, the knobs, RSS per service, and two PNG plots beside it (latency against offered
 * rate, held rate against offered rate).
 */
final class MessagePathReport {

  private final MessagePathBenchmark.Settings settings;
  private final Duration platformStart;
  private final Latency baseline;
  private final List<Step> sessionSteps;
  private final List<Step> messageSteps;
  private final Step knee;
  private final Map<String, Long> rssAtEnd;
  private final int unmatchedFrames;
  private final Duration total;
  private final String loadBefore;

  MessagePathReport(
      MessagePathBenchmark.Settings settings,
      Duration platformStart,
      Latency baseline,
      List<Step> sessionSteps,
      List<Step> messageSteps,
      Step knee,
      Map<String, Long> rssAtEnd,
      int unmatchedFrames,
      Duration total,
      String loadBefore) {
    this.settings = settings;
    this.platformStart = platformStart;
    this.baseline = baseline;
    this.sessionSteps = sessionSteps;
    this.messageSteps = messageSteps;
    this.knee = knee;
    this.rssAtEnd = rssAtEnd;
    this.unmatchedFrames = unmatchedFrames;
    this.total = total;
    this.loadBefore = loadBefore;
  }

  void write(Path directory) throws IOException {
    Files.createDirectories(directory);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
    Path latencyPlot = directory.resolve(stamp + "-latency.png");
    Path heldPlot = directory.resolve(stamp + "-held.png");
    String text = markdown(stamp, latencyPlot.getFileName(), heldPlot.getFileName());
    Path markdown = directory.resolve(stamp + ".md");
    Files.writeString(markdown, text, StandardCharsets.UTF_8);
    ChartUtils.saveChartAsPNG(latencyPlot.toFile(), latencyChart(), 900, 560);
    ChartUtils.saveChartAsPNG(heldPlot.toFile(), heldChart(), 900, 560);
    System.out.println();
    System.out.println(text);
    System.out.println(
        "(written to "
            + markdown
            + ", with "
            + latencyPlot.getFileName()
            + ", "
            + heldPlot.getFileName()
            + ")");
  }

  private String markdown(String stamp, Path latencyPlot, Path heldPlot) {
    List<String> lines = new ArrayList<>();
    lines.add("# Message path benchmark, " + stamp + (settings.quick() ? " (--quick)" : ""));
    lines.add("");
    lines.add(Machine.describe(loadBefore));
    lines.add(
        String.format(
            Locale.ROOT,
            "Run: %d channels x %d agents (EVENLY, no capacity limit), new-session rates %s/s for %d"
                + " s each, message rates %s/s for %d s each, grace %d s, replies to 1 in %d"
                + " sessions; platform start %.0f s, whole run %.0f s.",
            settings.channels(),
            settings.agentsPerChannel(),
            rates(settings.rates()),
            settings.stepSeconds(),
            rates(settings.messageRates()),
            settings.messageSeconds(),
            settings.graceSeconds(),
            Math.round(1 / Math.max(settings.replyFraction(), 1e-6)),
            platformStart.toMillis() / 1000.0,
            total.toMillis() / 1000.0));
    lines.add("");
    lines.add(
        String.format(
            Locale.ROOT,
            "Same-run baseline, bare Kafka produce -> consume (acks=all, linger.ms=0, 200-byte"
                + " records, %.0f/s): p50 %s ms, p99 %s ms, p99.9 %s ms. Every latency below is also"
                + " given as a multiple of that p99 (x).",
            settings.baselineRate(),
            ms(baseline.millis(50)),
            ms(baseline.millis(99)),
            ms(baseline.millis(99.9))));
    lines.add("");
    lines.add(
        knee == null
            ? "**Knee: none** - no offered rate held (p99 webhook -> offer under 1 s and no session"
                + " left unoffered at the step's end + grace)."
            : String.format(
                Locale.ROOT,
                "**Knee: %.0f new sessions/s** (held %.0f/s, webhook -> offer p99 %s ms).",
                knee.offeredPerSecond,
                knee.heldPerSecond(),
                ms(knee.toFrame.millis(99))));
    lines.add("");
    lines.add(
        "| step | offered /s | sent /s | held /s | backlog | HTTP failed | figure | n | p50 ms |"
            + " p99 ms | p99.9 ms | x Kafka p99 (p50 / p99 / p99.9) |");
    lines.add("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|");
    List<Step> all = new ArrayList<>(sessionSteps);
    all.addAll(messageSteps);
    for (Step step : all) {
      boolean first = true;
      for (Latency latency : List.of(step.webhookToOk, step.toFrame, step.replyToSendMessage)) {
        if (latency.count() == 0 && latency == step.replyToSendMessage) {
          continue;
        }
        lines.add(
            first
                ? String.format(
                    Locale.ROOT,
                    "| %s%s | %.0f | %.0f | %.0f | %d | %d | %s |",
                    step.phase,
                    step.held() ? "" : " (does not hold)",
                    step.offeredPerSecond,
                    step.sentPerSecond(),
                    step.heldPerSecond(),
                    step.backlog,
                    step.failed.get(),
                    figures(latency))
                : "| | | | | | | " + figures(latency) + " |");
        first = false;
      }
    }
    lines.add("");
    lines.add(
        "backlog: sessions (or messages) that had not reached an agent's WebSocket when the step"
            + " ended plus its grace; they are in that step's percentiles at their age then (a lower"
            + " bound). held: completions per second from the step's first due time to its last"
            + " completion.");
    if (unmatchedFrames > 0) {
      lines.add("");
      lines.add(unmatchedFrames + " offer/assignment frames carried no client the benchmark knew.");
    }
    lines.add("");
    lines.add(
        "CPU ms per completed item (new session or message) of each step, by process: what each"
            + " spent from the step's start to its end, over what reached an agent.");
    lines.add("");
    List<String> processes = all.isEmpty() ? List.of() : new ArrayList<>(all.get(0).cpuMs.keySet());
    lines.add("| step | offered /s | " + String.join(" | ", processes) + " | all |");
    lines.add("|---|---:|" + "---:|".repeat(processes.size() + 1));
    for (Step step : all) {
      StringBuilder row =
          new StringBuilder(
              String.format(Locale.ROOT, "| %s | %.0f |", step.phase, step.offeredPerSecond));
      double sum = 0;
      for (String process : processes) {
        double ms = step.cpuMsPerItem(process);
        sum += ms;
        row.append(String.format(Locale.ROOT, " %.1f |", ms));
      }
      row.append(String.format(Locale.ROOT, " %.1f |", sum));
      lines.add(row.toString());
    }
    lines.add("");
    lines.add("RSS per service (MB):");
    lines.add("");
    // Without a knee, the first step stands in for it: the lowest load that was measured.
    Step kneeOrFirst = knee != null || sessionSteps.isEmpty() ? knee : sessionSteps.get(0);
    lines.add(
        String.format(
            Locale.ROOT,
            "| service | %s | at the end |",
            kneeOrFirst == null
                ? "at the knee"
                : String.format(
                    Locale.ROOT,
                    knee != null
                        ? "at the knee (%.0f/s)"
                        : "after the first step (%.0f/s, no knee)",
                    kneeOrFirst.offeredPerSecond)));
    lines.add("|---|---:|---:|");
    for (var entry : rssAtEnd.entrySet()) {
      Long atKnee = kneeOrFirst == null ? null : kneeOrFirst.rssKb.get(entry.getKey());
      lines.add(
          "| "
              + entry.getKey()
              + " | "
              + megabytes(atKnee)
              + " | "
              + megabytes(entry.getValue())
              + " |");
    }
    lines.add("");
    lines.add("![latency against offered rate](" + latencyPlot + ")");
    lines.add("![held rate against offered rate](" + heldPlot + ")");
    return String.join(System.lineSeparator(), lines) + System.lineSeparator();
  }

  private String figures(Latency latency) {
    double p99 = baseline.millis(99);
    return String.format(
        Locale.ROOT,
        "%s | %d | %s | %s | %s | %s / %s / %s",
        latency.name,
        latency.count(),
        ms(latency.millis(50)),
        ms(latency.millis(99)),
        ms(latency.millis(99.9)),
        ratio(latency.millis(50), p99),
        ratio(latency.millis(99), p99),
        ratio(latency.millis(99.9), p99));
  }

  private JFreeChart latencyChart() {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(series("webhook -> offer p50", sessionSteps, s -> s.toFrame.millis(50)));
    data.addSeries(series("webhook -> offer p99", sessionSteps, s -> s.toFrame.millis(99)));
    data.addSeries(series("webhook -> 200 p50", sessionSteps, s -> s.webhookToOk.millis(50)));
    data.addSeries(series("webhook -> 200 p99", sessionSteps, s -> s.webhookToOk.millis(99)));
    data.addSeries(series("message -> frame p50", messageSteps, s -> s.toFrame.millis(50)));
    data.addSeries(series("message -> frame p99", messageSteps, s -> s.toFrame.millis(99)));
    XYSeries kafka = new XYSeries("bare Kafka p99 (same run)");
    List<Step> all = new ArrayList<>(sessionSteps);
    all.addAll(messageSteps);
    all.forEach(step -> kafka.add(step.offeredPerSecond, baseline.millis(99)));
    data.addSeries(kafka);
    return chart("Latency against offered rate", data, logAxis("latency (ms, log scale)"));
  }

  private JFreeChart heldChart() {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(series("new sessions/s held", sessionSteps, Step::heldPerSecond));
    data.addSeries(series("messages/s held", messageSteps, Step::heldPerSecond));
    List<Step> all = new ArrayList<>(sessionSteps);
    all.addAll(messageSteps);
    data.addSeries(series("offered (ideal)", all, s -> s.offeredPerSecond));
    return chart("Held rate against offered rate", data, logAxis("held (per second, log scale)"));
  }

  private static JFreeChart chart(String title, XYSeriesCollection data, ValueAxis valueAxis) {
    ValueAxis x = logAxis("offered rate (per second, log scale)");
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    XYPlot plot = new XYPlot(data, x, valueAxis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** Powers of ten labelled as plain numbers (0.1, 1, 10, 100...). */
  private static LogAxis logAxis(String label) {
    LogAxis axis = new LogAxis(label);
    axis.setSmallestValue(0.1);
    axis.setTickUnit(new NumberTickUnit(1.0));
    axis.setMinorTickMarksVisible(true);
    axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
    return axis;
  }

  private static XYSeries series(
      String name, List<Step> steps, java.util.function.ToDoubleFunction<Step> value) {
    XYSeries series = new XYSeries(name, true, true);
    for (Step step : steps) {
      double y = value.applyAsDouble(step);
      if (!Double.isNaN(y) && y > 0) {
        series.add(step.offeredPerSecond, y);
      }
    }
    return series;
  }

  private static String rates(List<Double> rates) {
    return rates.stream()
        .map(r -> String.format(Locale.ROOT, "%.0f", r))
        .collect(Collectors.joining(","));
  }

  private static String ms(double millis) {
    if (Double.isNaN(millis)) {
      return "-";
    }
    return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.0f", millis);
  }

  private static String ratio(double millis, double baselineP99) {
    if (Double.isNaN(millis) || !(baselineP99 > 0)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f", millis / baselineP99);
  }

  private static String megabytes(Long kb) {
    return kb == null || kb < 0 ? "-" : Long.toString(Math.round(kb / 1024.0));
  }
}
