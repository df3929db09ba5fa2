package dev.lockstep.stress.lincheck;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.stress.Fixture.View;
import dev.lockstep.stress.naive.NaiveLoop;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/**
 * <b>Negative control.</b> The same operations against the naive loop (a shared mutable list, see
 * {@link NaiveLoop}). The naive loop does not even agree with itself: its sequential behaviour is the
 * specification here (lincheck's default), and concurrent runs still produce histories no sequential
 * order explains (lost appends, torn reads, exceptions from the unsynchronized list). Mutating
 * operations return a constant so that the only thing judged is what {@code snapshot()} later sees.
 * The build fails if lincheck stops finding this: a checker that cannot fail proves nothing.
 */
public class NaiveLoopLincheckTest extends AbstractSessionLincheckTest {
  private final NaiveLoop loop = new NaiveLoop();

  {
    loop.prompt("start");
    loop.calls("a", "b");
  }

  @Override
  protected String apply(Event event) {
    switch (event) {
      case Event.ToolResult r -> loop.toolResult(((CallRef.Raw) r.call()).value(), r.output());
      case Event.Steer s -> loop.steer(s.text());
      case Event.UserPrompt p -> loop.prompt(p.text());
      case Event.ModelReply m -> loop.answer(m.text());
      case Event.Interrupt i -> loop.interrupt();
      case Event.Compact c -> loop.startCompaction();
      case Event.CompactionDone d -> loop.compactionDone(d.summary());
      case Event.CompactionFailed f -> loop.compactionFailed();
      default -> throw new IllegalArgumentException("not used: " + event);
    }
    return "ok";
  }

  @Override
  protected String read() {
    View v = loop.view();
    return v.validity() + " " + v.historyText() + " waiting=" + v.waitingText();
  }

  @Test
  void modelChecking_findsANonLinearizableHistory() {
    assertThrows(LincheckAssertionError.class, () -> LincheckOptions.modelChecking().check(getClass()));
  }

  @Test
  void stress_findsANonLinearizableHistory() {
    assertThrows(LincheckAssertionError.class, () -> LincheckOptions.stress().check(getClass()));
  }
}
