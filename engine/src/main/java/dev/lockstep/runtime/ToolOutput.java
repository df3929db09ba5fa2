package dev.lockstep.runtime;

import java.util.Objects;

/** A tool's answer: its text, and whether it is an error (outcome {@code FAILED}). */
public record ToolOutput(String text, boolean error) {
  public ToolOutput {
    Objects.requireNonNull(text, "text");
  }

  public static ToolOutput ok(String text) {
    return new ToolOutput(text, false);
  }

  public static ToolOutput error(String text) {
    return new ToolOutput(text, true);
  }
}
