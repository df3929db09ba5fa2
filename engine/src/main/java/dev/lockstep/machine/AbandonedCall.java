package dev.lockstep.machine;

import dev.lockstep.model.Outcome;
import dev.lockstep.model.ToolCall;
import java.util.Objects;

/**
 * A call sealed as {@code INTERRUPTED} or {@code UNKNOWN} whose real result may still arrive; when it
 * does, it becomes a follow-up note (rule P3), once.
 */
public record AbandonedCall(ToolCall call, Outcome sealedAs) {
  public AbandonedCall {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(sealedAs, "sealedAs");
  }
}
