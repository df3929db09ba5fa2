package dev.lockstep.machine;

import java.util.Objects;

/** A broken rule, by its DESIGN id ({@code P1}, {@code S4}, …), with what exactly is wrong. */
public record Violation(String rule, String message) {
  public Violation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return rule + ": " + message;
  }
}
