package dev.lockstep.machine;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/** What the reducer decided for one event: the next state and the effects to run, in order. */
public record Decision(SessionState state, Vector<Effect> effects) {
  public Decision {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(effects, "effects");
  }

  /** The rejection, when the event did not apply (the state is then the old one). */
  public Option<Effect.Rejected> rejection() {
    return effects.find(e -> e instanceof Effect.Rejected).map(Effect.Rejected.class::cast);
  }

  /** True when the event was rejected. */
  public boolean rejected() {
    return rejection().isDefined();
  }
}
