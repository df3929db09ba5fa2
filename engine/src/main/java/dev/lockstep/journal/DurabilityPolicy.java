package dev.lockstep.journal;

/**
 * When {@link FileJournal#persist} forces records to stable storage (rules D1, D6). Under {@link
 * #FSYNC_EACH} and {@link #GROUP_COMMIT} an event is on disk before {@code persist} returns, so before
 * the actor applies it or runs any of its effects.
 */
public enum DurabilityPolicy {
  /** One {@code force} after every record. Slowest; the durable point advances record by record. */
  FSYNC_EACH,
  /**
   * One {@code force} per {@code persist} call, after writing the whole batch. The session actor hands
   * over everything waiting in its mailbox as one batch, so concurrent producers share one force.
   */
  GROUP_COMMIT,
  /**
   * Never force: records reach the OS page cache only. Survives a process crash, not a power loss or
   * kernel crash. For tests and demos.
   */
  NONE
}
