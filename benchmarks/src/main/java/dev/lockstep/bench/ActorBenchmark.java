package dev.lockstep.bench;

import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import dev.lockstep.runtime.Receipt;
import dev.lockstep.runtime.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
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

/**
 * Target 4: acknowledged events per second through one {@link Session}'s mailbox, against applying the
 * same events with {@link Reducer#decide} in a plain loop on one thread, and against a bare {@link
 * ConcurrentLinkedQueue} handoff to one consumer thread.
 *
 * <p>Session set-up: {@code Durability.none()}, the drain on one dedicated platform thread, effects
 * handed to executors that drop them (their dispatch cost is measured, the tools and the model never
 * run). One operation = one producer tells {@value #BATCH} events one by one, then waits for the
 * receipt of the last (receipts complete in mailbox order, so all of its events are applied and
 * acknowledged). The score is events per second summed over producer threads.
 *
 * <ul>
 *   <li>{@code sessionSteers}, {@code sessionSteers4} (1 and 4 producers): background steers while a
 *       model request is in flight — each waits for the step boundary (S1); the order of producers'
 *       events does not matter, so four producers run the same workload as one.
 *   <li>{@code sessionTurns} (1 producer): whole turns ({@link Workload.Turns}: prompt, steer, reply with two
 *       calls, two results, answer; fresh call ids every turn), including the dispatch of the model and tool
 *       effects.
 *   <li>{@code reducerSteers}, {@code reducerTurns}: the same events applied in a loop on one thread.
 *   <li>{@code queueHandoff}, {@code queueHandoff4}: producers offer {@value #BATCH} items to a bare
 *       queue drained by one spinning consumer thread, the last item a future the consumer completes.
 * </ul>
 *
 * Target: session ≥ 0.5 × the reducer loop, for 1 and 4 producers. State is reset every iteration.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class ActorBenchmark {
  static final int BATCH = 1008; // a multiple of the six events of a turn cycle

  /** The session (and the handoff queue) shared by all producer threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    ExecutorService drain;
    SessionState inFlight;
    SessionState idle;
    Session steers;
    Session turns;

    @Setup(Level.Trial)
    public void trial() {
      drain = Sessions.singleThread("bench-drain");
      inFlight = Workload.lockstepHistory(100);
      idle = Workload.idleHistory(100);
      // The workloads must be legal: no event of a cycle is rejected.
      Workload.Turns check = new Workload.Turns();
      SessionState st = idle;
      for (int i = 0; i < 18; i++) {
        st = Workload.applyChecked(st, check.next());
      }
      Workload.applyChecked(inFlight, Workload.WAITING_STEER, Workload.WAITING_STEER);
    }

    @Setup(Level.Iteration)
    public void iteration() {
      steers = Sessions.quiet("steers", inFlight).executor(drain).start();
      turns = Sessions.quiet("turns", idle).executor(drain).start();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
      Sessions.closeQuietly(steers);
      Sessions.closeQuietly(turns);
    }

    @TearDown(Level.Trial)
    public void endTrial() {
      drain.shutdownNow();
    }
  }

  /** The bare queue and its spinning consumer; only the handoff benchmarks start it. */
  @State(Scope.Benchmark)
  public static class Handoff {
    final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    volatile boolean running;
    Thread consumer;

    @Setup(Level.Trial)
    public void trial() {
      running = true;
      consumer = new Thread(() -> {
        while (running) {
          Object o = queue.poll();
          if (o == null) {
            Thread.onSpinWait();
          } else if (o instanceof CompletableFuture<?> f) {
            ((CompletableFuture<Object>) f).complete(o);
          }
        }
      }, "bench-queue-consumer");
      consumer.setDaemon(true);
      consumer.start();
    }

    @TearDown(Level.Trial)
    public void endTrial() throws InterruptedException {
      running = false;
      consumer.join();
    }
  }

  /** One thread's reducer state for the plain loop and its turn source, reset every iteration. */
  @State(Scope.Thread)
  public static class Loop {
    SessionState steers;
    SessionState turns;
    Workload.Turns source;

    @Setup(Level.Iteration)
    public void iteration(Shared shared) {
      steers = shared.inFlight;
      turns = shared.idle;
      source = new Workload.Turns();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Receipt sessionSteers(Shared s) {
    return tellSteers(s.steers);
  }

  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(BATCH)
  public Receipt sessionSteers4(Shared s) {
    return tellSteers(s.steers);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Receipt sessionTurns(Shared s, Loop l) {
    CompletableFuture<Receipt> last = null;
    for (int i = 0; i < BATCH; i++) {
      last = s.turns.tell(l.source.next());
    }
    return last.join();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public SessionState reducerSteers(Loop l) {
    SessionState st = l.steers;
    for (int i = 0; i < BATCH; i++) {
      st = Reducer.decide(st, Workload.WAITING_STEER).state();
    }
    l.steers = st;
    return st;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public SessionState reducerTurns(Loop l) {
    SessionState st = l.turns;
    for (int i = 0; i < BATCH; i++) {
      st = Reducer.decide(st, l.source.next()).state();
    }
    l.turns = st;
    return st;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object queueHandoff(Handoff s) {
    return handoff(s);
  }

  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(BATCH)
  public Object queueHandoff4(Handoff s) {
    return handoff(s);
  }

  private static Receipt tellSteers(Session session) {
    CompletableFuture<Receipt> last = null;
    for (int i = 0; i < BATCH; i++) {
      last = session.tell(Workload.WAITING_STEER);
    }
    return last.join();
  }

  private static final Object TOKEN = new Object();

  private static Object handoff(Handoff s) {
    for (int i = 0; i < BATCH - 1; i++) {
      s.queue.offer(TOKEN);
    }
    CompletableFuture<Object> done = new CompletableFuture<>();
    s.queue.offer(done);
    return done.join();
  }

}
