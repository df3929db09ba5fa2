package dev.lockstep.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.SessionState;
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
 * <b>Compaction completion vs tool result (rules C1, C2, P1): the summary comes back while a step
 * seals.</b>
 *
 * <p>A compaction was requested when the history was one prompt long; since then the model asked for a
 * tool. Now the summarizer answers at the moment the tool finishes. A naive loop rewrites its list in
 * place (copy the tail, build the summary, clear, add back): a result appended in between is lost
 * (leaving a dangling call) or lands in front of the summary (an orphan). Lockstep applies both as
 * events of one actor: only the summarized prefix is replaced, whatever sealed meanwhile stays, so
 * both orders end in the same history: summary, call, result.
 *
 * <pre>
 * java -jar stress-tests/target/jcstress.jar -t Compaction_01 -m quick -sc false -jvmArgs --enable-native-access=ALL-UNNAMED -iters 5 -time 200
 *
 * (2 cores, JDK 25, the default build's run of 2026-11-24; samples across the run)
 *
 * [OK] Actual
 *                                             RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 * VALID, result-after-summary, history=M-C-R, lost=0  680,552  100.00%  Acceptable  either order: the summary replaced only the prefix, the s...
 *
 * [FAILED] Naive
 *                                                    RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 *                    INVALID, no-summary, history=R, lost=0        4   &lt;0.01%   Forbidden  anything else: a lost or duplicated message, an invalid h...
 *                  INVALID, no-summary, history=R-C, lost=0       48   &lt;0.01%   Forbidden  anything else: a lost or duplicated message, an invalid h...
 *              INVALID, no-summary, history=U-C-R-X, lost=0       84   &lt;0.01%   Forbidden  anything else: a lost or duplicated message, an invalid h...
 *    INVALID, result-after-summary, history=M-?-R-C, lost=0       18   &lt;0.01%   Forbidden  anything else: a lost or duplicated message, an invalid h...
 *        INVALID, result-after-summary, history=M-R, lost=0      271    0.03%   Forbidden  anything else: a lost or duplicated message, an invalid h...
 *      INVALID, result-after-summary, history=M-R-C, lost=0       33   &lt;0.01%   Forbidden  anything else: a lost or duplicated message, an invalid h...
 * INVALID, result-before-summary, history=?-?-R-M-C, lost=0        6   &lt;0.01%   Forbidden  the result landed before the summary (the bug this contro...
 *              INVALID, result-missing, history=M-C, lost=1   11,588    1.31%   Forbidden  the result was lost by the rewrite (the bug this control ...
 *        VALID, result-after-summary, history=M-C-R, lost=0  870,807   98.63%  Acceptable  the rewrite and the append did not overlap
 * </pre>
 *
 * Outcome: validity, where the result landed, the history as tokens ({@code M} summary; see
 * {@link View}), lost events.
 */
public class Compaction_01_CompactionVsToolResult {
  static final SessionState COMPACTING_WITH_OPEN_STEP = Fixture.fold(new Event.UserPrompt("index the repo"),
      new Event.Compact(), Fixture.calls("c1"));

  static String outcome(View v) {
    int m = v.at("M");
    int r = v.at("R");
    String where = m < 0 ? "no-summary" : r < 0 ? "result-missing" : r < m ? "result-before-summary" : "result-after-summary";
    int lost = Math.max(0, 1 - v.countResults());
    return v.validity() + ", " + where + ", history=" + v.historyText() + ", lost=" + lost;
  }

  @JCStressTest
  @Outcome(id = "VALID, result-after-summary, history=M-C-R, lost=0", expect = ACCEPTABLE,
      desc = "either order: the summary replaced only the prefix, the step stayed whole")
  @Outcome(id = "INVALID, result-missing, .*", expect = FORBIDDEN, desc = "the result was lost by the rewrite")
  @Outcome(id = "INVALID, result-before-summary, .*", expect = FORBIDDEN, desc = "the result landed before the summary")
  @Outcome(expect = FORBIDDEN, desc = "anything else: a lost or duplicated event, an invalid history")
  @State
  public static class Actual {
    final Session session = Fixture.session(COMPACTING_WITH_OPEN_STEP);

    @Actor
    public void tool() {
      session.tell(new Event.ToolResult(new CallRef.Raw("c1"), "42 files", false));
    }

    @Actor
    public void summarizer() {
      session.tell(new Event.CompactionDone("the user wants the repo indexed"));
    }

    @Arbiter
    public void arbiter(L_Result r) {
      r.r1 = outcome(View.of(session.snapshot()));
    }
  }

  @JCStressTest
  @Outcome(id = "VALID, result-after-summary, history=M-C-R, lost=0", expect = ACCEPTABLE,
      desc = "the rewrite and the append did not overlap")
  @Outcome(id = "INVALID, result-missing, .*", expect = FORBIDDEN,
      desc = "the result was lost by the rewrite (the bug this control must show)")
  @Outcome(id = "INVALID, result-before-summary, .*", expect = FORBIDDEN,
      desc = "the result landed before the summary (the bug this control must show)")
  @Outcome(expect = FORBIDDEN, desc = "anything else: a lost or duplicated message, an invalid history")
  @State
  public static class Naive {
    final NaiveLoop loop = new NaiveLoop();

    {
      loop.prompt("index the repo");
      loop.startCompaction();
      loop.calls("c1");
    }

    @Actor
    public void tool() {
      loop.toolResult("c1", "42 files");
    }

    @Actor
    public void summarizer() {
      loop.compactionDone("the user wants the repo indexed");
    }

    @Arbiter
    public void arbiter(L_Result r) {
      r.r1 = outcome(loop.view());
    }
  }
}
