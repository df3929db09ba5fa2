package dev.lockstep.runtime;

/**
 * Thrown by {@link Session#tell} (and used to fail receipts) once a session no longer accepts events:
 * it was closed, or it stopped loudly because its journal could not be written (rule D6). Events
 * acknowledged before the stop are never lost; an event whose receipt failed with this exception was
 * never acknowledged.
 */
public final class SessionStoppedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String sessionId;

  public SessionStoppedException(String sessionId, String reason, Throwable cause) {
    super("session " + sessionId + " is stopped: " + reason, cause);
    this.sessionId = sessionId;
  }

  /** The id of the session that stopped. */
  public String sessionId() {
    return sessionId;
  }
}
