package dev.lockstep.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.OpenStep;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Turn;
import dev.lockstep.runtime.Session;
import dev.lockstep.stress.Fixture.View;
import dev.lockstep.stress.naive.NaiveLoop;
import io.vavr.control.Option;
import java.util.List;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * <b>A snapshot reader vs the consumer (DESIGN "Publication"): no torn or half-applied state is ever
 * observable.</b>
 *
 * <p>Two tools answer one after the other and seal a step while another thread (a UI, a request
 * builder, a metrics scraper) reads the session. A naive loop writes the step into its shared list one
 * message at a time, so a reader can see the assistant's tool calls with only some of their results —
 * a history no provider accepts — or a torn list. Lockstep publishes each applied state through one
 * volatile reference: the reader sees the step open (in the turn, not in the transcript) with zero or
 * one result, or sealed in the transcript with both, and the state it sees passes every invariant.
 *
 * <pre>
 * java -jar stress-tests/target/jcstress.jar -t Snapshot_01 -m quick -sc false -jvmArgs --enable-native-access=ALL-UNNAMED -iters 5 -time 200
 *
 * (2 cores, JDK 25, the default build's run of 2026-11-24; samples across the run)
 *
 * [OK] Actual
 *                                   RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 *             VALID, saw=before, history=U  463,481   78.97%  Acceptable  read before the first result was applied
 * VALID, saw=in-progress-1-of-2, history=U      388    0.07%  Acceptable  read between the results: the step is open in the turn, t...
 *       VALID, saw=sealed, history=U-C-R-R  123,046   20.96%  Acceptable  read after the step sealed
 *
 * [FAILED] Naive
 *                              RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 *   INVALID, saw=partial, history=U-C    1,433    0.13%   Forbidden  a half-written step was visible (the bug this control mus...
 * INVALID, saw=partial, history=U-C-R      177    0.02%   Forbidden  a half-written step was visible (the bug this control mus...
 *      INVALID, saw=torn, history=U-?       68   &lt;0.01%   Forbidden  anything else: a torn list
 *        VALID, saw=before, history=U  891,812   80.59%  Acceptable  read before the step was written
 *  VALID, saw=sealed, history=U-C-R-R  213,113   19.26%  Acceptable  read after the step was written
 * </pre>
 *
 * Outcome: validity of what the reader saw (provider validator and {@code Invariants.check}), which
 * stage it saw, the history as tokens (see {@link View}).
 */
public class Snapshot_01_SnapshotVsConsumer {
  static final SessionState STEP_OPEN = Fixture.fold(new Event.UserPrompt("diff a and b"), Fixture.calls("a", "b"));

  static String outcome(View v, String stage) {
    return v.validity() + ", saw=" + stage + ", history=" + v.historyText();
  }

  /** The stage a naive reader saw: its list has no other structure. */
  static String naiveStage(View v) {
    if (v.history().contains("?")) {
      return "torn";
    }
    int c = v.at("C");
    return c < 0 ? "before" : v.countResults() == 2 ? "sealed" : "partial";
  }

  /** The stage a Lockstep reader saw, checking that the open step and the transcript agree. */
  static String stage(SessionState s) {
    Option<OpenStep> open = s.turn().flatMap(Turn::step);
    boolean committed = s.transcript().exists(m -> m instanceof dev.lockstep.model.AssistantMessage a && a.hasCalls());
    if (open.isDefined() && committed) {
      return "step-both-open-and-committed";
    }
    if (open.isDefined()) {
      long answered = open.get().slots().count(slot -> !slot.isOpen());
      return answered == 0 ? "before" : "in-progress-" + answered + "-of-2";
    }
    return committed ? "sealed" : "step-missing";
  }

  @JCStressTest
  @Outcome(id = "VALID, saw=before, history=U", expect = ACCEPTABLE, desc = "read before the first result was applied")
  @Outcome(id = "VALID, saw=in-progress-1-of-2, history=U", expect = ACCEPTABLE,
      desc = "read between the results: the step is open in the turn, the transcript is untouched")
  @Outcome(id = "VALID, saw=sealed, history=U-C-R-R", expect = ACCEPTABLE, desc = "read after the step sealed")
  @Outcome(id = "INVALID, saw=partial, .*", expect = FORBIDDEN, desc = "a half-written step was visible")
  @Outcome(expect = FORBIDDEN, desc = "anything else: a torn or inconsistent state, a broken invariant")
  @State
  public static class Actual {
    final Session session = Fixture.session(STEP_OPEN);
    SessionState seen;

    @Actor
    public void tools() {
      session.tell(new Event.ToolResult(new CallRef.Raw("a"), "a is 3 lines", false));
      session.tell(new Event.ToolResult(new CallRef.Raw("b"), "b is 4 lines", false));
    }

    @Actor
    public void reader() {
      seen = session.snapshot();
    }

    @Arbiter
    public void arbiter(L_Result r) {
      r.r1 = outcome(View.of(seen), stage(seen));
    }
  }

  @JCStressTest
  @Outcome(id = "VALID, saw=before, history=U", expect = ACCEPTABLE, desc = "read before the step was written")
  @Outcome(id = "VALID, saw=sealed, history=U-C-R-R", expect = ACCEPTABLE, desc = "read after the step was written")
  @Outcome(id = "INVALID, saw=partial, .*", expect = FORBIDDEN,
      desc = "a half-written step was visible (the bug this control must show)")
  @Outcome(expect = FORBIDDEN, desc = "anything else: a torn list")
  @State
  public static class Naive {
    final NaiveLoop loop = new NaiveLoop();
    List<NaiveLoop.Msg> seen;

    {
      loop.prompt("diff a and b");
    }

    @Actor
    public void tools() {
      loop.commitStep(List.of("a", "b"), List.of("a is 3 lines", "b is 4 lines"));
    }

    @Actor
    public void reader() {
      seen = loop.read();
    }

    @Arbiter
    public void arbiter(L_Result r) {
      View v = loop.view(seen);
      r.r1 = outcome(v, naiveStage(v));
    }
  }
}
