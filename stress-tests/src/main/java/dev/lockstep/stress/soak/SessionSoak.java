package dev.lockstep.stress.soak;

import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.Dialects;
import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Decision;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Invariants;
import dev.lockstep.machine.RawCall;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import dev.lockstep.model.Origin;
import dev.lockstep.runtime.Durability;
import dev.lockstep.runtime.Receipt;
import dev.lockstep.runtime.Session;
import dev.lockstep.stress.Fixture;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chaos soak for the session actor: many sessions at once, several producer threads per session, each
 * firing random events of every kind (tool results and starts for a small pool of ids — so duplicates,
 * unknown ids and late results happen — steers, prompts, model replies with and without calls, stale
 * replies and errors, interrupts, compactions and their completions, switches, blocked requests) for a
 * set time. Nothing plays a scripted role: the producers are the model, the tools, the summarizer
 * and the user at once, so every interleaving of every event kind is fair game.
 *
 * <p>After every run, for every session:
 * <ol>
 *   <li>every {@code tell} got its receipt (no event lost in the mailbox, no lost wake-up);
 *   <li>the sequence numbers are exactly {@code 0..n-1} (nothing applied twice or skipped), and each
 *       producer's events were applied in the order it told them;
 *   <li>the state after every event satisfies {@link Invariants#check};
 *   <li>the published state equals the pure fold of the reducer over the events in sequence order, and
 *       every receipt's decision equals the fold's decision at that point (determinism, D3);
 *   <li>the committed transcript passes the dialect's independent validator (V2).
 * </ol>
 * Each violation is counted and described; a clean run reports {@code violations=0}.
 *
 * <p>Drain executors rotate between a same-thread executor, a virtual thread per drain and a shared
 * pool of two platform threads, so both "a producer drains" and "a pool drains" are exercised.
 *
 * <pre>
 * java -cp stress-tests/target/jcstress.jar dev.lockstep.stress.soak.SessionSoak [seconds] [sessions] [producers]
 * </pre>
 */
public final class SessionSoak {
  private static final String[] IDS = {"r0", "r1", "r2", "Read:7"};

  /** Counts of one soak. */
  public record Report(long seconds, long rounds, long sessions, long events, long rejected, long violations,
      List<String> examples) {
    @Override
    public String toString() {
      return "soak " + seconds + " s: " + rounds + " rounds, " + sessions + " sessions, " + events + " events ("
          + rejected + " rejected by the reducer), violations=" + violations
          + (examples.isEmpty() ? "" : "\n  first violations: " + String.join("\n  ", examples));
    }
  }

  private SessionSoak() {}

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
    int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int producers = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Report r = run(Duration.ofSeconds(seconds), sessions, producers, 64);
    System.out.println(r);
    System.exit(r.violations() == 0 ? 0 : 1);
  }

  /**
   * Runs rounds of {@code sessions} sessions × {@code producers} threads × {@code eventsPerProducer}
   * events until {@code length} has passed; checks every session after every round.
   */
  public static Report run(Duration length, int sessions, int producers, int eventsPerProducer) throws Exception {
    return run(length, sessions, producers, eventsPerProducer, false);
  }

  /**
   * As {@link #run(Duration, int, int, int)}; with {@code doubleDrain} every drain task is started
   * twice on two threads — a broken executor that violates the actor's one-consumer-at-a-time
   * contract. That is the soak's negative control: its checks must report violations then.
   */
  public static Report run(Duration length, int sessions, int producers, int eventsPerProducer, boolean doubleDrain)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("soak-drain-", 0).factory());
    AtomicLong rounds = new AtomicLong();
    AtomicLong started = new AtomicLong();
    AtomicLong events = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    long begin = System.nanoTime();
    long deadline = begin + length.toNanos();
    SplittableRandom seeds = new SplittableRandom(42);
    try {
      do {
        List<Thread> drivers = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
          long seed = seeds.nextLong();
          Executor drain = doubleDrain
              ? task -> {
                  Thread.ofVirtual().start(task);
                  Thread.ofVirtual().start(task);
                }
              : switch (i % 3) {
                  case 0 -> Runnable::run;
                  case 1 -> task -> Thread.ofVirtual().start(task);
                  default -> pool;
                };
          String id = "soak-" + rounds.get() + "-" + i;
          drivers.add(Thread.ofPlatform().name("driver-" + id).start(() -> {
            try {
              soakOne(id, drain, producers, eventsPerProducer, seed, events, rejected, violations);
            } catch (Throwable t) {
              violations.add(id + ": " + t);
            }
          }));
          started.incrementAndGet();
        }
        for (Thread t : drivers) {
          t.join();
        }
        rounds.incrementAndGet();
      } while (System.nanoTime() < deadline);
    } finally {
      pool.shutdown();
    }
    List<String> examples = violations.stream().limit(5).toList();
    return new Report(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin), rounds.get(), started.get(),
        events.get(), rejected.get(), violations.size(), examples);
  }

  private record Told(int producer, int index, Event event, CompletableFuture<Receipt> receipt) {}

  private static void soakOne(String id, Executor drain, int producers, int count, long seed, AtomicLong events,
      AtomicLong rejected, ConcurrentLinkedQueue<String> violations) throws Exception {
    SessionState initial = Fixture.fold();
    Session session = Session.builder().id(id).target(Fixture.TARGET).executor(drain)
        .effectExecutor(task -> {}).toolExecutor(task -> {}).durability(Durability.none())
        .modelClient(request -> new CompletableFuture<>()).start();
    ConcurrentLinkedQueue<Told> told = new ConcurrentLinkedQueue<>();
    SplittableRandom root = new SplittableRandom(seed);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int producer = p;
      SplittableRandom rnd = root.split();
      threads.add(Thread.ofPlatform().name(id + "-p" + p).start(() -> {
        for (int k = 0; k < count; k++) {
          Event e = randomEvent(rnd, producer, k);
          told.add(new Told(producer, k, e, session.tell(e)));
          if (rnd.nextInt(8) == 0) {
            Thread.yield();
          }
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    List<Receipt> receipts = new ArrayList<>();
    // One deadline for all receipts: a broken drain can strand thousands, and waiting 10 s for each
    // would stall the soak for hours (the double-drain control strands them in the intrusive mailbox).
    long receiptDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (Told t : told) {
      try {
        receipts.add(t.receipt().get(Math.max(0, receiptDeadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (Exception e) {
        violations.add(id + ": the receipt of producer " + t.producer() + "'s event " + t.index() + " never completed: " + e);
      }
    }
    events.addAndGet(told.size());
    // Per-producer order: a producer's events were applied in the order it told them.
    for (int p = 0; p < producers; p++) {
      int pp = p;
      long last = -1;
      for (Told t : told.stream().filter(x -> x.producer() == pp).sorted(Comparator.comparingInt(Told::index)).toList()) {
        if (t.receipt().isDone() && !t.receipt().isCompletedExceptionally()) {
          long seq = t.receipt().join().sequence();
          if (seq <= last) {
            violations.add(id + ": producer " + pp + " event " + t.index() + " applied out of order (" + seq + " after " + last + ")");
          }
          last = seq;
        }
      }
    }
    receipts.sort(Comparator.comparingLong(Receipt::sequence));
    SessionState folded = initial;
    for (int i = 0; i < receipts.size(); i++) {
      Receipt r = receipts.get(i);
      if (r.sequence() != i) {
        violations.add(id + ": sequence numbers are not 0..n-1: position " + i + " holds " + r.sequence());
        break;
      }
      Decision expected = Reducer.decide(folded, r.event());
      if (!expected.equals(r.decision())) {
        violations.add(id + ": event " + i + " (" + r.event().getClass().getSimpleName() + ") decided differently from the pure fold");
        break;
      }
      folded = expected.state();
      if (r.rejected()) {
        rejected.incrementAndGet();
      }
      var broken = Invariants.check(folded);
      if (!broken.isEmpty()) {
        violations.add(id + ": after event " + i + ": " + broken);
        break;
      }
    }
    SessionState published = session.snapshot();
    if (!published.equals(folded)) {
      violations.add(id + ": the published state differs from the fold of its " + receipts.size() + " events");
    }
    if (!published.transcript().isEmpty()) {
      var d = Dialects.forName(published.target().dialect());
      var bad = d.validator().validate(d.turnRequest(published.transcript(), DialectOptions.defaults(), published.target()),
          DialectOptions.defaults());
      if (!bad.isEmpty()) {
        violations.add(id + ": the final transcript fails the " + d.name() + " validator: " + bad);
      }
    }
    session.closeAsync();
  }

  /** One random event; ids come from a small pool so that duplicates, late and unknown results happen. */
  static Event randomEvent(SplittableRandom r, int producer, int k) {
    String id = IDS[r.nextInt(IDS.length)];
    int dice = r.nextInt(100);
    if (dice < 20) {
      return new Event.ToolResult(new CallRef.Raw(id), "out " + producer + "/" + k, r.nextInt(6) == 0);
    } else if (dice < 27) {
      return new Event.ToolStarted(new CallRef.Raw(id));
    } else if (dice < 40) {
      return new Event.Steer("steer " + producer + "/" + k, r.nextBoolean() ? Origin.USER : Origin.BACKGROUND);
    } else if (dice < 48) {
      return new Event.UserPrompt("prompt " + producer + "/" + k);
    } else if (dice < 63) {
      Option<Long> request = r.nextInt(5) == 0 ? Option.some((long) r.nextInt(6)) : Option.none();
      if (r.nextInt(3) == 0) {
        return new Event.ModelReply(r.nextInt(8) == 0 ? "" : "answer " + producer + "/" + k, Option.none(),
            Option.none(), Vector.empty(), Option.none(), request);
      }
      Vector<RawCall> calls = Vector.empty();
      for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
        String args = r.nextInt(10) == 0 ? "{broken" : "{\"k\":" + k + "}";
        calls = calls.append(new RawCall(IDS[r.nextInt(IDS.length)], "read", args));
      }
      return new Event.ModelReply("", Option.none(), Option.none(), calls, Option.none(), request);
    } else if (dice < 68) {
      return new Event.ModelError(500, "boom", r.nextInt(4) == 0 ? Option.some((long) r.nextInt(6)) : Option.none());
    } else if (dice < 74) {
      return new Event.Interrupt(Option.none());
    } else if (dice < 81) {
      return new Event.Compact();
    } else if (dice < 88) {
      return new Event.CompactionDone(r.nextInt(10) == 0 ? " " : "summary " + producer + "/" + k);
    } else if (dice < 92) {
      return new Event.CompactionFailed(Option.none());
    } else if (dice < 95) {
      return new Event.Switch(Option.none(), Option.some("model-" + r.nextInt(3)));
    } else {
      return new Event.RequestBlocked(r.nextInt(8), "blocked for the soak");
    }
  }
}
