package dev.lockstep.journal;

import java.nio.file.Path;

/**
 * The file is not a Lockstep journal this version can read: wrong magic, or a format version newer
 * than supported. Nothing was modified.
 */
public final class JournalFormatException extends JournalException {
  public JournalFormatException(Path path, String message) {
    super(path, message);
  }
}
