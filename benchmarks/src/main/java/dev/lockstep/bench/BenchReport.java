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
 * <p>Usage: {@code java -cp benchmarks.jar dev.lockstep.bench.BenchReport results.json out.md out.png}
 */
public final class BenchReport {

  /** One benchmark at one parameter value: median and the range of per-iteration medians, in ns. */
  record Point(String benchmark, String params, double median, double low, double high, String unit) {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: BenchReport RESULTS.json TABLE.md CHART.png");
      System.exit(2);
    }
    List<Point> points = read(Path.of(args[0]));
    Files.writeString(Path.of(args[1]), table(points));
    chart(points, Path.of(args[2]));
    System.out.print(table(points));
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

  static String fmt(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
  }

  /** Log-log chart of the ReducerStepBenchmark series: per-event cost against history length. */
  static void chart(List<Point> points, Path png) throws IOException {
    Map<String, TreeMap<Integer, Point>> series = new TreeMap<>();
    for (Point p : points) {
      if (!p.benchmark().startsWith("ReducerStepBenchmark.") || !p.params().startsWith("history=")) {
        continue;
      }
      String s = p.benchmark().substring("ReducerStepBenchmark.".length());
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
