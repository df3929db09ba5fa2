package dev.lockstep.cli;

import dev.lockstep.specs.PortConformance;
import dev.lockstep.specs.PortConformance.Outcome;
import dev.lockstep.specs.PortConformance.Report;
import dev.lockstep.specs.PortConformance.Status;
import dev.lockstep.specs.Vectors;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lockstep conformance --port 'COMMAND'}: runs every conformance vector through a port (a program
 * that reads a trace on stdin and writes the replay JSON on stdout) and prints a pass/fail table. Exit
 * status 0 when nothing failed unexpectedly, 1 otherwise, 2 for bad arguments.
 */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Run the conformance vectors through a port and print a pass/fail table.",
      "A port reads one trace (TRACE-FORMAT v1, without 'expect') on stdin and prints the replay JSON on stdout."
    })
final class ConformanceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", required = true, paramLabel = "COMMAND",
      description = "Shell command of the port, run once per vector with 'sh -c', e.g. './lockstep replay -'.")
  String port;

  @Option(names = "--known-failures", paramLabel = "FILE",
      description = "Vector ids this port is known to fail, one per line (# comments).")
  Path knownFailures;

  @Option(names = "--vectors", paramLabel = "DIR",
      description = "Vector directory (default: model-specs/vectors/v" + Vectors.SPEC_VERSION + " next to this tool).")
  Path vectors;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Per-vector time limit for the port (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--verbose", description = "Print every difference of every failing vector.")
  boolean verbose;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = vectors != null ? vectors : defaultVectors();
    if (dir == null || !Files.isDirectory(dir)) {
      err.println("lockstep conformance: no vector directory" + (dir == null ? "" : " at " + dir) + "; pass --vectors DIR");
      return 2;
    }
    Set<String> known = Set.of();
    if (knownFailures != null) {
      if (!Files.isRegularFile(knownFailures)) {
        err.println("lockstep conformance: no such known-failures file: " + knownFailures);
        return 2;
      }
      known = PortConformance.readKnownFailures(knownFailures);
    }
    Report report = PortConformance.run(port, dir, known, Duration.ofSeconds(timeoutSeconds));
    if (report.outcomes().isEmpty()) {
      err.println("lockstep conformance: no vectors under " + dir);
      return 2;
    }
    int width = report.outcomes().stream().mapToInt(o -> o.id().length()).max().orElse(10);
    out.printf("%-" + width + "s  %s%n", "vector", "result");
    for (Outcome o : report.outcomes()) {
      out.printf("%-" + width + "s  %s%s%n", o.id(), o.status(), o.details().isEmpty() ? "" : "  " + o.details().get(0));
      if (verbose && o.details().size() > 1) {
        o.details().stream().skip(1).forEach(d -> out.printf("%-" + width + "s    %s%n", "", d));
      }
    }
    out.printf("%n%d vectors: %d passed, %d failed, %d known failures, %d known failures that now pass%n",
        report.outcomes().size(), report.count(Status.PASS), report.count(Status.FAIL), report.count(Status.KNOWN_FAIL),
        report.count(Status.UNEXPECTED_PASS));
    List<String> unexpected = new ArrayList<>();
    report.outcomes().stream().filter(o -> o.status() == Status.UNEXPECTED_PASS).forEach(o -> unexpected.add(o.id()));
    if (!unexpected.isEmpty()) {
      out.println("remove from the known-failures list: " + String.join(", ", unexpected));
    }
    out.flush();
    return report.ok() ? 0 : 1;
  }

  /** {@code model-specs/vectors/v1} in the working directory, or next to the jar ({@code cli/target/..}). */
  private static Path defaultVectors() {
    String rel = "model-specs/vectors/v" + Vectors.SPEC_VERSION;
    Path cwd = Path.of(rel);
    if (Files.isDirectory(cwd)) {
      return cwd;
    }
    try {
      Path jar = Path.of(ConformanceCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path p = jar.getParent(); p != null; p = p.getParent()) {
        if (Files.isDirectory(p.resolve(rel))) {
          return p.resolve(rel);
        }
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return null;
    }
    return null;
  }
}
