package dev.lockstep.machine;

import dev.lockstep.model.NoteMessage;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.UserMessage;
import java.util.Objects;

/**
 * Input that arrived while it could not enter the transcript, kept in one queue in arrival order
 * (rules S1, S2, P3): steers and late-result notes wait for the next step boundary, prompts wait for
 * the next turn.
 */
public sealed interface Waiting {

  /** A deferred steer. */
  record Steer(SteerMessage message) implements Waiting {
    public Steer {
      Objects.requireNonNull(message, "message");
    }
  }

  /** A late-result note (rule P3). */
  record Note(NoteMessage message) implements Waiting {
    public Note {
      Objects.requireNonNull(message, "message");
    }
  }

  /** A prompt queued for the next turn. */
  record Prompt(UserMessage message) implements Waiting {
    public Prompt {
      Objects.requireNonNull(message, "message");
    }
  }

  /** True for input that enters at the next step boundary of the running turn (steers, notes). */
  default boolean entersAtStepBoundary() {
    return !(this instanceof Prompt);
  }
}
