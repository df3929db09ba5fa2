package dev.lockstep.machine;

import dev.lockstep.model.AssistantMessage;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * A reply with tool calls whose slots are not all answered (rule P1: it lives here, never in the
 * transcript). Slots are in call order.
 */
public record OpenStep(AssistantMessage reply, Vector<Slot> slots) {
  public OpenStep {
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(slots, "slots");
  }

  /** True when every slot holds a result. */
  public boolean sealed() {
    return slots.forAll(s -> !s.isOpen());
  }

  /** The calls still waiting for a result. */
  public Vector<Slot> openSlots() {
    return slots.filter(Slot::isOpen);
  }
}
