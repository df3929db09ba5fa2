package dev.lockstep.journal;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.SessionState;
import dev.lockstep.runtime.Durability;
import dev.lockstep.runtime.Session;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a session backed by a journal: the one call an embedder needs for crash-safe sessions (rules
 * D1–D6).
 *
 * <pre>{@code
 * Session.Builder b = Session.builder().target("openai-chat", "gpt-4.1").modelClient(client).toolRunner(tools);
 * try (DurableSession ds = DurableSessions.open(Path.of("sessions"), "42", DurabilityPolicy.GROUP_COMMIT, b)) {
 *   ds.session().prompt("fix the build");
 * }
 * }</pre>
 *
 * <p>{@code open} does, in order:
 *
 * <ol>
 *   <li>Takes the session's lock; a second writer (another process, or another open in this JVM) gets
 *       {@link JournalLockedException} and nothing is read or written (D5).
 *   <li>Recovers {@code <dir>/<sessionId>.lsj} with {@link JournalRecovery}: a new file starts at
 *       sequence number 1; a torn tail is cut before anything is appended and reported (D2); corruption
 *       in the middle throws {@link JournalCorruptedException} with the byte offset and changes nothing
 *       (its message names {@code lockstep doctor --salvage} and {@link JournalSalvage#salvage}); the
 *       reducer is folded over the events from {@link Session.Builder#freshState()} (D3); a turn or
 *       compaction left open by a crash is closed by one durable {@code Recovered} record, exactly once
 *       (D4), so the session is idle and usable at once, with its deferred steers and queued prompts
 *       kept for the next turn (S2).
 *   <li>Starts the session with the journal as its {@link Durability}, resuming at the recovered state
 *       and exactly at the journal's next sequence number, so every accepted event is persisted before
 *       it applies or runs an effect (D1).
 * </ol>
 *
 * <p>If a write or {@code force} fails, the session stops loudly (D6): the receipts of the failed batch
 * and every later {@code tell} fail with {@code SessionStoppedException}. The journal is closed at once
 * and its lock released, so a later {@code open} (in this process or another) recovers every
 * acknowledged event. Closing the {@link DurableSession} closes the session, then the journal, then the
 * lock.
 *
 * <p>The builder's {@code target} and {@code limits} must be those the session was first created with:
 * the journal records events, not the initial target and limits. {@code open} sets the builder's {@code
 * id}, {@code durability} and resume point; everything else (model client, tools, executors, listeners)
 * is used as configured.
 */
public final class DurableSessions {
  private static final Logger LOG = LoggerFactory.getLogger(DurableSessions.class);

  /** The journal file's extension. */
  public static final String EXTENSION = ".lsj";

  /** Session ids become file names, so they are restricted to a portable, path-free alphabet. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

  private DurableSessions() {}

  /** {@link #open(Path, String, DurabilityPolicy, Session.Builder, JournalChannel.Factory)} on real files. */
  public static DurableSession open(Path dir, String sessionId, DurabilityPolicy policy, Session.Builder builder)
      throws IOException {
    return open(dir, sessionId, policy, builder, JournalChannel.Factory.files());
  }

  /**
   * Opens (creating it if needed) the durable session {@code sessionId} in {@code dir}; see the class
   * comment. {@code files} lets tests inject failing or simulated disks.
   *
   * @throws JournalLockedException another writer has the session open (D5)
   * @throws JournalCorruptedException the journal is damaged before its end; nothing was changed
   * @throws JournalFormatException the file is not a journal this version reads
   * @throws JournalException (and other {@link IOException}s) when the journal cannot be read or written
   * @throws IllegalArgumentException for a session id that is not a plain file name
   * @throws IllegalStateException when the builder lacks its target or model client
   */
  public static DurableSession open(
      Path dir, String sessionId, DurabilityPolicy policy, Session.Builder builder, JournalChannel.Factory files)
      throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(builder, "builder");
    Objects.requireNonNull(files, "files");
    Path journal = journalPath(dir, sessionId);
    SessionState fresh = builder.freshState(); // fails before the lock is taken when no target is set
    Files.createDirectories(dir);

    RecoveredSession rs = JournalRecovery.recover(journal, fresh.target(), fresh.limits(), policy, files);
    Session session;
    try {
      session = builder
          .id(sessionId)
          .durability(new StopOnFailure(rs.journal()))
          .resumeFrom(rs.state(), rs.nextSeq())
          .start();
    } catch (RuntimeException e) {
      try {
        rs.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    log(sessionId, journal, policy, rs);
    return new DurableSession(session, rs.report(), journal, policy);
  }

  /** The journal file of {@code sessionId} in {@code dir}: {@code <dir>/<sessionId>.lsj}. */
  public static Path journalPath(Path dir, String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    if (!ID.matcher(sessionId).matches()) {
      throw new IllegalArgumentException("session id '" + sessionId + "' is not usable as a file name: use 1 to "
          + "200 of A-Z a-z 0-9 . _ - , not starting with a dot");
    }
    return dir.resolve(sessionId + EXTENSION);
  }

  private static void log(String id, Path journal, DurabilityPolicy policy, RecoveredSession rs) {
    RecoveryReport r = rs.report();
    SessionState s = rs.state();
    if (r.bytesTruncated() > 0 && !r.created()) {
      LOG.warn("session {}: journal {} had a torn tail; cut {} bytes ({})", id, journal, r.bytesTruncated(),
          r.tornTail().getOrElse("?"));
    }
    if (r.recoveredSeq().isDefined()) {
      LOG.warn("session {}: the previous run stopped during a turn; appended Recovered at seq {} (open calls "
              + "sealed UNKNOWN/INTERRUPTED, turn ended; {} deferred steer(s) and {} queued prompt(s) kept)",
          id, r.recoveredSeq().get(), s.deferredSteers(), s.queuedPrompts());
    }
    LOG.info("session {}: opened journal {} ({}): {} record(s) recovered, next seq {}, {} transcript message(s){}",
        id, journal, policy, r.recordsRead(), rs.nextSeq(), s.transcript().size(), r.created() ? ", new journal" : "");
  }

  /**
   * The journal as the session's durability. When {@code persist} throws, the session stops for good
   * (D6); the journal is closed right then, releasing the session's lock, so that a restart can recover
   * without waiting for the stopped session object to be closed.
   */
  private record StopOnFailure(FileJournal journal) implements Durability {
    @Override
    public void persist(long firstSeq, Vector<Event> events) throws IOException {
      try {
        journal.persist(firstSeq, events);
      } catch (IOException | RuntimeException | Error e) {
        try {
          journal.close();
        } catch (IOException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      journal.close();
    }
  }
}
