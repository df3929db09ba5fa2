package dev.lockstep.model;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A committed model reply. With calls it enters the transcript only when its step is sealed, followed
 * by one {@link ToolResultMessage} per call (rule P1). A reply with neither text nor calls is vacuous
 * and never committed (rule S4).
 */
public record AssistantMessage(
    String text, Option<Reasoning> reasoning, Vector<ToolCall> calls, Provenance provenance)
    implements Message {
  public AssistantMessage {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(reasoning, "reasoning");
    Objects.requireNonNull(calls, "calls");
    Objects.requireNonNull(provenance, "provenance");
  }

  /** True when the reply asked for tools. */
  public boolean hasCalls() {
    return !calls.isEmpty();
  }
}
