package dev.lockstep.machine;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * The running turn: its number, how many model requests it has sent (rule S5 bounds that), and
 * exactly one of a request in flight or an open step.
 */
public record Turn(long number, int steps, Option<Long> inFlight, Option<OpenStep> step) {
  public Turn {
    Objects.requireNonNull(inFlight, "inFlight");
    Objects.requireNonNull(step, "step");
  }

  /** The phase this turn is in. */
  public Phase phase() {
    return inFlight.isDefined() ? Phase.AWAITING_MODEL : Phase.AWAITING_TOOLS;
  }
}
