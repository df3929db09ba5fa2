package dev.lockstep.journal;

import dev.lockstep.machine.SessionState;
import java.io.IOException;
import java.util.Objects;

/**
 * A journal opened for writing together with the session state it holds: hand {@code state} and
 * {@code nextSeq} to the session actor and {@code journal} as its {@link dev.lockstep.runtime.Durability}.
 *
 * @param journal positioned after the last record; holds the session's lock until closed
 * @param state the fold of the reducer over every record (rule D3), {@code Recovered} included
 * @param nextSeq the sequence number of the next event
 * @param report what recovery found and repaired
 */
public record RecoveredSession(FileJournal journal, SessionState state, long nextSeq, RecoveryReport report)
    implements AutoCloseable {
  public RecoveredSession {
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(report, "report");
  }

  /** Closes the journal (and releases the session's lock). */
  @Override
  public void close() throws IOException {
    journal.close();
  }
}
