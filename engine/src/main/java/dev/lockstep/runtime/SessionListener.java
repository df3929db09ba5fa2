package dev.lockstep.runtime;

import dev.lockstep.dialect.RequestViolation;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Notice;
import dev.lockstep.machine.SessionState;
import io.vavr.collection.List;

/**
 * Observes a session for an embedding UI or for tests. Every method has an empty default, so
 * implement only what you need.
 *
 * <p>Calls happen outside the actor's critical path: the state they report is already published (a
 * {@link Session#snapshot()} from any thread sees it) and the receipts already completed. Applied
 * events, rejections, notices and states are reported by the draining thread, in order, right after
 * each batch; requests and blocked requests by the effect thread that projected them. An exception
 * thrown by a listener is logged and ignored: it never reaches the session or other listeners. Keep
 * listeners short (hand work to your UI thread): the next batch waits for them.
 */
public interface SessionListener {

  /** One event was made durable and applied (accepted or rejected), in sequence order. */
  default void onApplied(Session session, Receipt receipt) {}

  /** The reducer rejected {@code event}; it changed nothing. */
  default void onRejected(Session session, Event event, String reason) {}

  /** Something informational happened (turn ended, compaction applied, late result noted, …). */
  default void onNotice(Session session, Notice notice) {}

  /** The published state after a batch of events. */
  default void onState(Session session, SessionState state) {}

  /** A request passed the dialect's validator and is about to be handed to the model client or summarizer. */
  default void onRequest(Session session, ModelRequest request) {}

  /** The validator refused a request (rule V2); it was never sent. */
  default void onRequestBlocked(Session session, long request, List<RequestViolation> violations) {}

  /** The session stopped: closed, or loudly after a failed journal write (rule D6). */
  default void onStopped(Session session, SessionStoppedException why) {}
}
