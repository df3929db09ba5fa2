package dev.lockstep.model;

import java.util.Objects;

/** A user prompt: the message that starts a turn (or one queued for the next turn). */
public record UserMessage(String text) implements Message {
  public UserMessage {
    Objects.requireNonNull(text, "text");
  }
}
