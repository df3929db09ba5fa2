package dev.lockstep.stress.lincheck;

import dev.lockstep.machine.Decision;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;

/**
 * The sequential specification: the pure reducer folded one event at a time (DESIGN "Reducer: the
 * reducer is the reference model"). Lincheck runs the operations of a concurrent history through this
 * class in some sequential order and demands the same results.
 */
public class ReducerSequentialSpec extends AbstractSessionLincheckTest {
  private SessionState state = INITIAL;

  @Override
  protected String apply(Event event) {
    Decision d = Reducer.decide(state, event);
    state = d.state();
    return Describe.decision(d);
  }

  @Override
  protected String read() {
    return Describe.state(state);
  }
}
