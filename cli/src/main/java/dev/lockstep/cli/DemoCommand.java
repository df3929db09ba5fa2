package dev.lockstep.cli;

import dev.lockstep.demo.Demo;
import dev.lockstep.dialect.Dialects;
import dev.lockstep.dialect.UnsupportedDialectException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lockstep demo}: the seed situations under real concurrency, Lockstep vs a naive loop. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run a realistic agent loop in-process (scripted model, tools on virtual threads, steers, an",
      "interrupt and a compaction from other threads) through the seed situations, many times, and",
      "check every request against the dialect's validator. Exit code 0 only when all are valid."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--runs", defaultValue = "25", description = "Runs per scenario (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for timings (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--dialect", defaultValue = "openai-chat", description = "openai-chat (default) or kimi (thinking on).")
  String dialect;

  @Option(names = "--naive", description = "Also run the naive loop (negative control) and show its invalid requests.")
  boolean naive;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    if (runs < 1) {
      err.println("lockstep demo: --runs must be at least 1");
      return 2;
    }
    try {
      Dialects.forName(dialect);
    } catch (UnsupportedDialectException e) {
      err.println("lockstep demo: " + e.getMessage());
      return 2;
    }
    return Demo.run(new Demo.Settings(runs, seed, dialect, naive), spec.commandLine().getOut());
  }
}
