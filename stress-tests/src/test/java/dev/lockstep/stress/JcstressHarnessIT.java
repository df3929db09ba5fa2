package dev.lockstep.stress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Runs the shaded jcstress jar in a child JVM (the running JDK, never the PATH's java) and grades it:
 *
 * <ul>
 *   <li>every test in the jar's TestList ran and collected samples (jcstress silently skips tests it
 *       cannot schedule, e.g. more actors than CPUs — that must fail the build);
 *   <li>every Lockstep test ({@code Actual}) passed: no forbidden outcome was ever observed;
 *   <li>every negative control ({@code Naive}) FAILED: its forbidden outcome was observed. A negative
 *       control that stops finding its bug fails the build — a test that cannot fail proves nothing.
 * </ul>
 *
 * A markdown summary is written to {@code target/jcstress-summary.md} and printed.
 */
class JcstressHarnessIT {

  @Test
  void actualTestsNeverShowForbiddenOutcomes_andNegativeControlsAlwaysDo() throws Exception {
    Path jar = Path.of(System.getProperty("jcstress.jar", "target/jcstress.jar"));
    assertTrue(Files.exists(jar), "build the shaded jar first: " + jar);
    String mode = System.getProperty("jcstress.mode", "quick");
    String tests = System.getProperty("jcstress.tests", ".*");
    long budget = Long.parseLong(System.getProperty("jcstress.time.budget", "600"));
    List<String> expected = testList(jar, tests);
    assertFalse(expected.isEmpty(), "the jar lists no jcstress tests (is annotation processing on?)");

    Path workDir = jar.getParent().resolve("jcstress-run");
    Files.createDirectories(workDir);
    Path log = workDir.resolve("jcstress.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-jar", jar.toAbsolutePath().toString(), "-m", mode, "-t", tests,
        "-v", "-r", workDir.resolve("results").toString(), "-jvmArgsPrepend", "--enable-native-access=ALL-UNNAMED"));
    // Extra jcstress arguments (e.g. "-time 200 -iters 3 -f 1"), appended after the mode so they override it.
    String extra = System.getProperty("jcstress.args", "").trim();
    if (!extra.isEmpty()) {
      cmd.addAll(List.of(extra.split("\\s+")));
    }
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(budget, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("jcstress exceeded its time budget of " + budget + " s; log: " + log);
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    JcstressReport report = JcstressReport.parse(Files.readAllLines(log, StandardCharsets.UTF_8));
    String summary = report.markdown(mode + (extra.isEmpty() ? "" : " " + extra), seconds);
    Files.writeString(jar.getParent().resolve("jcstress-summary.md"), summary);
    System.out.println("\n=== jcstress summary ===\n" + summary);

    List<String> problems = new ArrayList<>();
    for (String name : expected) {
      JcstressReport.TestResult t = report.tests.get(name);
      if (t == null) {
        problems.add(name + ": did not run (skipped or crashed)");
      } else if (t.samples() == 0) {
        problems.add(name + ": collected no samples");
      } else if (t.negativeControl() && t.forbiddenSamples() == 0) {
        problems.add(name + ": negative control did NOT observe its forbidden outcome (" + t.grade() + ")");
      } else if (!t.negativeControl() && (!t.grade().equals("OK") || t.forbiddenSamples() > 0)) {
        problems.add(name + ": " + t.grade() + " with " + t.forbiddenSamples() + " forbidden samples");
      }
    }
    if (!problems.isEmpty()) {
      fail("jcstress grading failed:\n  " + String.join("\n  ", problems) + "\nlog: " + log);
    }
  }

  /** Test names the jar's TestList declares, filtered by the same regexp jcstress gets. */
  static List<String> testList(Path jar, String regex) throws IOException {
    List<String> out = new ArrayList<>();
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
    try (JarFile jf = new JarFile(jar.toFile()); InputStream in = jf.getInputStream(jf.getEntry("META-INF/TestList"))) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        // Each line: "JCTEST" then length-prefixed fields ("49S<49 chars>..."); the first is the test name.
        if (!line.startsWith("JCTEST")) {
          continue;
        }
        int i = "JCTEST".length();
        int s = line.indexOf('S', i);
        int len = Integer.parseInt(line.substring(i, s));
        String name = line.substring(s + 1, s + 1 + len);
        if (p.matcher(name).find()) {
          out.add(name);
        }
      }
    }
    return out;
  }
}
