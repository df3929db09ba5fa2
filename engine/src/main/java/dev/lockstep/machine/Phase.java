package dev.lockstep.machine;

/** Where a session stands: no turn, a model request in flight, or tool slots open. */
public enum Phase {
  IDLE,
  AWAITING_MODEL,
  AWAITING_TOOLS;

  /** The trace spelling ({@code idle}, {@code awaiting_model}, {@code awaiting_tools}). */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
