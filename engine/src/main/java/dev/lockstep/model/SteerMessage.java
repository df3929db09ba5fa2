package dev.lockstep.model;

import java.util.Objects;

/**
 * A message injected while a turn runs (rule S1: it enters the transcript only at a step boundary).
 * Projected as a user message; its text is the user's (or the background task's) own, unmarked.
 */
public record SteerMessage(String text, Origin origin) implements Message {
  public SteerMessage {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(origin, "origin");
  }
}
