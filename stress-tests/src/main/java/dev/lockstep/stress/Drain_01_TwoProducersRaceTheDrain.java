package dev.lockstep.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.SessionState;
import dev.lockstep.runtime.Receipt;
import dev.lockstep.runtime.Session;
import dev.lockstep.stress.Fixture.View;
import dev.lockstep.stress.naive.NaiveLoop;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * <b>Two producers racing the drain scheduling (DESIGN "Session actor"): no lost wake-up, every event
 * is processed exactly once.</b>
 *
 * <p>The session is idle. Two threads tell an event at the same moment. On a same-thread executor the
 * producer that wins the drain flag drains on its own thread; the other only enqueues. The dangerous
 * window is the drain's exit: an event enqueued after the drain's last look but before it goes idle
 * must still be processed. A naive mailbox drained under a plain "draining" flag, reset without a
 * second look, strands that event (and two producers can both think they won and drain at once,
 * losing an append). Lockstep's drain leaves only through a CAS {@code PROCESSING_TO_IDLE -> IDLE}
 * and loops when a producer moved it to {@code PROCESSING_TO_REQUIRED}.
 *
 * <pre>
 * java -jar stress-tests/target/jcstress.jar -t Drain_01 -m quick -sc false -jvmArgs --enable-native-access=ALL-UNNAMED -iters 5 -time 200
 *
 * (2 cores, JDK 25, the default build's run of 2026-11-24; samples across the run)
 *
 * [OK] Actual
 *                     RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 * VALID, processed=2, lost=0  817,171  100.00%  Acceptable  both events applied, sequence numbers 0 and 1, both promp...
 *
 * [FAILED] Naive
 *                                 RESULT    SAMPLES     FREQ      EXPECT  DESCRIPTION
 *           INVALID, processed=1, lost=1         32   &lt;0.01%   Forbidden  a message was stranded or overwritten (the bug this contr...
 *             VALID, processed=1, lost=1        523    0.03%   Forbidden  a message was stranded or overwritten (the bug this contr...
 * VALID, processed=1, lost=1, stranded=1     51,123    2.47%   Forbidden  a message was stranded or overwritten (the bug this contr...
 *             VALID, processed=2, lost=0  2,014,683   97.50%  Acceptable  both messages drained
 * </pre>
 *
 * Outcome: validity, how many of the two events were processed (Lockstep: receipts completed with
 * sequence numbers 0 and 1 and both prompts in the state; naive: messages in the list) and how many
 * were lost.
 */
public class Drain_01_TwoProducersRaceTheDrain {
  static final SessionState IDLE = Fixture.fold();

  static String outcome(boolean valid, int processed, String extra) {
    return (valid ? "VALID" : "INVALID") + ", processed=" + processed + ", lost=" + (2 - processed) + extra;
  }

  @JCStressTest
  @Outcome(id = "VALID, processed=2, lost=0", expect = ACCEPTABLE,
      desc = "both events applied, sequence numbers 0 and 1, both prompts in the state")
  @Outcome(id = ".*, processed=1, lost=1.*", expect = FORBIDDEN, desc = "an event was stranded in the mailbox")
  @Outcome(expect = FORBIDDEN, desc = "anything else: duplicate or missing sequence numbers, a broken state")
  @State
  public static class Actual {
    final Session session = Fixture.session(IDLE);
    CompletableFuture<Receipt> first;
    CompletableFuture<Receipt> second;

    @Actor
    public void producer1() {
      first = session.tell(new Event.UserPrompt("from producer 1"));
    }

    @Actor
    public void producer2() {
      second = session.tell(new Event.UserPrompt("from producer 2"));
    }

    @Arbiter
    public void arbiter(L_Result r) {
      View v = View.of(session.snapshot());
      int processed = (first.isDone() ? 1 : 0) + (second.isDone() ? 1 : 0);
      String seq = "";
      if (processed == 2) {
        long a = first.join().sequence();
        long b = second.join().sequence();
        if (Math.min(a, b) != 0 || Math.max(a, b) != 1) {
          seq = ", sequences=" + a + "-" + b;
        }
      }
      int inState = v.count("U") + v.count("P");
      if (inState != processed) {
        seq += ", in-state=" + inState;
      }
      r.r1 = outcome(v.valid(), processed, seq);
    }
  }

  @JCStressTest
  @Outcome(id = "VALID, processed=2, lost=0", expect = ACCEPTABLE, desc = "both messages drained")
  @Outcome(id = ".*, processed=1, lost=1.*", expect = FORBIDDEN,
      desc = "a message was stranded or overwritten (the bug this control must show)")
  @Outcome(expect = FORBIDDEN, desc = "anything else")
  @State
  public static class Naive {
    final NaiveLoop loop = new NaiveLoop();

    @Actor
    public void producer1() {
      loop.tell(NaiveLoop.userMessage("from producer 1"));
    }

    @Actor
    public void producer2() {
      loop.tell(NaiveLoop.userMessage("from producer 2"));
    }

    @Arbiter
    public void arbiter(L_Result r) {
      View v = loop.view();
      int processed = v.count("U");
      r.r1 = outcome(v.valid(), processed, loop.stranded() > 0 ? ", stranded=" + loop.stranded() : "");
    }
  }
}
