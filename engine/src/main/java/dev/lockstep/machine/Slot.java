package dev.lockstep.machine;

import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * One call of an open step: its call, whether the executor has started it, and its result once
 * sealed. A step is sealed when every slot has a result.
 */
public record Slot(ToolCall call, boolean started, Option<ToolResultMessage> result) {
  public Slot {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(result, "result");
  }

  static Slot open(ToolCall call) {
    return new Slot(call, false, Option.none());
  }

  /** True while the slot waits for its result. */
  public boolean isOpen() {
    return result.isEmpty();
  }

  Slot markStarted() {
    return new Slot(call, true, result);
  }

  Slot seal(ToolResultMessage r) {
    return new Slot(call, started, Option.some(r));
  }
}
