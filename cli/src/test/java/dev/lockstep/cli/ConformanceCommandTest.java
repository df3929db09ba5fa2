package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lockstep conformance}: the reference replayer as a port passes; a port that drops a message
 * fails; a known-failures list turns failures into expected ones and flags lists that went stale.
 * Runs on a sample of the committed vectors (two per rule group) to keep JVM launches few.
 */
class ConformanceCommandTest {
  @TempDir static Path tmp;
  static Path sample;
  static String java;
  static String classpath;

  @BeforeAll
  static void sampleVectors() throws IOException {
    Path all = Path.of(System.getProperty("basedir", ".")).resolve("../model-specs/vectors/v1").normalize();
    sample = tmp.resolve("vectors");
    try (Stream<Path> groups = Files.list(all)) {
      for (Path g : groups.sorted().toList()) {
        try (Stream<Path> files = Files.list(g)) {
          for (Path f : files.sorted().limit(2).toList()) {
            Path to = sample.resolve(g.getFileName()).resolve(f.getFileName());
            Files.createDirectories(to.getParent());
            Files.copy(f, to);
          }
        }
      }
    }
    java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    classpath = System.getProperty("java.class.path");
  }

  record Run(int exit, String out) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(out));
    int exit = cl.execute(args);
    return new Run(exit, out.toString());
  }

  static String port(String mainClass, String... args) {
    return "'" + java + "' -cp '" + classpath + "' " + mainClass + " " + String.join(" ", args);
  }

  static int vectorCount() throws IOException {
    try (Stream<Path> s = Files.walk(sample)) {
      return (int) s.filter(p -> p.toString().endsWith(".json")).count();
    }
  }

  @Test
  void referenceReplayerPassesEveryVector() throws IOException {
    Run r = run("conformance", "--port", port("dev.lockstep.cli.Main", "replay", "-"), "--vectors", sample.toString());
    System.out.println(r.out());
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains(vectorCount() + " vectors: " + vectorCount() + " passed, 0 failed"), r.out());
  }

  @Test
  void portThatDropsAMessageFails() throws IOException {
    Path script = tmp.resolve("broken-port.sh");
    Files.writeString(script, "#!/bin/sh\nexec " + port("dev.lockstep.cli.BrokenPort") + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Run r = run("conformance", "--port", script.toString(), "--vectors", sample.toString());
    System.out.println(r.out());
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("FAIL  $.transcript: expected"), r.out());

    // Listing every failing vector as known makes the run pass ...
    List<String> failing = r.out().lines().filter(l -> l.contains(" FAIL ")).map(l -> l.split("\\s+")[0]).toList();
    assertTrue(failing.size() >= vectorCount() - 2, "nearly every vector has a transcript to lose: " + failing);
    Path known = tmp.resolve("known.txt");
    Files.writeString(known, "# broken port\n" + String.join("\n", failing) + "\n");
    Run withList = run("conformance", "--port", script.toString(), "--vectors", sample.toString(), "--known-failures", known.toString());
    assertEquals(0, withList.exit(), withList.out());
    assertTrue(withList.out().contains("0 failed, " + failing.size() + " known failures"), withList.out());

    // ... and a known failure that passes with a correct port is reported, failing the run.
    Run stale = run("conformance", "--port", port("dev.lockstep.cli.Main", "replay", "-"), "--vectors", sample.toString(),
        "--known-failures", known.toString());
    assertEquals(1, stale.exit(), stale.out());
    assertTrue(stale.out().contains("remove from the known-failures list"), stale.out());
  }

  @Test
  void missingVectorDirectoryIsAUsageError() {
    Run r = run("conformance", "--port", "cat", "--vectors", tmp.resolve("nope").toString());
    assertEquals(2, r.exit(), r.out());
  }
}
