package dev.lockstep.bench;

import dev.lockstep.machine.SessionState;
import dev.lockstep.runtime.Session;
import dev.lockstep.runtime.SessionHost;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Target 5 (memory): retained heap per idle session with a small transcript, in a fresh fork. One
 * invocation starts {@code sessions} sessions on one {@link SessionHost}, each resumed from its own
 * idle state (two turns: prompt, reply with one tool call, result, answer — eight messages with
 * texts unique to the session), configured like a minimal user would (a model client, everything
 * else default). Heap in use is read with {@link MemoryMXBean} after repeated full GCs, before the
 * states are built, after they are built, and after the sessions are started, and divided by the count:
 *
 * <ul>
 *   <li>{@code bytesPerSession}: everything the host retains per session (state, transcript, actor,
 *       mailbox, effect runner, host map entry);
 *   <li>{@code bytesPerState}: the immutable state alone (transcript included);
 *   <li>{@code megabytesTotal}: the whole delta for all sessions.
 * </ul>
 *
 * The primary score (time to start the sessions) is incidental. Targets: bytesPerSession ≤ 10 KiB;
 * 10^5 idle sessions ≤ 1 GiB.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class SessionFootprintBenchmark {
  @Param({"100000"})
  int sessions;

  ExecutorService drain;
  SessionHost host;

  /** Secondary results, reported by JMH beside the primary score. */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Footprint {
    public double bytesPerSession;
    public double bytesPerState;
    public double megabytesTotal;
  }

  @Setup(Level.Invocation)
  public void setUp() {
    drain = Sessions.singleThread("bench-footprint-drain");
    host = SessionHost.on(drain);
  }

  @TearDown(Level.Invocation)
  public void tearDown() throws InterruptedException {
    host.shutdown(Duration.ofMinutes(2));
    drain.shutdownNow();
  }

  @Benchmark
  public Object idleSessions(Footprint f) {
    long before = usedAfterGc();
    SessionState[] states = new SessionState[sessions];
    for (int i = 0; i < sessions; i++) {
      states[i] = Workload.smallIdle(Integer.toString(i), 2);
    }
    long afterStates = usedAfterGc();
    for (int i = 0; i < sessions; i++) {
      host.start(Session.builder().id("s" + i).resumeFrom(states[i], 0).modelClient(Sessions.SILENT_MODEL));
    }
    states = null; // from here on only the host keeps them
    long afterSessions = usedAfterGc();
    f.bytesPerState = (afterStates - before) / (double) sessions;
    f.bytesPerSession = (afterSessions - before) / (double) sessions;
    f.megabytesTotal = (afterSessions - before) / (1024.0 * 1024.0);
    return host;
  }

  static long usedAfterGc() {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
