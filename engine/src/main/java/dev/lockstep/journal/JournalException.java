package dev.lockstep.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Base of every journal error. Always names the journal file, so the message alone tells an operator
 * which session is affected.
 */
public class JournalException extends IOException {
  private final Path path;

  public JournalException(Path path, String message) {
    super(path + ": " + message);
    this.path = path;
  }

  public JournalException(Path path, String message, Throwable cause) {
    super(path + ": " + message, cause);
    this.path = path;
  }

  /** The journal file concerned. */
  public Path path() {
    return path;
  }
}
