package dev.lockstep.machine;

import java.util.Objects;

/** Informational outcomes of a decision, for listeners and UIs. They never change state on their own. */
public sealed interface Notice {

  /** How a turn ended. */
  enum TurnEnd {
    COMPLETED,
    INTERRUPTED,
    FAILED,
    STEP_LIMIT,
    RECOVERED
  }

  /** The turn ended; {@code detail} is a human-readable reason. */
  record TurnEnded(long turn, TurnEnd how, String detail) implements Notice {
    public TurnEnded {
      Objects.requireNonNull(how, "how");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** A compaction replaced {@code replaced} messages by a summary. */
  record CompactionApplied(int replaced) implements Notice {}

  /** A compaction ended without changing the transcript (rule C3). */
  record CompactionAbandoned(String reason) implements Notice {
    public CompactionAbandoned {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A reply with neither text nor calls was dropped (rule S4). */
  record VacuousReplyDropped(long request) implements Notice {}

  /** A late result was kept as a follow-up note (rule P3). */
  record LateResultNoted(String callId) implements Notice {
    public LateResultNoted {
      Objects.requireNonNull(callId, "callId");
    }
  }
}
