package dev.lockstep.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

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
 * <b>A prompt arriving as the turn ends (rule S2): the model's final answer races the user's next
 * prompt.</b>
 *
 * <p>A turn is waiting for the model. The model answers without tool calls (the turn ends) at the
 * moment the user sends the next prompt. A naive loop decides on a plain "turn running" flag: the prompt
 * sees "running" and parks itself for the end of the turn, but the turn's end already looked at the
 * parked prompts and found none — the prompt is stranded and no turn ever starts for it. Lockstep
 * queues a prompt that arrives mid-turn in its state; the reply that ends the turn starts the next turn
 * with it. Both orders end the same way: the answer, then the new prompt, with turn 2 running.
 *
 * <pre>
 * java -jar stress-tests/target/jcstress.jar -t Prompt_01 -m quick -sc false -jvmArgs --enable-native-access=ALL-UNNAMED -iters 5 -time 200
 *
 * (2 cores, JDK 25, the default build's run of 2026-11-24; samples across the run)
 *
 * [OK] Actual
 *                                                        RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 * VALID, next-turn-started, history=U-A-U, waiting=none, lost=0  950,291  100.00%  Acceptable  either order: the answer ended turn 1 and the prompt star...
 *
 * [FAILED] Naive
 *                                                          RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 * INVALID, next-turn-started, history=U-A-U, waiting=none, lost=0       33   &lt;0.01%   Forbidden  anything else: a lost prompt or answer, an invalid history
 *   VALID, next-turn-started, history=U-A-U, waiting=none, lost=0  801,736   71.96%  Acceptable  the prompt came clearly before or after the end of the turn
 *          VALID, prompt-stranded, history=U-A, waiting=P, lost=0  312,362   28.04%   Forbidden  the prompt waits but no turn will ever take it (the bug t...
 * </pre>
 *
 * Outcome: validity, where the second prompt went, the history and waiting input as tokens ({@code P}
 * a parked prompt; see {@link View}), lost events.
 */
public class Prompt_01_PromptAsTurnEnds {
  static final SessionState AWAITING_MODEL = Fixture.fold(new Event.UserPrompt("first task"));

  static String outcome(View v, boolean turnRunning) {
    int a = v.at("A");
    int second = v.history().lastIndexOf("U");
    String where = a < 0 ? "answer-missing"
        : second > a ? (turnRunning ? "next-turn-started" : "prompt-entered-no-turn")
        : v.waiting().contains("P") ? (turnRunning ? "prompt-queued" : "prompt-stranded")
        : "prompt-lost";
    int lost = Math.max(0, 2 - v.count("U") - v.count("P"));
    return v.validity() + ", " + where + ", history=" + v.historyText() + ", waiting=" + v.waitingText() + ", lost=" + lost;
  }

  @JCStressTest
  @Outcome(id = "VALID, next-turn-started, history=U-A-U, waiting=none, lost=0", expect = ACCEPTABLE,
      desc = "either order: the answer ended turn 1 and the prompt started turn 2")
  @Outcome(id = "VALID, prompt-stranded, .*", expect = FORBIDDEN, desc = "the prompt waits but no turn will ever take it")
  @Outcome(expect = FORBIDDEN, desc = "anything else: a lost prompt or answer, an invalid history")
  @State
  public static class Actual {
    final Session session = Fixture.session(AWAITING_MODEL);

    @Actor
    public void model() {
      session.tell(Event.ModelReply.text("done with the first task"));
    }

    @Actor
    public void user() {
      session.tell(new Event.UserPrompt("second task"));
    }

    @Arbiter
    public void arbiter(L_Result r) {
      var s = session.snapshot();
      r.r1 = outcome(View.of(s), s.turn().isDefined());
    }
  }

  @JCStressTest
  @Outcome(id = "VALID, next-turn-started, history=U-A-U, waiting=none, lost=0", expect = ACCEPTABLE,
      desc = "the prompt came clearly before or after the end of the turn")
  @Outcome(id = "VALID, prompt-stranded, .*", expect = FORBIDDEN,
      desc = "the prompt waits but no turn will ever take it (the bug this control must show)")
  @Outcome(expect = FORBIDDEN, desc = "anything else: a lost prompt or answer, an invalid history")
  @State
  public static class Naive {
    final NaiveLoop loop = new NaiveLoop();

    {
      loop.prompt("first task");
    }

    @Actor
    public void model() {
      loop.answer("done with the first task");
    }

    @Actor
    public void user() {
      loop.prompt("second task");
    }

    @Arbiter
    public void arbiter(L_Result r) {
      r.r1 = outcome(loop.view(), loop.running());
    }
  }
}
