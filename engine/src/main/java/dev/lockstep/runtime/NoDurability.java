package dev.lockstep.runtime;

import dev.lockstep.machine.Event;
import io.vavr.collection.Vector;

/**
 * {@link Durability#none()}: keeps nothing. A single instance, so that the session actor can tell it
 * apart and skip building the batch it would only throw away.
 */
final class NoDurability implements Durability {
  static final NoDurability INSTANCE = new NoDurability();

  private NoDurability() {}

  @Override
  public void persist(long firstSeq, Vector<Event> events) {}

  @Override
  public String toString() {
    return "Durability.none()";
  }
}
