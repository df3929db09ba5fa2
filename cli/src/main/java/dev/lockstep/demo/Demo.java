package dev.lockstep.demo;

import dev.lockstep.runtime.SessionHost;
import io.vavr.collection.List;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lockstep demo}: plays every {@link Scenario} {@code runs} times on real Lockstep sessions (all
 * on one {@link SessionHost}) and, with {@code naive}, on the {@link dev.lockstep.demo.naive.NaiveAgentLoop}
 * negative control, then prints one table row per scenario.
 */
public final class Demo {
  private Demo() {}

  /** Demo settings. */
  public record Settings(int runs, long seed, String dialect, boolean naive) {}

  /**
   * Runs the demo and prints to {@code out}.
   *
   * @return 0 when every Lockstep run was valid and lost or duplicated nothing (with {@code naive}: 0
   *     once the demo ran), 1 otherwise
   */
  public static int run(Settings settings, PrintWriter out) throws InterruptedException {
    List<Scenario> scenarios = Scenario.all();
    out.printf("lockstep demo: dialect %s, %d runs per scenario, seed %d%n%n", settings.dialect(), settings.runs(), settings.seed());
    out.println("Lockstep (session actor; scripted model, tools on virtual threads, steers/interrupt/compaction from other threads)");
    header(out);
    boolean allGood = true;
    String firstInvalid = null;
    long started = System.nanoTime();
    SessionHost host = SessionHost.withThreads(2);
    try {
      for (Scenario sc : scenarios) {
        Totals t = new Totals();
        for (int r = 0; r < settings.runs(); r++) {
          RunResult rr = LockstepRunner.run(sc, settings.dialect(), seedOf(settings.seed(), sc, r), host, sc.name() + "-" + r);
          t.add(rr);
          if (firstInvalid == null && rr.firstInvalid().isDefined()) {
            firstInvalid = sc.name() + " run " + r + ":\n" + rr.firstInvalid().get();
          }
        }
        allGood &= t.invalid == 0 && t.lost == 0 && t.dup == 0;
        row(out, sc, t, settings.runs());
      }
    } finally {
      host.shutdown(Duration.ofSeconds(10));
    }
    out.printf("%nEvery request valid for %s and nothing lost or duplicated: %s (%.1f s)%n",
        settings.dialect(), allGood ? "YES" : "NO", (System.nanoTime() - started) / 1e9);
    if (firstInvalid != null) {
      out.println("First invalid Lockstep request:");
      out.println(firstInvalid);
    }
    if (!settings.naive()) {
      out.flush();
      return allGood ? 0 : 1;
    }

    out.println();
    out.println("NEGATIVE CONTROL: naive loop (one mutable ArrayList; steers appended on arrival, results when they land)");
    header(out);
    NaiveRunner.RULES.clear();
    String naiveFirst = null;
    for (Scenario sc : scenarios) {
      Totals t = new Totals();
      for (int r = 0; r < settings.runs(); r++) {
        RunResult rr = NaiveRunner.run(sc, settings.dialect(), seedOf(settings.seed(), sc, r));
        t.add(rr);
        if (naiveFirst == null && rr.firstInvalid().isDefined()) {
          naiveFirst = sc.name() + " run " + r + ":\n" + rr.firstInvalid().get();
        }
      }
      row(out, sc, t, settings.runs());
    }
    out.println();
    out.println("Provider errors the naive requests would get (by validator rule):");
    NaiveRunner.RULES.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> out.printf("  %5d  %s%n", e.getValue(), e.getKey()));
    Optional.ofNullable(naiveFirst).ifPresent(f -> {
      out.println("First invalid naive request:");
      out.println(f);
    });
    out.flush();
    return 0;
  }

  private static long seedOf(long seed, Scenario sc, int run) {
    return seed * 1_000_003L + sc.name().hashCode() * 31L + run;
  }

  private static void header(PrintWriter out) {
    out.printf("  %-24s %5s %9s %8s %10s %10s %5s %4s %9s%n",
        "scenario", "runs", "requests", "invalid", "steers", "results", "lost", "dup", "int/unk");
    out.printf("  %-24s %5s %9s %8s %10s %10s %5s %4s %9s%n", "", "", "", "", "in/out", "in/out", "", "", "");
  }

  private static void row(PrintWriter out, Scenario sc, Totals t, int runs) {
    out.printf("  %-24s %5d %9d %8d %10s %10s %5d %4d %9s%n", sc.name(), runs, t.requests, t.invalid,
        t.steersIn + "/" + t.steersOut, t.resultsIn + "/" + t.resultsOut, t.lost, t.dup, t.interrupted + "/" + t.unknown);
    out.flush();
  }

  private static final class Totals {
    int requests;
    int invalid;
    int steersIn;
    int steersOut;
    int resultsIn;
    int resultsOut;
    int lost;
    int dup;
    int interrupted;
    int unknown;

    void add(RunResult r) {
      requests += r.requests();
      invalid += r.invalid();
      steersIn += r.steersIn();
      steersOut += r.steersOut();
      resultsIn += r.resultsIn();
      resultsOut += r.resultsOut();
      lost += r.lost();
      dup += r.duplicated();
      interrupted += r.interrupted();
      unknown += r.unknown();
    }
  }
}
