package dev.lockstep.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.SessionState;
import dev.lockstep.runtime.Session;
import dev.lockstep.stress.Fixture.View;
import dev.lockstep.stress.naive.NaiveLoop;
import io.vavr.control.Option;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * <b>Interrupt vs tool completion (rules P2, P3, S2): the user presses Esc as the tool finishes.</b>
 *
 * <p>A tool has started. The user interrupts at the moment it completes. A naive loop writes its
 * "[interrupted by user]" message and stops waiting; the tool's result still gets appended when it
 * arrives — after the user message, as an orphan that no provider accepts. Lockstep makes the
 * interrupt a state transition: if the result came first the step is sealed {@code COMPLETED}; if the
 * interrupt came first the open slot is sealed {@code UNKNOWN} (it had started) and the real result
 * that arrives later is kept as a late-result note for the next step boundary — never an orphan, never
 * lost.
 *
 * <pre>
 * java -jar stress-tests/target/jcstress.jar -t Interrupt_01 -m quick -sc false -jvmArgs --enable-native-access=ALL-UNNAMED -iters 5 -time 200
 *
 * (2 cores, JDK 25, the default build's run of 2026-11-24; samples across the run)
 *
 * [OK] Actual
 *                                                             RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 *              VALID, completed, history=U-C-R, waiting=none, lost=0  425,232   79.61%  Acceptable  result first: the step sealed COMPLETED, then the interru...
 * VALID, sealed-unknown-late-note, history=U-C-Ru, waiting=N, lost=0  108,888   20.39%  Acceptable  interrupt first: the slot sealed UNKNOWN; the real result...
 *
 * [FAILED] Naive
 *                                                                 RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 * INVALID, result-after-interrupt, history=U-C-I-R, waiting=none, lost=0  495,506   70.80%   Forbidden  the result landed after the interrupt as an orphan (the b...
 *           INVALID, result-missing, history=U-C-I, waiting=none, lost=1       57   &lt;0.01%   Forbidden  anything else: a lost result, a dangling call, an invalid...
 *                  VALID, completed, history=U-C-R, waiting=none, lost=0       51   &lt;0.01%   Forbidden  anything else: a lost result, a dangling call, an invalid...
 *                VALID, completed, history=U-C-R-I, waiting=none, lost=0  204,239   29.18%  Acceptable  result first: it happens to precede the interrupt message
 * </pre>
 *
 * Outcome: validity, what happened to the result, the history and the waiting input as tokens
 * ({@code Ru} sealed UNKNOWN, {@code N} late-result note, {@code I} the naive interrupt message; see
 * {@link View}), lost events.
 */
public class Interrupt_01_InterruptVsToolCompletion {
  static final SessionState TOOL_RUNNING = Fixture.fold(new Event.UserPrompt("run the migration"),
      Fixture.calls("t1"), new Event.ToolStarted(new CallRef.Raw("t1")));

  static String outcome(View v) {
    int r = v.at("R");
    int i = v.at("I");
    String what = r >= 0 && (i < 0 || r < i) ? "completed"
        : r >= 0 ? "result-after-interrupt"
        : v.at("Ru") >= 0 && v.waiting().contains("N") ? "sealed-unknown-late-note"
        : "result-missing";
    int lost = Math.max(0, 1 - v.count("R") - v.count("N"));
    return v.validity() + ", " + what + ", history=" + v.historyText() + ", waiting=" + v.waitingText() + ", lost=" + lost;
  }

  @JCStressTest
  @Outcome(id = "VALID, completed, history=U-C-R, waiting=none, lost=0", expect = ACCEPTABLE,
      desc = "result first: the step sealed COMPLETED, then the interrupt ended the turn")
  @Outcome(id = "VALID, sealed-unknown-late-note, history=U-C-Ru, waiting=N, lost=0", expect = ACCEPTABLE,
      desc = "interrupt first: the slot sealed UNKNOWN; the real result waits as a late-result note (P3)")
  @Outcome(id = "INVALID, result-after-interrupt, .*", expect = FORBIDDEN,
      desc = "the result landed after the interrupt as an orphan")
  @Outcome(expect = FORBIDDEN, desc = "anything else: a lost result, a dangling call, an invalid history")
  @State
  public static class Actual {
    final Session session = Fixture.session(TOOL_RUNNING);

    @Actor
    public void tool() {
      session.tell(new Event.ToolResult(new CallRef.Raw("t1"), "migrated 3 tables", false));
    }

    @Actor
    public void user() {
      session.tell(new Event.Interrupt(Option.none()));
    }

    @Arbiter
    public void arbiter(L_Result r) {
      r.r1 = outcome(View.of(session.snapshot()));
    }
  }

  @JCStressTest
  @Outcome(id = "VALID, completed, history=U-C-R-I, waiting=none, lost=0", expect = ACCEPTABLE,
      desc = "result first: it happens to precede the interrupt message")
  @Outcome(id = "INVALID, result-after-interrupt, .*", expect = FORBIDDEN,
      desc = "the result landed after the interrupt as an orphan (the bug this control must show)")
  @Outcome(expect = FORBIDDEN, desc = "anything else: a lost result, a dangling call, an invalid history")
  @State
  public static class Naive {
    final NaiveLoop loop = new NaiveLoop();

    {
      loop.prompt("run the migration");
      loop.calls("t1");
    }

    @Actor
    public void tool() {
      loop.toolResult("t1", "migrated 3 tables");
    }

    @Actor
    public void user() {
      loop.interrupt();
    }

    @Arbiter
    public void arbiter(L_Result r) {
      r.r1 = outcome(loop.view());
    }
  }
}
