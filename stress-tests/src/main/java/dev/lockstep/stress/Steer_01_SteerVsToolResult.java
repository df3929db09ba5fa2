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
 * <b>The Read:158 race (rule S1): a steer arrives while a tool call is open.</b>
 *
 * <p>The model asked for {@code Read:158}; the tool is running. At the same moment the tool finishes
 * and the user types a steer. A naive loop appends the steer the moment it arrives, so if it beats the
 * result the history reads assistant(tool_calls) → user → tool, which every provider rejects ("An
 * assistant message with 'tool_calls' must be followed by tool messages…") and the session is bricked.
 * Lockstep defers the steer to the step boundary: it enters right after the result (steer first) or
 * waits for the next boundary (result first, the next request is already out).
 *
 * <pre>
 * java -jar stress-tests/target/jcstress.jar -t Steer_01 -m quick -sc false -jvmArgs --enable-native-access=ALL-UNNAMED -iters 5 -time 200
 *
 * (2 cores, JDK 25, the default build's run of 2026-11-24; samples across the run)
 *
 * [OK] Actual
 *                                             RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 * VALID, steer-after-result, history=U-C-R-S, lost=0  302,060   68.96%  Acceptable  steer first: it waited for the step to seal and entered r...
 *        VALID, steer-waiting, history=U-C-R, lost=0  135,931   31.04%  Acceptable  result first: the step sealed, the next request went out,...
 *
 * [FAILED] Naive
 *                                                          RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 * INVALID, steer-between-call-and-result, history=U-C-S-R, lost=0  758,531   75.15%   Forbidden  the Read:158 race: the steer split the call from its resu...
 *            INVALID, steer-without-result, history=U-C-S, lost=1       57   &lt;0.01%   Forbidden  anything else: a lost or duplicated message, an invalid h...
 *              VALID, steer-after-result, history=U-C-R-S, lost=0  250,588   24.83%  Acceptable  result first: the steer happens to land after it
 *                        VALID, steer-lost, history=U-C-R, lost=1      147    0.01%   Forbidden  anything else: a lost or duplicated message, an invalid h...
 * </pre>
 *
 * Outcome: validity of the committed history (provider validator and invariants), where the steer
 * landed, the history as tokens (U prompt, C assistant with calls, R result, S steer; see {@link View}),
 * and how many events were lost.
 */
public class Steer_01_SteerVsToolResult {
  static final String STEER = "also check the tests";
  static final SessionState OPEN_STEP = Fixture.fold(new Event.UserPrompt("fix the bug"), Fixture.calls("Read:158"));

  static String outcome(View v) {
    int s = v.at("S");
    int r = v.at("R");
    String where = s < 0 ? (v.waiting().contains("S") ? "steer-waiting" : "steer-lost")
        : r < 0 ? "steer-without-result"
        : s < r ? "steer-between-call-and-result" : "steer-after-result";
    int lost = Math.max(0, 1 - v.count("S")) + Math.max(0, 1 - v.countResults());
    return v.validity() + ", " + where + ", history=" + v.historyText() + ", lost=" + lost;
  }

  @JCStressTest
  @Outcome(id = "VALID, steer-after-result, history=U-C-R-S, lost=0", expect = ACCEPTABLE,
      desc = "steer first: it waited for the step to seal and entered right after the result")
  @Outcome(id = "VALID, steer-waiting, history=U-C-R, lost=0", expect = ACCEPTABLE,
      desc = "result first: the step sealed, the next request went out, the steer waits for its boundary")
  @Outcome(id = "INVALID, steer-between-call-and-result, .*", expect = FORBIDDEN,
      desc = "the Read:158 race: the steer split the call from its result")
  @Outcome(expect = FORBIDDEN, desc = "anything else: a lost or duplicated event, an invalid history")
  @State
  public static class Actual {
    final Session session = Fixture.session(OPEN_STEP);

    @Actor
    public void tool() {
      session.tell(new Event.ToolResult(new CallRef.Raw("Read:158"), "158 lines", false));
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
  @Outcome(id = "VALID, steer-after-result, history=U-C-R-S, lost=0", expect = ACCEPTABLE,
      desc = "result first: the steer happens to land after it")
  @Outcome(id = "INVALID, steer-between-call-and-result, .*", expect = FORBIDDEN,
      desc = "the Read:158 race: the steer split the call from its result (the bug this control must show)")
  @Outcome(expect = FORBIDDEN, desc = "anything else: a lost or duplicated message, an invalid history")
  @State
  public static class Naive {
    final NaiveLoop loop = new NaiveLoop();

    {
      loop.prompt("fix the bug");
      loop.calls("Read:158");
    }

    @Actor
    public void tool() {
      loop.toolResult("Read:158", "158 lines");
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
