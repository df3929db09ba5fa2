package dev.lockstep.journal;

import java.nio.file.Path;

/**
 * The journal is damaged somewhere other than a torn tail (rule D2): a bad record followed by valid
 * ones, a damaged header, or a record whose checksum is valid but whose content cannot be used. The
 * session refuses to open; {@link JournalSalvage#salvage(Path)} keeps the valid prefix (and a copy of
 * the damaged file) when the user decides to accept the loss.
 */
public final class JournalCorruptedException extends JournalException {
  private final long offset;
  private final String reason;

  public JournalCorruptedException(Path path, long offset, String reason) {
    super(path, "journal corrupted at byte offset " + offset + ": " + reason
        + ". The session was not opened and the file was not changed. Inspect it with `lockstep doctor "
        + path + "`; to keep the valid prefix (the records before this offset) and move the damaged file "
        + "aside, run `lockstep doctor --salvage " + path + "` (API: JournalSalvage.salvage(path)).");
    this.offset = offset;
    this.reason = reason;
  }

  /** Byte offset of the first damaged byte range (the start of the bad record, or 0 for the header). */
  public long offset() {
    return offset;
  }

  /** What is wrong there. */
  public String reason() {
    return reason;
  }
}
