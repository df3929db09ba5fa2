package dev.lockstep.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.machine.Target;
import java.util.Objects;

/**
 * A request ready to send: its id (the reducer's request counter), what it is for, where it goes, and
 * the provider body the dialect projected and the validator accepted (rule V2).
 */
public record ModelRequest(long id, Kind kind, Target target, ObjectNode body) {
  /** A turn request or the summarizer's request. */
  public enum Kind {
    TURN,
    COMPACTION
  }

  public ModelRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(body, "body");
  }
}
