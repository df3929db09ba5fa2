package dev.lockstep.journal;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.Invariants;
import dev.lockstep.machine.Limits;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Target;
import dev.lockstep.machine.Violation;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a session's journal for writing and rebuilds its state (rules D2–D5).
 *
 * <ol>
 *   <li>Takes the session's lock ({@link JournalLockedException} if another writer holds it).
 *   <li>Scans the file ({@link JournalScan}). Corruption in the middle throws {@link
 *       JournalCorruptedException} with its byte offset and nothing is modified; a torn tail is cut
 *       (and forced) before anything is appended, and reported; a new or half-created file gets its
 *       header.
 *   <li>Folds {@link Reducer#decide} over the events from {@link SessionState#initial} (rule D3) and
 *       checks {@link Invariants} on the result. Scanning and folding happen before the file is
 *       touched; for a large journal they overlap on two threads ({@link ScanAndFold}).
 *   <li>If the state has a turn or a compaction open, appends one durable {@link Event.Recovered} and
 *       folds it (rule D4). A crash during or after that append is harmless: a torn {@code Recovered}
 *       is cut and written again; a complete one left nothing open, so no second one is written; and
 *       folding {@code Recovered} on a closed state changes nothing.
 * </ol>
 */
public final class JournalRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

  private JournalRecovery() {}

  /** {@link #recover(Path, Target, Limits, DurabilityPolicy, JournalChannel.Factory)} on real files. */
  public static RecoveredSession recover(Path journal, Target target, Limits limits, DurabilityPolicy policy)
      throws IOException {
    return recover(journal, target, limits, policy, JournalChannel.Factory.files());
  }

  /**
   * Opens (creating if needed) the journal at {@code journal} and recovers the session it holds.
   * {@code target} and {@code limits} give the initial state the journal's events are folded from; they
   * must be those the session was created with.
   */
  public static RecoveredSession recover(
      Path journal, Target target, Limits limits, DurabilityPolicy policy, JournalChannel.Factory files)
      throws IOException {
    SessionLock lock = SessionLock.acquire(journal);
    JournalChannel channel = null;
    FileJournal opened = null;
    try {
      channel = files.open(journal);
      // Scan and fold before anything is modified (the fold is pure; a corrupted journal discards it).
      ScanAndFold.Result folded = ScanAndFold.run(journal, readAll(journal, channel), SessionState.initial(target, limits));
      JournalScan scan = folded.scan();
      if (scan.corrupted()) {
        JournalScan.Damage d = scan.damage().get();
        throw new JournalCorruptedException(journal, d.offset(), d.reason());
      }
      boolean created = false;
      long truncated = 0;
      Option<String> torn = scan.damage().map(JournalScan.Damage::reason);
      if (!scan.headerValid()) {
        created = true;
        truncated = scan.fileSize();
        channel.truncate(0);
        ByteBuffer h = ByteBuffer.wrap(JournalFormat.header());
        long at = 0;
        while (h.hasRemaining()) {
          at += channel.write(h, at);
        }
        channel.force();
        files.syncDirectory(journal.toAbsolutePath().getParent());
      } else if (scan.damage().isDefined()) {
        truncated = scan.fileSize() - scan.validEnd();
        channel.truncate(scan.validEnd());
        channel.force();
        LOG.warn("journal {}: cut a torn tail of {} bytes at offset {}: {}", journal, truncated, scan.validEnd(),
            torn.get());
      }

      SessionState state = folded.state();
      long nextSeq = scan.nextSeq();
      check(journal, state, nextSeq - 1);
      long end = scan.headerValid() ? scan.validEnd() : JournalFormat.HEADER_SIZE;
      opened = new FileJournal(journal, policy, channel, lock, nextSeq, end);

      Option<Long> recoveredSeq = Option.none();
      if (state.turn().isDefined() || state.compaction().isDefined()) {
        opened.persist(nextSeq, Vector.of(new Event.Recovered()));
        state = ScanAndFold.fold(journal, state, nextSeq, new Event.Recovered());
        check(journal, state, nextSeq);
        recoveredSeq = Option.some(nextSeq);
        nextSeq++;
      }
      RecoveryReport report = new RecoveryReport(scan.records().size(), created, truncated,
          created ? Option.none() : torn, recoveredSeq);
      return new RecoveredSession(opened, state, nextSeq, report);
    } catch (IOException | RuntimeException e) {
      closeQuietly(e, opened, channel, lock);
      throw e;
    }
  }

  /** Invariants are checked once on the folded state (checking after every record would be O(n²)). */
  private static void check(Path journal, SessionState s, long lastSeq) throws JournalException {
    List<Violation> v = Invariants.check(s);
    if (!v.isEmpty()) {
      throw new JournalException(journal, "replaying up to record seq " + lastSeq + " gave an invalid state "
          + v + " (a bug, please report)");
    }
  }

  /** The whole file, read through {@code channel}. */
  static byte[] readAll(Path path, JournalChannel channel) throws IOException {
    long size = channel.size();
    if (size > Integer.MAX_VALUE - 16) {
      throw new JournalException(path, "journal of " + size + " bytes is larger than this version can recover");
    }
    ByteBuffer b = ByteBuffer.allocate((int) size);
    while (b.hasRemaining()) {
      int r = channel.read(b, b.position());
      if (r < 0) {
        throw new JournalException(path, "journal shrank while being read (another writer?)");
      }
    }
    return b.array();
  }

  private static void closeQuietly(Exception cause, FileJournal opened, JournalChannel channel, SessionLock lock) {
    try {
      if (opened != null) {
        opened.close();
        return;
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
    try {
      lock.close();
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
