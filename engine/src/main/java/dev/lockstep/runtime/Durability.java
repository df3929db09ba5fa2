package dev.lockstep.runtime;

import dev.lockstep.machine.Event;
import io.vavr.collection.Vector;
import java.io.IOException;

/**
 * Where accepted events become durable before they are applied (rule D1). The session actor hands a
 * batch of events taken from its mailbox to {@link #persist} and applies them (and runs their effects)
 * only after it returns; one call may cover many events (group commit: one {@code force} per batch).
 * An exception stops the session loudly (rule D6): no event of the batch is applied or acknowledged.
 */
public interface Durability extends AutoCloseable {

  /**
   * Makes {@code events} durable in order, with sequence numbers {@code firstSeq}, {@code firstSeq+1},
   * …
   */
  void persist(long firstSeq, Vector<Event> events) throws IOException;

  @Override
  default void close() throws IOException {}

  /** No durability at all (tests, demos): events live in memory only. */
  static Durability none() {
    return NoDurability.INSTANCE;
  }
}
