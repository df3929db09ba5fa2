package dev.lockstep.stress.lincheck;

import dev.lockstep.machine.Event;
import dev.lockstep.runtime.Session;
import dev.lockstep.stress.Fixture;
import org.junit.jupiter.api.Test;

/**
 * Lockstep's {@link Session} is linearizable for acknowledged operations against the pure reducer
 * (see {@link AbstractSessionLincheckTest} for the property). The session drains on a same-thread
 * executor, so whichever operation wins the drain flag applies the other's event too; effects are
 * dropped (the operations play the model, tools and summarizer).
 */
public class SessionLincheckTest extends AbstractSessionLincheckTest {
  private final Session session = Fixture.session(INITIAL);

  @Override
  protected String apply(Event event) {
    return Describe.decision(session.tell(event).join().decision());
  }

  @Override
  protected String read() {
    return Describe.state(session.snapshot());
  }

  @Test
  void modelChecking_acknowledgedTellsAndSnapshots_areLinearizableAgainstTheReducer() {
    LincheckOptions.modelChecking().sequentialSpecification(ReducerSequentialSpec.class).check(getClass());
  }

  @Test
  void stress_acknowledgedTellsAndSnapshots_areLinearizableAgainstTheReducer() {
    LincheckOptions.stress().sequentialSpecification(ReducerSequentialSpec.class).check(getClass());
  }
}
