package dev.lockstep.machine;

import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Per-session bounds and declarations the reducer enforces (rule S5).
 *
 * @param maxStepsPerTurn model requests one turn may send; the next one ends the turn with a note
 * @param declaredTools tool names the model may call; a call to another name is {@code REJECTED}. None
 *     means "any name".
 */
public record Limits(int maxStepsPerTurn, Option<Set<String>> declaredTools) {
  public static final int DEFAULT_MAX_STEPS = 100;

  public Limits {
    Objects.requireNonNull(declaredTools, "declaredTools");
    if (maxStepsPerTurn < 1) {
      throw new IllegalArgumentException("maxStepsPerTurn must be at least 1, got " + maxStepsPerTurn);
    }
  }

  /** Default bounds: 100 steps per turn, any tool name. */
  public static Limits defaults() {
    return new Limits(DEFAULT_MAX_STEPS, Option.none());
  }
}
