package dev.lockstep.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Turns a JMH JSON result file into a markdown table (median per benchmark and parameter, with the
 * range of the per-iteration medians) and a PNG chart of per-event cost against history length.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.lockstep.bench.BenchReport out.md out.png results.json...}
 */
public final class BenchReport {

  /** One benchmark at one parameter value: median and the range of per-iteration medians, in ns. */
  record Point(String benchmark, String params, double median, double low, double high, String unit,
      List<Double> iterations) {
    Point(String benchmark, String params, double median, double low, double high, String unit) {
      this(benchmark, params, median, low, high, unit, List.of());
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: BenchReport TABLE.md CHART.png RESULTS.json...");
      System.exit(2);
    }
    List<Point> points = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      if (Files.exists(Path.of(args[i]))) {
        points.addAll(read(Path.of(args[i])));
      }
    }
    String report = targets(points) + "\n" + table(points);
    Files.writeString(Path.of(args[0]), report);
    chart(points, Path.of(args[1]));
    System.out.print(report);
  }

  static List<Point> read(Path json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    List<Point> out = new ArrayList<>();
    for (JsonNode run : root) {
      String name = run.get("benchmark").asText().replace("dev.lockstep.bench.", "");
      StringBuilder params = new StringBuilder();
      run.path("params").fields().forEachRemaining(e -> {
        if (params.length() > 0) {
          params.append(',');
        }
        params.append(e.getKey()).append('=').append(e.getValue().asText());
      });
      JsonNode pm = run.get("primaryMetric");
      String unit = pm.get("scoreUnit").asText();
      double median = pm.path("scorePercentiles").path("50.0").asDouble(pm.get("score").asDouble());
      double low = Double.MAX_VALUE;
      double high = 0;
      JsonNode hist = pm.get("rawDataHistogram");
      JsonNode raw = pm.get("rawData");
      if (hist != null && hist.isArray()) {
        for (JsonNode fork : hist) {
          for (JsonNode iteration : fork) {
            double m = histogramMedian(iteration);
            low = Math.min(low, m);
            high = Math.max(high, m);
          }
        }
      } else if (raw != null) {
        for (JsonNode fork : raw) {
          for (JsonNode v : fork) {
            low = Math.min(low, v.asDouble());
            high = Math.max(high, v.asDouble());
          }
        }
      }
      if (low == Double.MAX_VALUE) {
        low = high = median;
      }
      out.add(new Point(name, params.toString(), median, low, high, unit));
      // Secondary metrics (@AuxCounters): one point each, named benchmark:metric.
      run.path("secondaryMetrics").fields().forEachRemaining(e -> {
        JsonNode m = e.getValue();
        if (m.has("score") && m.get("score").isNumber() && !e.getKey().startsWith("·")) {
          double v = m.get("score").asDouble();
          double lo = v;
          double hi = v;
          List<Double> its = new ArrayList<>();
          for (JsonNode fork : m.path("rawData")) {
            for (JsonNode x : fork) {
              lo = Math.min(lo, x.asDouble());
              hi = Math.max(hi, x.asDouble());
              its.add(x.asDouble());
            }
          }
          out.add(new Point(name + ":" + e.getKey(), params.toString(), v, lo, hi, m.path("scoreUnit").asText(), its));
        }
      });
    }
    return out;
  }

  /** Median of one iteration's histogram ([[value, count], ...]). */
  static double histogramMedian(JsonNode iteration) {
    TreeMap<Double, Long> counts = new TreeMap<>();
    long total = 0;
    for (JsonNode pair : iteration) {
      counts.merge(pair.get(0).asDouble(), pair.get(1).asLong(), Long::sum);
      total += pair.get(1).asLong();
    }
    long seen = 0;
    for (Map.Entry<Double, Long> e : counts.entrySet()) {
      seen += e.getValue();
      if (seen * 2 >= total) {
        return e.getKey();
      }
    }
    return Double.NaN;
  }

  static String table(List<Point> points) {
    StringBuilder sb = new StringBuilder("| benchmark | params | median | range (per-iteration medians) | unit |\n|---|---|---:|---|---|\n");
    for (Point p : points) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s – %s | %s |%n", p.benchmark(), p.params(),
          fmt(p.median()), fmt(p.low()), fmt(p.high()), p.unit()));
    }
    return sb.toString();
  }

  // ---- targets -----------------------------------------------------------------------------------

  /** The point for {@code benchmark} (simple name, e.g. {@code ActorBenchmark.sessionSteers}) and params. */
  static Point find(List<Point> points, String benchmark, String params) {
    for (Point p : points) {
      if (p.benchmark().equals(benchmark) && p.params().equals(params)) {
        return p;
      }
    }
    return null;
  }

  /** One checked target: a measured value against a goal. */
  record Verdict(String target, String what, String measured, String range, String goal, String verdict) {}

  /** a / b of medians, with the range of per-iteration extremes. */
  static Verdict ratio(String target, String what, Point a, Point b, double goal, boolean atLeast) {
    if (a == null || b == null) {
      return new Verdict(target, what, "not run", "", (atLeast ? "≥ " : "≤ ") + fmt(goal), "NOT RUN");
    }
    double r = a.median() / b.median();
    double lo = a.low() / b.high();
    double hi = a.high() / b.low();
    boolean pass = atLeast ? r >= goal : r <= goal;
    return new Verdict(target, what, fmt(r), fmt(lo) + " – " + fmt(hi), (atLeast ? "≥ " : "≤ ") + fmt(goal),
        pass ? "PASS" : "MISS");
  }

  /** a / b where both were measured in the same iterations: the range is over per-iteration ratios. */
  static Verdict pairedRatio(String target, String what, Point a, Point b, double goal, boolean judged) {
    if (a == null || b == null) {
      return new Verdict(target, what, "not run", "", judged ? "≥ " + fmt(goal) : "reported", judged ? "NOT RUN" : "");
    }
    double r = a.median() / b.median();
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (int i = 0; i < Math.min(a.iterations().size(), b.iterations().size()); i++) {
      double x = a.iterations().get(i) / b.iterations().get(i);
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    String range = lo == Double.MAX_VALUE ? "" : fmt(lo) + " – " + fmt(hi) + " (per iteration)";
    return new Verdict(target, what, fmt(r), range, judged ? "≥ " + fmt(goal) : "reported",
        judged ? (r >= goal ? "PASS" : "MISS") : "");
  }

  static Verdict value(String target, String what, Point a, double goal, boolean atLeast, String unit) {
    if (a == null) {
      return new Verdict(target, what, "not run", "", (atLeast ? "≥ " : "≤ ") + fmt(goal) + " " + unit, "NOT RUN");
    }
    boolean pass = atLeast ? a.median() >= goal : a.median() <= goal;
    return new Verdict(target, what, fmt(a.median()) + " " + unit, fmt(a.low()) + " – " + fmt(a.high()),
        (atLeast ? "≥ " : "≤ ") + fmt(goal) + " " + unit, pass ? "PASS" : "MISS");
  }

  static Verdict reported(String target, String what, Point a, String unit) {
    if (a == null) {
      return new Verdict(target, what, "not run", "", "reported", "");
    }
    return new Verdict(target, what, fmt(a.median()) + " " + unit, fmt(a.low()) + " – " + fmt(a.high()), "reported", "");
  }

  static Verdict reportedRatio(String target, String what, Point a, Point b) {
    Verdict v = ratio(target, what, a, b, 0, true);
    return new Verdict(v.target(), v.what(), v.measured(), v.range(), "reported", "");
  }

  /** The targets of issue 8, computed from the results (medians; range from per-iteration extremes). */
  static List<Verdict> verdicts(List<Point> pts) {
    List<Verdict> out = new ArrayList<>();
    String r = "ReducerStepBenchmark.";
    for (String h : List.of("100", "1000", "10000", "100000")) {
      out.add(value("1", "Lockstep ns/event at " + h + " messages", find(pts, r + "lockstep", "history=" + h), 1000,
          false, "ns"));
    }
    out.add(ratio("1", "flat: cost at 10^5 / cost at 10^2", find(pts, r + "lockstep", "history=100000"),
        find(pts, r + "lockstep", "history=100"), 1.5, false));
    String k = "ReusedIdsBenchmark.lockstepKimiIds";
    for (String h : List.of("100", "1000", "10000")) {
      out.add(value("1 (Kimi ids)", "ns/event at " + h + " messages, call ids reused every turn",
          find(pts, k, "history=" + h), 1000, false, "ns"));
    }
    out.add(ratio("1 (Kimi ids)", "flat: cost at 10^4 / cost at 10^2", find(pts, k, "history=10000"),
        find(pts, k, "history=100"), 1.5, false));
    out.add(ratio("2", "LangChain4j / Lockstep per event at 10^4", find(pts, r + "langchain4j", "history=10000"),
        find(pts, r + "lockstep", "history=10000"), 50, true));
    out.add(reportedRatio("2", "naive list / Lockstep per event at 10^4", find(pts, r + "naiveList", "history=10000"),
        find(pts, r + "lockstep", "history=10000")));
    String q = "RequestBuildBenchmark.";
    Point ser = find(pts, q + "jacksonSerializeOnly", "history=10000");
    out.add(ratio("3", "incremental body (all bytes) / Jackson serializing the full request, 10^4 messages",
        find(pts, q + "incremental", "history=10000"), ser, 0.10, false));
    out.add(reportedRatio("3", "incremental body copied to one byte[] / Jackson serializing",
        find(pts, q + "incrementalToArray", "history=10000"), ser));
    out.add(reportedRatio("3", "incremental / full projection + serialization (the engine before)",
        find(pts, q + "incremental", "history=10000"), find(pts, q + "fullProjection", "history=10000")));
    String a = "ActorBenchmark.";
    out.add(ratio("4", "session (1 producer, steers) / reducer loop", find(pts, a + "sessionSteers", ""),
        find(pts, a + "reducerSteers", ""), 0.5, true));
    out.add(ratio("4", "session (4 producers, steers) / reducer loop", find(pts, a + "sessionSteers4", ""),
        find(pts, a + "reducerSteers", ""), 0.5, true));
    out.add(ratio("4", "session (1 producer, whole turns) / reducer loop", find(pts, a + "sessionTurns", ""),
        find(pts, a + "reducerTurns", ""), 0.5, true));
    out.add(reportedRatio("4", "session (1 producer, steers) / bare queue handoff", find(pts, a + "sessionSteers", ""),
        find(pts, a + "queueHandoff", "")));
    out.add(reportedRatio("4", "session (4 producers, steers) / bare queue handoff (4)",
        find(pts, a + "sessionSteers4", ""), find(pts, a + "queueHandoff4", "")));
    out.add(reportedRatio("4", "session (1 producer, steers told 16 at a time with tellAll) / reducer loop",
        find(pts, a + "sessionSteersBatched", ""), find(pts, a + "reducerSteers", "")));
    out.add(reportedRatio("4", "session (4 producers, steers told 16 at a time with tellAll) / reducer loop",
        find(pts, a + "sessionSteersBatched4", ""), find(pts, a + "reducerSteers", "")));
    out.add(reportedRatio("4", "floor: bare queue handoff (1 producer, no receipts) / reducer loop (steers)",
        find(pts, a + "queueHandoff", ""), find(pts, a + "reducerSteers", "")));
    out.add(reported("5", "10^4 sessions, 2 drain threads, 2 producers: aggregate events/s",
        find(pts, "ManySessionsBenchmark.turnsOnAllSessions", ""), "events/s"));
    String f = "SessionFootprintBenchmark.idleSessions:";
    out.add(value("5", "retained heap per idle session (8-message transcript)", find(pts, f + "bytesPerSession",
        "sessions=100000"), 10240, false, "B"));
    out.add(reported("5", "of which the immutable state and transcript", find(pts, f + "bytesPerState",
        "sessions=100000"), "B"));
    out.add(value("5", "10^5 idle sessions in total", find(pts, f + "megabytesTotal", "sessions=100000"), 1024, false,
        "MiB"));
    String j = "JournalBenchmark.";
    out.add(pairedRatio("6", "GROUP_COMMIT append / raw write+force floor, batch of 64, paired in the same invocations",
        find(pts, j + "pairedGroupCommit:rawNanos", ""), find(pts, j + "pairedGroupCommit:journalNanos", ""), 0.8, true));
    out.add(pairedRatio("6", "FSYNC_EACH append / raw single-record write+force, paired",
        find(pts, j + "pairedFsyncEach:rawNanos", ""), find(pts, j + "pairedFsyncEach:journalNanos", ""), 0, false));
    out.add(pairedRatio("6", "NONE append / raw write without force, paired",
        find(pts, j + "pairedNone:rawNanos", ""), find(pts, j + "pairedNone:journalNanos", ""), 0, false));
    out.add(reportedRatio("6", "GROUP_COMMIT / raw group floor, separate forks (disk drift included)",
        find(pts, j + "journalGroupCommit", ""), find(pts, j + "rawGroupCommit", "")));
    out.add(reported("6", "raw group-commit floor", find(pts, j + "rawGroupCommit", ""), "records/s"));
    out.add(reported("6", "raw single-record force floor", find(pts, j + "rawForceEach", ""), "records/s"));
    out.add(value("6", "recovery: events replayed per second (10^5-event journal)",
        find(pts, "RecoveryBenchmark.recover", ""), 1e6, true, "events/s"));
    return out;
  }

  static String targets(List<Point> points) {
    StringBuilder sb = new StringBuilder(
        "| target | what | measured (median) | range | goal | verdict |\n|---|---|---:|---|---|---|\n");
    for (Verdict v : verdicts(points)) {
      sb.append("| ").append(v.target()).append(" | ").append(v.what()).append(" | ").append(v.measured())
          .append(" | ").append(v.range()).append(" | ").append(v.goal()).append(" | ").append(v.verdict())
          .append(" |\n");
    }
    return sb.toString();
  }

  static String fmt(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
  }

  /** Log-log chart of the ReducerStepBenchmark series: per-event cost against history length. */
  static void chart(List<Point> points, Path png) throws IOException {
    Map<String, TreeMap<Integer, Point>> series = new TreeMap<>();
    for (Point p : points) {
      boolean step = p.benchmark().startsWith("ReducerStepBenchmark.");
      boolean kimi = p.benchmark().equals("ReusedIdsBenchmark.lockstepKimiIds");
      if (!(step || kimi) || !p.params().startsWith("history=") || p.benchmark().contains(":")) {
        continue;
      }
      String s = kimi ? "lockstep (Kimi ids)" : p.benchmark().substring("ReducerStepBenchmark.".length());
      series.computeIfAbsent(s, k -> new TreeMap<>()).put(Integer.parseInt(p.params().substring(8)), p);
    }
    int w = 900;
    int h = 560;
    int left = 90;
    int right = 190;
    int top = 50;
    int bottom = 70;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    double minX = 2;
    double maxX = 5;
    double minY = 1;
    double maxY = 6.5;
    g.setColor(new Color(230, 230, 230));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int e = (int) minY; e <= (int) maxY; e++) {
      int y = top + (int) ((maxY - e) / (maxY - minY) * (h - top - bottom));
      g.setColor(new Color(230, 230, 230));
      g.drawLine(left, y, w - right, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(e < 3 ? (int) Math.pow(10, e) + " ns" : e < 6 ? (int) Math.pow(10, e - 3) + " µs" : "1 ms", 20, y + 4);
    }
    for (int e = (int) minX; e <= (int) maxX; e++) {
      int x = left + (int) ((e - minX) / (maxX - minX) * (w - left - right));
      g.setColor(new Color(230, 230, 230));
      g.drawLine(x, top, x, h - bottom);
      g.setColor(Color.DARK_GRAY);
      g.drawString("10^" + e, x - 12, h - bottom + 20);
    }
    g.drawString("history length (messages)", left + (w - left - right) / 2 - 70, h - 20);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString("Cost per event of one agent step (median, log-log)", left, 30);
    Color[] colors = {new Color(0, 110, 200), new Color(220, 90, 30), new Color(40, 160, 80), new Color(150, 60, 170)};
    int i = 0;
    for (Map.Entry<String, TreeMap<Integer, Point>> s : series.entrySet()) {
      Color c = colors[i % colors.length];
      g.setColor(c);
      g.setStroke(new BasicStroke(2.5f));
      int px = -1;
      int py = -1;
      for (Map.Entry<Integer, Point> pt : s.getValue().entrySet()) {
        double lx = Math.log10(pt.getKey());
        double ly = Math.log10(Math.max(1, pt.getValue().median()));
        int x = left + (int) ((lx - minX) / (maxX - minX) * (w - left - right));
        int y = top + (int) ((maxY - ly) / (maxY - minY) * (h - top - bottom));
        g.fillOval(x - 4, y - 4, 8, 8);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
      g.fillRect(w - right + 20, top + 20 + i * 24, 14, 14);
      g.setColor(Color.BLACK);
      g.drawString(s.getKey(), w - right + 40, top + 32 + i * 24);
      i++;
    }
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }
}
