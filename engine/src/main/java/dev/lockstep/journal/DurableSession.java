package dev.lockstep.journal;

import dev.lockstep.runtime.Session;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link Session} whose events are journaled in a {@link FileJournal}, as opened by {@link
 * DurableSessions#open}. Closing it closes the session, which closes the journal and releases the
 * session's lock (rule D5).
 *
 * @param session the running session; its events are durable before they apply (rule D1)
 * @param report what recovery found and repaired when the session was opened (rule D2, D4): records
 *     read, a torn tail cut, a {@code Recovered} record appended
 * @param journal the journal file
 * @param policy when records are forced to the device
 */
public record DurableSession(Session session, RecoveryReport report, Path journal, DurabilityPolicy policy)
    implements AutoCloseable {
  public DurableSession {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(policy, "policy");
  }

  /** True when the journal already held events: the session continues an earlier run. */
  public boolean resumed() {
    return report.recordsRead() > 0;
  }

  /** Closes the session (waiting for accepted events to apply), the journal and its lock. */
  @Override
  public void close() {
    session.close();
  }
}
