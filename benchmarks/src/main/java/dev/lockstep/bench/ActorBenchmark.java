package dev.lockstep.bench;

import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import dev.lockstep.runtime.Receipt;
import dev.lockstep.runtime.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * receipt of the last event of its previous operation (receipts complete in mailbox order, so all of
 * that operation's events are applied and acknowledged). At most two operations per producer are in
 * flight, and the drain does not run dry while the producer waits: a first version waited for its own
 * last receipt, so every operation paid a park/unpark round trip of the producer (tens of µs on this
 * VM) that the reducer loop never pays, which made the benchmark measure wake-up latency. The score is
 * events per second summed over producer threads.
 *
 * <ul>
 *   <li>{@code sessionSteers}, {@code sessionSteers4} (1 and 4 producers): background steers while a
 *       model request is in flight — each waits for the step boundary (S1); the order of producers'
 *       events does not matter, so four producers run the same workload as one.
 *   <li>{@code sessionTurns} (1 producer): whole turns ({@link Workload.Turns}: prompt, steer, reply with two
 *       calls, two results, answer; fresh call ids every turn), including the dispatch of the model and tool
 *       effects.
 *   <li>{@code sessionSteersBatched}, {@code sessionSteersBatched4} (1 and 4 producers): the same
 *       steers told {@value #TELL_ALL} at a time with {@link Session#tellAll} (one mailbox envelope,
 *       one receipt future per {@value #TELL_ALL} events), as a parallel tool fan-out's results would be.
 *       Reported beside the judged per-event numbers, not instead of them.
 *   <li>{@code reducerSteers}, {@code reducerTurns}: the same events applied in a loop on one thread.
 *   <li>{@code queueHandoff}, {@code queueHandoff4}: producers offer {@value #BATCH} items to a bare
 *       queue drained by one spinning consumer thread, the last item a future the consumer completes
 *       (waited for one operation later, like the session's receipts).
 * </ul>
 *
 * Target: session ≥ 0.5 × the reducer loop, for 1 and 4 producers.
 *
 * <p>State is reset every {@value #RESTART_EVENTS} events (a fresh session, or the reducer loop back
 * to its start state; the producer that crosses the mark makes the switch, inside the measurement), so
 * a session's history grows from 10^2 to at most about 2.6 × 10^5 events. Without the reset every
 * queued steer of a whole iteration stays live, and the garbage collector copying millions of live
 * objects dominated and scattered the results (the faster side paid more for it).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class ActorBenchmark {
  static final int BATCH = 1008; // a multiple of the six events of a turn cycle
  static final int RESTART_EVENTS = BATCH * 16;
  static final int TELL_ALL = 16;
  static final io.vavr.collection.Vector<dev.lockstep.machine.Event> STEERS =
      io.vavr.collection.Vector.fill(TELL_ALL, () -> Workload.WAITING_STEER);

  /** The session (and the handoff queue) shared by all producer threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    ExecutorService drain;
    SessionState inFlight;
    SessionState idle;
    volatile Session steers;
    volatile Session turns;
    final AtomicLong steersTold = new AtomicLong();
    final AtomicLong turnsTold = new AtomicLong();

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
      steersTold.set(0);
      turnsTold.set(0);
    }

    /**
     * The steers session for the next {@value #BATCH} events. The producer whose batch crosses a
     * multiple of {@value #RESTART_EVENTS} swaps in a fresh one; the old one finishes its queued events
     * and is dropped (not closed: producers still in their batch keep telling it).
     */
    Session steersFor() {
      long told = steersTold.addAndGet(BATCH);
      if (told % RESTART_EVENTS < BATCH) {
        steers = Sessions.quiet("steers", inFlight).executor(drain).start();
      }
      return steers;
    }

    /** The turns session for the next batch (one producer; batches start at a turn boundary). */
    Session turnsFor() {
      long told = turnsTold.addAndGet(BATCH);
      if (told % RESTART_EVENTS < BATCH) {
        turns = Sessions.quiet("turns", idle).executor(drain).start();
      }
      return turns;
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
    long applied;
    SessionState inFlight;
    SessionState idle;

    @Setup(Level.Iteration)
    public void iteration(Shared shared) {
      inFlight = shared.inFlight;
      idle = shared.idle;
      steers = inFlight;
      turns = idle;
      source = new Workload.Turns();
      applied = 0;
    }

    /** Resets both loop states to their start every {@value #RESTART_EVENTS} events, like the sessions. */
    void count() {
      applied += BATCH;
      if (applied % RESTART_EVENTS < BATCH) {
        steers = inFlight;
        turns = idle;
      }
    }
  }

  /** One producer's last future of its previous operation (see the class comment). */
  @State(Scope.Thread)
  public static class Lag {
    CompletableFuture<?> previous;

    /** Waits for the previous operation and remembers {@code last} for the next one. */
    Object handOver(CompletableFuture<?> last) {
      Object done = previous == null ? null : previous.join();
      previous = last;
      return done;
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
      if (previous != null) {
        previous.join();
        previous = null;
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object sessionSteers(Shared s, Lag lag) {
    return lag.handOver(tellSteers(s.steersFor()));
  }

  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(BATCH)
  public Object sessionSteers4(Shared s, Lag lag) {
    return lag.handOver(tellSteers(s.steersFor()));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object sessionSteersBatched(Shared s, Lag lag) {
    return lag.handOver(tellSteersBatched(s.steersFor()));
  }

  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(BATCH)
  public Object sessionSteersBatched4(Shared s, Lag lag) {
    return lag.handOver(tellSteersBatched(s.steersFor()));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object sessionTurns(Shared s, Loop l, Lag lag) {
    Session session = s.turnsFor();
    CompletableFuture<Receipt> last = null;
    for (int i = 0; i < BATCH; i++) {
      last = session.tell(l.source.next());
    }
    return lag.handOver(last);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public SessionState reducerSteers(Loop l) {
    l.count();
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
    l.count();
    SessionState st = l.turns;
    for (int i = 0; i < BATCH; i++) {
      st = Reducer.decide(st, l.source.next()).state();
    }
    l.turns = st;
    return st;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object queueHandoff(Handoff s, Lag lag) {
    return lag.handOver(handoff(s));
  }

  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(BATCH)
  public Object queueHandoff4(Handoff s, Lag lag) {
    return lag.handOver(handoff(s));
  }

  private static CompletableFuture<Receipt> tellSteers(Session session) {
    CompletableFuture<Receipt> last = null;
    for (int i = 0; i < BATCH; i++) {
      last = session.tell(Workload.WAITING_STEER);
    }
    return last;
  }

  private static CompletableFuture<io.vavr.collection.Vector<Receipt>> tellSteersBatched(Session session) {
    CompletableFuture<io.vavr.collection.Vector<Receipt>> last = null;
    for (int i = 0; i < BATCH; i += TELL_ALL) {
      last = session.tellAll(STEERS);
    }
    return last;
  }

  private static final Object TOKEN = new Object();

  private static CompletableFuture<Object> handoff(Handoff s) {
    for (int i = 0; i < BATCH - 1; i++) {
      s.queue.offer(TOKEN);
    }
    CompletableFuture<Object> done = new CompletableFuture<>();
    s.queue.offer(done);
    return done;
  }

}
