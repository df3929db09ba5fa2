package dev.lockstep.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.SessionState;
import dev.lockstep.model.Origin;
import dev.lockstep.runtime.Session;
import dev.lockstep.stress.Fixture.View;
import dev.lockstep.stress.naive.NaiveLoop;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * <b>Two parallel tool results vs a steer (rules S1, P1): the steer races the result that seals the
 * step.</b>
 *
 * <p>The model asked for two tools in one reply ({@code a} and {@code b}). {@code a} has already
 * answered (the third party, set up beforehand); now {@code b} — the result that seals the step —
 * finishes while the user steers. In a naive loop the steer can land between the two results, leaving
 * {@code b}'s call unanswered at the point where the user message starts ("tool_call_ids did not have
 * response messages"). Lockstep keeps the whole step out of the transcript until it is sealed, so the
 * steer either enters right after both results or waits for the next boundary.
 *
 * <pre>
 * java -jar stress-tests/target/jcstress.jar -t Steer_02 -m quick -sc false -jvmArgs --enable-native-access=ALL-UNNAMED -iters 5 -time 200
 *
 * (2 cores, JDK 25, the default build's run of 2026-11-24; samples across the run)
 *
 * [OK] Actual
 *                                                RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 * VALID, steer-after-results, history=U-C-R-R-S, lost=0  368,282   79.63%  Acceptable  steer first: it waited for the sealing result and entered...
 *         VALID, steer-waiting, history=U-C-R-R, lost=0   94,217   20.37%  Acceptable  sealing result first: the next request went out, the stee...
 *
 * [FAILED] Naive
 *                                                    RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 *     INVALID, steer-after-results, history=U-C-R-S, lost=1       82    0.01%   Forbidden  anything else: a lost or duplicated message, an invalid h...
 * INVALID, steer-between-results, history=U-C-R-S-R, lost=0  545,041   78.55%   Forbidden  the steer split the step (the bug this control must show)
 *     VALID, steer-after-results, history=U-C-R-R-S, lost=0  148,642   21.42%  Acceptable  sealing result first: the steer happens to land after it
 *                VALID, steer-lost, history=U-C-R-R, lost=1       99    0.01%   Forbidden  anything else: a lost or duplicated message, an invalid h...
 * </pre>
 *
 * Outcome: validity, where the steer landed, the history as tokens (see {@link View}), lost events.
 */
public class Steer_02_SteerVsSealingResult {
  static final String STEER = "use the staging config";
  static final SessionState ONE_OF_TWO_ANSWERED = Fixture.fold(new Event.UserPrompt("compare a and b"),
      Fixture.calls("a", "b"), new Event.ToolResult(new CallRef.Raw("a"), "a says 1", false));

  static String outcome(View v) {
    int s = v.at("S");
    int last = v.history().lastIndexWhere(t -> t.startsWith("R"));
    String where = s < 0 ? (v.waiting().contains("S") ? "steer-waiting" : "steer-lost")
        : s < last ? "steer-between-results" : "steer-after-results";
    int lost = Math.max(0, 1 - v.count("S")) + Math.max(0, 2 - v.countResults());
    return v.validity() + ", " + where + ", history=" + v.historyText() + ", lost=" + lost;
  }

  @JCStressTest
  @Outcome(id = "VALID, steer-after-results, history=U-C-R-R-S, lost=0", expect = ACCEPTABLE,
      desc = "steer first: it waited for the sealing result and entered after both results")
  @Outcome(id = "VALID, steer-waiting, history=U-C-R-R, lost=0", expect = ACCEPTABLE,
      desc = "sealing result first: the next request went out, the steer waits for its boundary")
  @Outcome(id = "INVALID, steer-between-results, .*", expect = FORBIDDEN,
      desc = "the steer split the step: b's call has no result before the user message")
  @Outcome(expect = FORBIDDEN, desc = "anything else: a lost or duplicated event, an invalid history")
  @State
  public static class Actual {
    final Session session = Fixture.session(ONE_OF_TWO_ANSWERED);

    @Actor
    public void sealingResult() {
      session.tell(new Event.ToolResult(new CallRef.Raw("b"), "b says 2", false));
    }

    @Actor
    public void user() {
      session.tell(new Event.Steer(STEER, Origin.USER));
    }

    @Arbiter
    public void arbiter(L_Result r) {
      r.r1 = outcome(View.of(session.snapshot()));
    }
  }

  @JCStressTest
  @Outcome(id = "VALID, steer-after-results, history=U-C-R-R-S, lost=0", expect = ACCEPTABLE,
      desc = "sealing result first: the steer happens to land after it")
  @Outcome(id = "INVALID, steer-between-results, .*", expect = FORBIDDEN,
      desc = "the steer split the step (the bug this control must show)")
  @Outcome(expect = FORBIDDEN, desc = "anything else: a lost or duplicated message, an invalid history")
  @State
  public static class Naive {
    final NaiveLoop loop = new NaiveLoop();

    {
      loop.prompt("compare a and b");
      loop.calls("a", "b");
      loop.toolResult("a", "a says 1");
    }

    @Actor
    public void sealingResult() {
      loop.toolResult("b", "b says 2");
    }

    @Actor
    public void user() {
      loop.steer(STEER);
    }

    @Arbiter
    public void arbiter(L_Result r) {
      r.r1 = outcome(loop.view());
    }
  }
}
