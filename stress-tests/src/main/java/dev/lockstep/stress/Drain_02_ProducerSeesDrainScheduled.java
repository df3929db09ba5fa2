package dev.lockstep.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.SessionState;
import dev.lockstep.runtime.Receipt;
import dev.lockstep.runtime.Session;
import dev.lockstep.stress.Fixture.View;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * <b>A producer that finds a drain already scheduled (status {@code REQUIRED}) and does nothing
 * more: its event must still be applied (DESIGN "Session actor"; no lost wake-up).</b>
 *
 * <p>The drain executor parks the drain task; each actor, after its {@code tell}, runs the task if it
 * is still parked. So one actor wins the drain flag and may run the drain while the other is in the
 * middle of its {@code tell}: it links its envelope into the mailbox, reads {@code REQUIRED}, and
 * returns without scheduling anything. That producer relies on the running drain seeing its link. Its
 * link is a volatile store, so its later read of the status cannot overtake it (store-load order); with
 * a release store the drain could miss the link, read {@code PROCESSING_TO_IDLE} and go idle — the
 * lost wake-up that the actor benchmark once hit. Unlike {@code Drain_01}, the executor here lets a
 * producer observe {@code REQUIRED}, which a same-thread executor almost never does.
 *
 * <pre>
 * java -jar stress-tests/target/jcstress.jar -t Drain_02 -m quick -sc false -jvmArgs --enable-native-access=ALL-UNNAMED -iters 5 -time 200
 *
 * (2 cores, JDK 25, 2026-11-24)
 * as built:                    VALID, processed=2  776,211 samples, 0 forbidden
 * link as a release store:     VALID, processed=0      162 of 1,062,931 samples: FORBIDDEN (both events
 *                              stranded: the second producer's link to the first envelope was not yet
 *                              visible when the drain looked and went idle)
 * </pre>
 *
 * No {@code Naive} twin: the negative control is that mutant of {@code Session} itself, run by hand.
 */
public class Drain_02_ProducerSeesDrainScheduled {
  static final SessionState IDLE = Fixture.fold();

  @JCStressTest
  @Outcome(id = "VALID, processed=2", expect = ACCEPTABLE, desc = "both events applied, sequence numbers 0 and 1")
  @Outcome(id = ".*, processed=[01].*", expect = FORBIDDEN, desc = "an event was stranded: its receipt never completed")
  @Outcome(expect = FORBIDDEN, desc = "anything else: duplicate or missing sequence numbers, a broken state")
  @State
  public static class Actual {
    final AtomicReference<Runnable> parked = new AtomicReference<>();
    final Session session = Fixture.session(IDLE, parked::set);
    CompletableFuture<Receipt> first;
    CompletableFuture<Receipt> second;

    private void runParkedDrain() {
      Runnable drain = parked.getAndSet(null);
      if (drain != null) {
        drain.run();
      }
    }

    @Actor
    public void producer1() {
      first = session.tell(new Event.UserPrompt("from producer 1"));
      runParkedDrain();
    }

    @Actor
    public void producer2() {
      second = session.tell(new Event.UserPrompt("from producer 2"));
      runParkedDrain();
    }

    @Arbiter
    public void arbiter(L_Result r) {
      // Both actors have returned, so every drain that was scheduled has run to its end.
      View v = View.of(session.snapshot());
      int processed = (first.isDone() ? 1 : 0) + (second.isDone() ? 1 : 0);
      String extra = "";
      if (processed == 2) {
        long a = first.join().sequence();
        long b = second.join().sequence();
        if (Math.min(a, b) != 0 || Math.max(a, b) != 1) {
          extra = ", sequences=" + a + "-" + b;
        }
      }
      int inState = v.count("U") + v.count("P");
      if (inState != processed) {
        extra += ", in-state=" + inState;
      }
      r.r1 = (v.valid() ? "VALID" : "INVALID") + ", processed=" + processed + extra;
    }
  }
}
