package dev.lockstep.model;

import java.util.Objects;

/**
 * A user-role note the engine writes itself (rule V6: its text starts with {@code [lockstep:<kind>]}):
 * a late tool result that arrived after its call was sealed (rule P3), or the end of a turn that hit
 * the step bound (rule S5).
 */
public record NoteMessage(String kind, String text) implements Message {
  public NoteMessage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }
}
