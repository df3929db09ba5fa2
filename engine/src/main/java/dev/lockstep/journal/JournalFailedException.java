package dev.lockstep.journal;

import java.nio.file.Path;

/**
 * A write or {@code force} failed (rule D6). The journal is stopped for good: this and every later
 * {@code persist} throws, and no event of the failed batch may be applied or acknowledged. A fresh
 * open (after a restart) recovers the durable prefix normally.
 */
public final class JournalFailedException extends JournalException {
  public JournalFailedException(Path path, String message, Throwable cause) {
    super(path, message, cause);
  }
}
