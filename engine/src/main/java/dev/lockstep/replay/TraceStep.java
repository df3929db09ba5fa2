package dev.lockstep.replay;

import dev.lockstep.machine.Event;
import java.util.Objects;

/** One line of a trace: an event for the mailbox, or a crash of the process. */
public sealed interface TraceStep {

  /** An event delivered to the session. */
  record Deliver(Event event) implements TraceStep {
    public Deliver {
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * The process dies here (rule D4). With {@code tornBytes > 0} the record of the last event before the
   * crash was torn: that event counts as never received.
   */
  record Crash(int tornBytes) implements TraceStep {}
}
