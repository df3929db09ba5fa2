package dev.lockstep.replay;

/** A trace that cannot be read: bad JSON, an unknown event type, a missing or ill-typed field. */
public final class TraceFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TraceFormatException(String message) {
    super(message);
  }

  public TraceFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
