package dev.lockstep.model;

/**
 * How a tool call ended (rule P2). Every call in a committed step has exactly one.
 *
 * <ul>
 *   <li>{@link #COMPLETED} the tool ran and returned a result;
 *   <li>{@link #FAILED} the tool ran and failed (exception, error result, timeout);
 *   <li>{@link #REJECTED} the call was never run (invalid arguments, unknown tool, reply cut by
 *       {@code max_tokens});
 *   <li>{@link #INTERRUPTED} cancelled before it started;
 *   <li>{@link #UNKNOWN} it had started when the turn was interrupted or the process died: its effect
 *       is unknown.
 * </ul>
 */
public enum Outcome {
  COMPLETED,
  FAILED,
  REJECTED,
  INTERRUPTED,
  UNKNOWN
}
