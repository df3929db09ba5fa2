package dev.lockstep.machine;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * The running turn: its number, how many model requests it has sent (rule S5 bounds that), and
 * exactly one of a request in flight or an open step. {@code sentTo} is the dialect and model the
 * request in flight went to: its reply is attributed to them even if a {@code switch} arrived in the
 * meantime, so signed reasoning is never labelled with another model (rule V3).
 */
public record Turn(long number, int steps, Option<Long> inFlight, Option<OpenStep> step, Option<Target> sentTo) {
  public Turn {
    Objects.requireNonNull(inFlight, "inFlight");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(sentTo, "sentTo");
  }

  /** A turn with nothing recorded about where its request went. */
  public Turn(long number, int steps, Option<Long> inFlight, Option<OpenStep> step) {
    this(number, steps, inFlight, step, Option.none());
  }

  /** The phase this turn is in. */
  public Phase phase() {
    return inFlight.isDefined() ? Phase.AWAITING_MODEL : Phase.AWAITING_TOOLS;
  }
}
