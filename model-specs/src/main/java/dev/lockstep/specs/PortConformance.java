package dev.lockstep.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The runner protocol for ports. A port is a shell command that reads one trace (a vector without its
 * {@code expect}) on stdin and writes the replay JSON (TRACE-FORMAT) on stdout, exiting 0. The runner
 * feeds it every vector and compares with {@link ReplayComparison}. A per-port known-failures file
 * (one vector id per line, {@code #} comments) turns expected failures into {@code KNOWN_FAIL}; a listed
 * vector that passes is {@code UNEXPECTED_PASS}, which fails the run so lists stay honest.
 */
public final class PortConformance {

  /** How one vector went. */
  public enum Status {
    PASS,
    FAIL,
    KNOWN_FAIL,
    UNEXPECTED_PASS
  }

  /** One vector's outcome, with the differences (or the port's error) when it failed. */
  public record Outcome(String id, Path file, Status status, List<String> details) {
    public Outcome {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(status, "status");
      details = List.copyOf(details);
    }
  }

  /** All outcomes of one run. */
  public record Report(List<Outcome> outcomes) {
    public Report {
      outcomes = List.copyOf(outcomes);
    }

    public long count(Status s) {
      return outcomes.stream().filter(o -> o.status() == s).count();
    }

    /** True when nothing failed unexpectedly and no known failure passed. */
    public boolean ok() {
      return count(Status.FAIL) == 0 && count(Status.UNEXPECTED_PASS) == 0;
    }
  }

  private PortConformance() {}

  /** Reads a known-failures file: vector ids, one per line; blank lines and {@code #} comments ignored. */
  public static Set<String> readKnownFailures(Path file) {
    try {
      Set<String> ids = new LinkedHashSet<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int hash = line.indexOf('#');
        String id = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (!id.isEmpty()) {
          ids.add(id);
        }
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read known failures " + file, e);
    }
  }

  /** Runs {@code command} once per vector under {@code vectorsDir}. */
  public static Report run(String command, Path vectorsDir, Set<String> knownFailures, Duration timeout) {
    List<Outcome> out = new ArrayList<>();
    for (Path file : Vectors.find(vectorsDir)) {
      ObjectNode vector = Vectors.read(file);
      String id = Vectors.idOf(file, vector);
      List<String> problems = check(command, vector, timeout);
      boolean known = knownFailures.contains(id);
      Status status = problems.isEmpty()
          ? (known ? Status.UNEXPECTED_PASS : Status.PASS)
          : (known ? Status.KNOWN_FAIL : Status.FAIL);
      out.add(new Outcome(id, file, status, problems));
    }
    return new Report(out);
  }

  /** Differences between the port's output for one vector and the vector's {@code expect}. */
  public static List<String> check(String command, ObjectNode vector, Duration timeout) {
    if (!vector.has("expect")) {
      return List.of("the vector has no 'expect'");
    }
    PortRun run;
    try {
      run = runPort(command, Vectors.traceText(vector), timeout);
    } catch (IOException e) {
      return List.of("cannot start the port: " + e.getMessage());
    }
    if (run.timedOut()) {
      return List.of("the port did not answer within " + timeout.toSeconds() + " s");
    }
    if (run.exit() != 0) {
      return List.of("the port exited with status " + run.exit() + ": " + firstLine(run.stderr()));
    }
    JsonNode actual;
    try {
      actual = Json.MAPPER.readTree(run.stdout());
    } catch (IOException e) {
      return List.of("the port's output is not one JSON object: " + e.getMessage());
    }
    if (actual == null || !actual.isObject()) {
      return List.of("the port's output is not one JSON object");
    }
    return ReplayComparison.differences(vector.get("expect"), actual);
  }

  private record PortRun(int exit, String stdout, String stderr, boolean timedOut) {}

  private static PortRun runPort(String command, String stdin, Duration timeout) throws IOException {
    Process p = new ProcessBuilder("sh", "-c", command).start();
    CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
    CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The port closed stdin early; its exit status and output tell the rest.
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return new PortRun(-1, "", "", true);
      }
      return new PortRun(p.exitValue(), stdout.join(), stderr.join(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted while waiting for the port", e);
    }
  }

  private static String drain(InputStream s) {
    try (s) {
      return new String(s.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
