package dev.lockstep.dialect.errors;

/**
 * What a provider error means for the caller (rule V5).
 *
 * <ul>
 *   <li>{@link #SCHEMA}: the request broke a provider rule; never retried blindly — repair once, then
 *       fail the turn with the session intact;
 *   <li>{@link #RATE_LIMIT}, {@link #OVERLOAD}: transient; retry with bounded exponential backoff;
 *   <li>{@link #AUTH}: credentials, permissions or account quota; needs a human;
 *   <li>{@link #CONTEXT_TOO_LONG}: the history no longer fits; triggers compaction;
 *   <li>{@link #UNKNOWN}: anything else; fails the turn without retry.
 * </ul>
 */
public enum ErrorClass {
  SCHEMA,
  RATE_LIMIT,
  OVERLOAD,
  AUTH,
  CONTEXT_TOO_LONG,
  UNKNOWN;

  /** True for the classes a client retries with backoff. */
  public boolean retryable() {
    return this == RATE_LIMIT || this == OVERLOAD;
  }
}
