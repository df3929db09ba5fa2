package dev.lockstep.runtime;

import dev.lockstep.machine.Decision;
import dev.lockstep.machine.Effect;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.SessionState;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The acknowledgement of one event (rules D1, D6): it exists only once the event is durable
 * ({@link Durability#persist} returned) and applied, and carries the event's sequence number in the
 * session's journal and the reducer's {@link Decision} for it.
 *
 * @param sequence the event's sequence number (consecutive per session, from the starting number)
 * @param event the event as it was applied
 * @param decision what the reducer decided: the state right after this event and the effects it asked for
 */
public record Receipt(long sequence, Event event, Decision decision) {
  public Receipt {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(decision, "decision");
  }

  /** True when the reducer rejected the event (it was recorded and changed nothing). */
  public boolean rejected() {
    return decision.rejected();
  }

  /** Why the event was rejected, if it was. */
  public Option<String> rejection() {
    return decision.rejection().map(Effect.Rejected::reason);
  }

  /** The session state right after this event. */
  public SessionState state() {
    return decision.state();
  }
}
