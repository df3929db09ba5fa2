package dev.lockstep.dialect;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Request options a projection depends on besides the transcript (rule V1): whether thinking is on,
 * the system prompt, and the tools offered.
 */
public record DialectOptions(boolean thinking, Option<String> system, Vector<ToolSpec> tools) {
  public DialectOptions {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(tools, "tools");
  }

  /** No thinking, no system prompt, no tools. */
  public static DialectOptions defaults() {
    return new DialectOptions(false, Option.none(), Vector.empty());
  }

  /** A copy with this system prompt. */
  public DialectOptions withSystem(String prompt) {
    return new DialectOptions(thinking, Option.some(prompt), tools);
  }

  /** A copy with thinking switched. */
  public DialectOptions withThinking(boolean on) {
    return new DialectOptions(on, system, tools);
  }
}
