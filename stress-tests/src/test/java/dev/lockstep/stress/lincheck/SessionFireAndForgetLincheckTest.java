package dev.lockstep.stress.lincheck;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import dev.lockstep.runtime.Session;
import dev.lockstep.stress.Fixture;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/**
 * <b>Control for the formulation (DESIGN "Verification", lincheck).</b> The same session, but each
 * mutating operation only enqueues its event ({@code tell} without waiting for the receipt). That is
 * not linearizable by nature: when another caller holds the drain, {@code tell} returns before its
 * event is applied, and the same thread's next {@code snapshot()} does not see its own event. Lincheck
 * must find such a history; this shows that the checker does look inside the actor's interleavings
 * (and why the property is stated for acknowledged operations in {@link SessionLincheckTest}).
 */
public class SessionFireAndForgetLincheckTest extends AbstractSessionLincheckTest {
  private final Session session = Fixture.session(INITIAL);

  @Override
  protected String apply(Event event) {
    session.tell(event);
    return "sent";
  }

  @Override
  protected String read() {
    return Describe.state(session.snapshot());
  }

  /** The reducer folded sequentially, answering "sent" like the fire-and-forget operations. */
  public static class Spec extends AbstractSessionLincheckTest {
    private SessionState state = INITIAL;

    @Override
    protected String apply(Event event) {
      state = Reducer.decide(state, event).state();
      return "sent";
    }

    @Override
    protected String read() {
      return Describe.state(state);
    }
  }

  @Test
  void modelChecking_fireAndForgetTellThenSnapshot_isNotLinearizable() {
    assertThrows(LincheckAssertionError.class,
        () -> LincheckOptions.modelChecking().sequentialSpecification(Spec.class).check(getClass()));
  }
}
