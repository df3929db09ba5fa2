package dev.lockstep.journal;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.Invariants;
import dev.lockstep.machine.Limits;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Target;
import dev.lockstep.machine.Violation;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Operator tools for a damaged journal (rule D2), the API behind a {@code lockstep doctor} command.
 * {@link #inspect} only reads; {@link #salvage} keeps the longest valid prefix and never deletes data:
 * the original bytes are first copied, durably, to {@code <journal>.damaged-<UTC time>}, then the
 * journal is atomically replaced by its valid prefix. At every instant the journal path holds either
 * the original or the salvaged file. Both take the session's lock, so they refuse to run while a
 * writer has the session open.
 */
public final class JournalSalvage {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private JournalSalvage() {}

  /**
   * What salvage did.
   *
   * @param changed false when there was nothing to salvage (the journal was intact or only had a torn
   *     tail, which a normal open cuts by itself) and nothing was written
   * @param recordsKept records in the salvaged journal
   * @param bytesDropped bytes of the original not kept
   * @param damage the damage that was cut away, if any
   * @param damagedCopy where the original bytes were saved
   */
  public record SalvageReport(
      boolean changed, long recordsKept, long bytesDropped, Option<JournalScan.Damage> damage, Option<Path> damagedCopy) {}

  /**
   * What a journal holds, for an operator (the {@code lockstep doctor} report).
   *
   * @param scan the records, the valid end and the first damage
   * @param state the reducer folded over the valid prefix from {@code SessionState.initial(target,
   *     limits)} (rule D3): what a normal open (after a salvage, if the journal is corrupted) recovers,
   *     before its {@code Recovered} record
   * @param violations {@link Invariants} broken by {@code state}; always empty unless there is a bug
   */
  public record Diagnosis(JournalScan scan, SessionState state, List<Violation> violations) {
    /** True when the next open appends a {@code Recovered} record (a turn or compaction was open, rule D4). */
    public boolean needsRecovered() {
      return state.turn().isDefined() || state.compaction().isDefined();
    }

    /** The state the next open resumes at: {@code state}, closed by {@code Recovered} when needed. */
    public SessionState resumedState() {
      return needsRecovered() ? Reducer.decide(state, new Event.Recovered()).state() : state;
    }
  }

  /**
   * Scans the journal and folds its valid prefix, without changing it. {@code target} and {@code
   * limits} should be those the session was created with (the journal does not record them).
   */
  public static Diagnosis diagnose(Path journal, Target target, Limits limits) throws IOException {
    JournalScan scan = inspect(journal);
    SessionState s = SessionState.initial(target, limits);
    for (JournalScan.Record r : scan.records()) {
      try {
        s = Reducer.decide(s, r.event()).state();
      } catch (RuntimeException e) {
        throw new JournalException(journal, "the reducer failed on record seq " + r.seq() + " (a bug, please report)", e);
      }
    }
    return new Diagnosis(scan, s, Invariants.check(s));
  }

  /** Scans the journal without changing it. */
  public static JournalScan inspect(Path journal) throws IOException {
    try (SessionLock lock = SessionLock.acquire(journal)) {
      return JournalScan.of(journal, Files.readAllBytes(journal), false);
    }
  }

  /**
   * Keeps the valid prefix of a corrupted journal: every record before the first damage (a damaged
   * header is read past). Records after the damage, valid or not, stay only in the saved copy.
   */
  public static SalvageReport salvage(Path journal) throws IOException {
    try (SessionLock lock = SessionLock.acquire(journal)) {
      byte[] bytes = Files.readAllBytes(journal);
      JournalScan strict = JournalScan.of(journal, bytes, false);
      if (!strict.corrupted()) {
        return new SalvageReport(false, strict.records().size(), 0, strict.damage(), Option.none());
      }
      JournalScan scan = JournalScan.of(journal, bytes, true);
      Path dir = journal.toAbsolutePath().getParent();
      Path copy = uniqueSibling(journal, ".damaged-" + STAMP.format(Instant.now()));
      Files.copy(journal, copy, StandardCopyOption.COPY_ATTRIBUTES);
      forceFile(copy);
      JournalChannel.Factory.files().syncDirectory(dir);

      Path tmp = uniqueSibling(journal, ".salvage-tmp");
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.allocate((int) scan.validEnd());
        b.put(JournalFormat.header());
        b.put(bytes, JournalFormat.HEADER_SIZE, (int) scan.validEnd() - JournalFormat.HEADER_SIZE);
        b.flip();
        while (b.hasRemaining()) {
          out.write(b);
        }
        out.force(true);
      }
      Files.move(tmp, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      JournalChannel.Factory.files().syncDirectory(dir);
      return new SalvageReport(true, scan.records().size(), bytes.length - scan.validEnd(), strict.damage(),
          Option.some(copy));
    }
  }

  private static Path uniqueSibling(Path journal, String suffix) {
    Path p = journal.resolveSibling(journal.getFileName() + suffix);
    for (int i = 1; Files.exists(p); i++) {
      p = journal.resolveSibling(journal.getFileName() + suffix + "-" + i);
    }
    return p;
  }

  private static void forceFile(Path p) throws IOException {
    try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
      c.force(true);
    }
  }
}
