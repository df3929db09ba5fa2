package dev.lockstep.stress.lincheck;

import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.SessionState;
import dev.lockstep.model.Origin;
import dev.lockstep.stress.Fixture;
import io.vavr.control.Option;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The operations lincheck runs concurrently, shared by every implementation under test (one small
 * subclass each, in the style of Caffeine's {@code AbstractLincheckCacheTest}).
 *
 * <p>The starting point is a running turn with an open step of two calls, {@code a} and {@code b}. The
 * operations are the session's concurrent API: tool results for those two ids (so duplicates and late
 * results happen), steers, prompts, the model's final answer, interrupt, compaction and its completion
 * or failure — and {@code snapshot()} reads.
 *
 * <p><b>The property (DESIGN "Verification", lincheck).</b> A fire-and-forget {@code tell} followed by
 * a {@code snapshot()} is not linearizable by nature: the event may still sit behind another caller's
 * drain. The property is stated for <em>acknowledged</em> operations: each mutating operation tells its
 * event, waits for the receipt and returns a canonical description of the decision the reducer applied
 * ({@link Describe}); {@code snapshot()} returns a canonical description of the published state. Every
 * concurrent history of these must be explained by some sequential order of the same operations run
 * through the pure reducer ({@link ReducerSequentialSpec}).
 */
public abstract class AbstractSessionLincheckTest {
  /** A running turn whose step has two open calls, {@code a} and {@code b}. */
  static final SessionState INITIAL = Fixture.fold(new Event.UserPrompt("start"), Fixture.calls("a", "b"));

  private static final String[] CALLS = {"a", "b"};

  /** Applies {@code event} and returns what the caller can observe about it. */
  protected abstract String apply(Event event);

  /** A read of the current state. */
  protected abstract String read();

  @Operation
  public String result(@Param(gen = IntGen.class, conf = "0:1") int call) {
    return apply(new Event.ToolResult(new CallRef.Raw(CALLS[call]), "output of " + CALLS[call], false));
  }

  @Operation
  public String steer() {
    return apply(new Event.Steer("a steer", Origin.USER));
  }

  @Operation
  public String prompt() {
    return apply(new Event.UserPrompt("a prompt"));
  }

  @Operation
  public String answer() {
    return apply(Event.ModelReply.text("an answer"));
  }

  @Operation
  public String interrupt() {
    return apply(new Event.Interrupt(Option.none()));
  }

  @Operation
  public String compact() {
    return apply(new Event.Compact());
  }

  @Operation
  public String compactionDone() {
    return apply(new Event.CompactionDone("a summary"));
  }

  @Operation
  public String compactionFailed() {
    return apply(new Event.CompactionFailed(Option.none()));
  }

  @Operation
  public String snapshot() {
    return read();
  }
}
