package dev.lockstep.bench;

import dev.lockstep.journal.DurabilityPolicy;
import dev.lockstep.journal.JournalRecovery;
import dev.lockstep.journal.RecoveredSession;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Limits;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Target;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Target 6 (recovery): events per second replayed by {@link JournalRecovery#recover} — lock, read
 * and scan the file (framing, CRC32C), decode every event, fold the reducer over all of them, check
 * the invariants on the result — for a journal of {@value #EVENTS} events ({@link Workload.Turns}: whole
 * turns with fresh call ids; the transcript ends near 10^5 messages). The journal is written once, outside the
 * measurement, and ends idle, so recovery appends nothing and every invocation reads the same file
 * (from the page cache: this measures the CPU side of recovery, not a cold disk). Target ≥ 10^6
 * events/s. The journal is larger than {@code ScanAndFold.PIPELINE_MIN_BYTES}, so recovery scans and
 * decodes on a virtual thread while the calling thread folds: the score uses both cores.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class RecoveryBenchmark {
  static final int EVENTS = 6 * 16_667;
  static final Target TARGET = new Target("openai-chat", "bench");

  Path dir;
  Path journal;

  @Setup
  public void setUp() throws IOException {
    Path base = Path.of(System.getProperty("lockstep.bench.dir", System.getProperty("java.io.tmpdir")));
    dir = Files.createTempDirectory(base, "lockstep-recovery-bench");
    journal = dir.resolve("session.journal");
    try (RecoveredSession s = JournalRecovery.recover(journal, TARGET, Limits.defaults(), DurabilityPolicy.NONE)) {
      Workload.Turns turns = new Workload.Turns();
      for (int i = 0; i < EVENTS / 6; i++) {
        Vector<Event> batch = Vector.empty();
        for (int k = 0; k < 6; k++) {
          batch = batch.append(turns.next());
        }
        s.journal().persist(s.journal().nextSeq(), batch);
      }
    }
    SessionState replayed = recoverOnce();
    if (replayed.turn().isDefined() || replayed.transcript().size() < EVENTS - 10) {
      throw new IllegalStateException("unexpected recovered state: " + replayed.transcript().size() + " messages");
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(journal);
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }

  private SessionState recoverOnce() throws IOException {
    try (RecoveredSession s = JournalRecovery.recover(journal, TARGET, Limits.defaults(), DurabilityPolicy.NONE)) {
      if (s.report().recordsRead() != EVENTS || s.report().repaired()) {
        throw new IllegalStateException("recovery read " + s.report());
      }
      return s.state();
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public SessionState recover() throws IOException {
    return recoverOnce();
  }
}
