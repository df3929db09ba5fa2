package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void demo_lockstepRunsAreAllValid_exitZero() {
    String[] r = run("demo", "--runs", "3", "--seed", "7");
    assertEquals("0", r[0], r[1] + r[2]);
    assertTrue(r[1].contains("nothing lost or duplicated: YES"), r[1]);
    for (String scenario : new String[] {"read-158-steer", "parallel-out-of-order", "todolist-3-progression", "interrupt-mid-tool"}) {
      assertTrue(r[1].contains(scenario), scenario);
    }
  }

  @Test
  void demoNaiveKimi_showsTheProviderErrorsOfTheNegativeControl() {
    String[] r = run("demo", "--runs", "2", "--dialect", "kimi", "--naive");
    assertEquals("0", r[0], r[1] + r[2]);
    assertTrue(r[1].contains("NEGATIVE CONTROL"), r[1]);
    // Deterministic: the naive loop never replays reasoning, and Kimi with thinking on requires it.
    assertTrue(r[1].contains("reasoning_content is missing"), r[1]);
    assertTrue(r[1].contains("First invalid naive request"), r[1]);
  }

  @Test
  void demoUnknownDialect_exitTwo() {
    String[] r = run("demo", "--dialect", "nope");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("unknown dialect"), r[2]);
  }
}
