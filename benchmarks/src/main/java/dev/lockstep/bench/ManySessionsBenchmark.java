package dev.lockstep.bench;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.SessionState;
import dev.lockstep.runtime.Receipt;
import dev.lockstep.runtime.Session;
import dev.lockstep.runtime.SessionHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Target 5 (throughput): {@value #SESSIONS} sessions on one {@link SessionHost} with two drain threads,
 * driven concurrently by two producer threads (each owns half of the sessions). One operation of a
 * producer = one whole turn ({@link Workload.Turns}, six events, fresh call ids) told to each of its sessions —
 * interleaved across sessions — then a wait for every session's last receipt. The score is
 * acknowledged events per second, summed over both producers. Sessions: small idle transcripts (two
 * turns, distinct texts), no durability, effects dispatched to executors that drop them. Sessions are
 * recreated every iteration. Reported, no target.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Threads(2)
public class ManySessionsBenchmark {
  static final int SESSIONS = 10_000;
  static final int PRODUCERS = 2;
  static final int PER_PRODUCER = SESSIONS / PRODUCERS;
  static final int EVENTS_PER_OP = PER_PRODUCER * 6;

  @State(Scope.Benchmark)
  public static class Host {
    SessionHost host;
    SessionState[] states;
    Session[] sessions;

    @Setup(Level.Trial)
    public void trial() {
      host = SessionHost.withThreads(2);
      states = new SessionState[SESSIONS];
      for (int i = 0; i < SESSIONS; i++) {
        states[i] = Workload.smallIdle(Integer.toString(i), 2);
      }
      Workload.Turns check = new Workload.Turns();
      SessionState st = states[0];
      for (int i = 0; i < 18; i++) {
        st = Workload.applyChecked(st, check.next());
      }
    }

    @Setup(Level.Iteration)
    public void iteration() {
      sessions = new Session[SESSIONS];
      for (int i = 0; i < SESSIONS; i++) {
        sessions[i] = host.start(Sessions.quiet("s" + i, states[i]));
      }
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
      List<CompletableFuture<Void>> closing = new ArrayList<>();
      for (Session s : sessions) {
        closing.add(host.remove(s.id()));
      }
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).join();
    }

    @TearDown(Level.Trial)
    public void endTrial() throws InterruptedException {
      host.shutdown(Duration.ofSeconds(30));
    }
  }

  @State(Scope.Thread)
  public static class Producer {
    int first;
    final Workload.Turns source = new Workload.Turns();
    @SuppressWarnings("unchecked")
    final CompletableFuture<Receipt>[] last = new CompletableFuture[PER_PRODUCER];

    @Setup(Level.Trial)
    public void trial(ThreadParams params) {
      first = params.getThreadIndex() * PER_PRODUCER;
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS_PER_OP)
  public void turnsOnAllSessions(Host h, Producer p, Blackhole bh) {
    for (int e = 0; e < 6; e++) {
      Event event = p.source.next();
      for (int i = 0; i < PER_PRODUCER; i++) {
        p.last[i] = h.sessions[p.first + i].tell(event);
      }
    }
    for (CompletableFuture<Receipt> f : p.last) {
      bh.consume(f.join());
    }
  }
}
