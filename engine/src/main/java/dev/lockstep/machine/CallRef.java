package dev.lockstep.machine;

import java.util.Objects;

/**
 * How an event names a tool call. Traces and providers use the model's raw id, which may repeat
 * (rule S4: it addresses the earliest open slot with that id); the runtime uses the session-unique
 * call id it was handed in {@link Effect.RunTool}, which is never ambiguous.
 */
public sealed interface CallRef {
  /** The id as shown to humans and in rejections. */
  String value();

  /** The model's raw id. */
  record Raw(String value) implements CallRef {
    public Raw {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The session-unique call id ({@link dev.lockstep.model.ToolCall#id()}). */
  record Exact(String value) implements CallRef {
    public Exact {
      Objects.requireNonNull(value, "value");
    }
  }
}
