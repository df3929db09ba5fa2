package dev.lockstep.journal;

import java.nio.file.Path;

/**
 * Another writer (another process, or another {@link FileJournal} in this JVM) holds the session's
 * lock file (rule D5: one writer per session). Nothing was read or written.
 */
public final class JournalLockedException extends JournalException {
  public JournalLockedException(Path path, String message) {
    super(path, message);
  }
}
