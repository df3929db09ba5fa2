package dev.lockstep.dialect;

/** A dialect name that is unknown, or known but not implemented yet. Never a silent fallback. */
public final class UnsupportedDialectException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnsupportedDialectException(String message) {
    super(message);
  }
}
