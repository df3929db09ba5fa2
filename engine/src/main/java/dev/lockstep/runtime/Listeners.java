package dev.lockstep.runtime;

import io.vavr.collection.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls a session's listeners one by one; an exception in one is logged and goes no further. */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final Session session;
  private final List<SessionListener> all;

  Listeners(Session session, List<SessionListener> all) {
    this.session = session;
    this.all = all;
  }

  boolean any() {
    return !all.isEmpty();
  }

  void fire(Consumer<SessionListener> call) {
    for (SessionListener l : all) {
      try {
        call.accept(l);
      } catch (Throwable t) {
        LOG.warn("session {}: listener {} threw; ignored", session.id(), l.getClass().getName(), t);
      }
    }
  }
}
