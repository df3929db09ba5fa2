package dev.lockstep.stress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the "RUN RESULTS" section jcstress prints (with {@code -v}): one block per test, its grade
 * and the outcome table across all configurations.
 */
final class JcstressReport {
  private static final Pattern HEADER = Pattern.compile("^\\.*\\s*\\[([A-Z ]+)\\]\\s+(\\S+)\\s*$");
  private static final Pattern ROW =
      Pattern.compile("^\\s+(.+?)\\s+([\\d,]+)\\s+([\\d.,]+%)\\s+(Acceptable|Forbidden|Interesting)\\s*(.*)$");

  record Row(String result, long samples, String expect, String description) {}

  record TestResult(String name, String grade, List<Row> rows) {
    long samples() {
      return rows.stream().mapToLong(Row::samples).sum();
    }

    long forbiddenSamples() {
      return rows.stream().filter(r -> r.expect().equals("Forbidden")).mapToLong(Row::samples).sum();
    }

    /** Negative controls are the nested classes named {@code Naive}. */
    boolean negativeControl() {
      return name.endsWith(".Naive") || name.endsWith("$Naive");
    }
  }

  final Map<String, TestResult> tests = new LinkedHashMap<>();

  static JcstressReport parse(List<String> lines) {
    JcstressReport report = new JcstressReport();
    boolean inResults = false;
    TestResult current = null;
    for (String line : lines) {
      if (line.startsWith("RUN RESULTS:")) {
        inResults = true;
        continue;
      }
      if (!inResults) {
        continue;
      }
      Matcher h = HEADER.matcher(line);
      if (h.matches()) {
        current = new TestResult(h.group(2), h.group(1).trim(), new ArrayList<>());
        report.tests.put(current.name(), current);
        continue;
      }
      Matcher r = ROW.matcher(line);
      if (current != null && r.matches() && !line.contains("RESULT  SAMPLES")) {
        current.rows().add(new Row(r.group(1).trim(), Long.parseLong(r.group(2).replace(",", "")), r.group(4), r.group(5).trim()));
      }
    }
    return report;
  }

  String markdown(String mode, long seconds) {
    StringBuilder sb = new StringBuilder();
    sb.append("| test | role | grade | samples | forbidden samples | outcomes |\n|---|---|---|---:|---:|---|\n");
    for (TestResult t : tests.values()) {
      StringBuilder outcomes = new StringBuilder();
      for (Row row : t.rows()) {
        if (outcomes.length() > 0) {
          outcomes.append("; ");
        }
        outcomes.append('`').append(row.result()).append("` ").append(row.samples()).append(' ').append(row.expect());
      }
      sb.append("| ").append(t.name().replace("dev.lockstep.stress.", "")).append(" | ")
          .append(t.negativeControl() ? "negative control" : "Lockstep").append(" | ").append(t.grade()).append(" | ")
          .append(t.samples()).append(" | ").append(t.forbiddenSamples()).append(" | ").append(outcomes).append(" |\n");
    }
    sb.append("\njcstress mode `").append(mode).append("`, ").append(tests.size()).append(" tests, ").append(seconds)
        .append(" s wall time.\n");
    return sb.toString();
  }
}
