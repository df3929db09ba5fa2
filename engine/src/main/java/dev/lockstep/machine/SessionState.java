package dev.lockstep.machine;

import dev.lockstep.model.Message;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.Queue;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The whole state of one session, as one immutable value. Every collection is persistent, so a new
 * state shares almost all of its structure with the previous one: publishing it through one volatile
 * reference gives readers a consistent snapshot for free.
 *
 * @param transcript committed messages; only sealed steps (rule P1)
 * @param turn the running turn, if any
 * @param waiting steers, late-result notes and prompts that could not enter yet, in arrival order
 * @param compaction the compaction in flight, if any
 * @param target dialect and model that requests go to now
 * @param limits bounds (rule S5)
 * @param nextRequest id of the next model or summarizer request (ids count both kinds, from 0)
 * @param turns number of turns started so far
 * @param usedCallIds every session-unique call id handed out (rule P4)
 * @param abandoned calls sealed {@code INTERRUPTED}/{@code UNKNOWN} whose real result may still come
 * @param idCursors for each raw id that had to be disambiguated, the last counter or suffix handed
 *     out for it, so the next reuse starts after it instead of probing from the start (ids stay the
 *     same; only the cost stops growing with the history)
 */
public record SessionState(
    Vector<Message> transcript,
    Option<Turn> turn,
    Queue<Waiting> waiting,
    Option<Compaction> compaction,
    Target target,
    Limits limits,
    long nextRequest,
    long turns,
    HashSet<String> usedCallIds,
    Vector<AbandonedCall> abandoned,
    HashMap<String, Long> idCursors) {

  public SessionState {
    Objects.requireNonNull(transcript, "transcript");
    Objects.requireNonNull(turn, "turn");
    Objects.requireNonNull(waiting, "waiting");
    Objects.requireNonNull(compaction, "compaction");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(usedCallIds, "usedCallIds");
    Objects.requireNonNull(abandoned, "abandoned");
    Objects.requireNonNull(idCursors, "idCursors");
  }

  /** A state without id cursors (they are an optimisation: the reducer rebuilds them as it goes). */
  public SessionState(
      Vector<Message> transcript,
      Option<Turn> turn,
      Queue<Waiting> waiting,
      Option<Compaction> compaction,
      Target target,
      Limits limits,
      long nextRequest,
      long turns,
      HashSet<String> usedCallIds,
      Vector<AbandonedCall> abandoned) {
    this(transcript, turn, waiting, compaction, target, limits, nextRequest, turns, usedCallIds, abandoned,
        HashMap.empty());
  }

  /** A fresh, idle session. */
  public static SessionState initial(Target target, Limits limits) {
    return new SessionState(
        Vector.empty(), Option.none(), Queue.empty(), Option.none(), target, limits, 0L, 0L,
        HashSet.empty(), Vector.empty());
  }

  /** A fresh, idle session with default limits. */
  public static SessionState initial(Target target) {
    return initial(target, Limits.defaults());
  }

  /** The phase derived from the turn. */
  public Phase phase() {
    return turn.map(Turn::phase).getOrElse(Phase.IDLE);
  }

  /** Raw ids of the calls still open, in call order. */
  public Vector<String> openCallRawIds() {
    return turn.flatMap(Turn::step)
        .map(s -> s.openSlots().map(slot -> slot.call().rawId()))
        .getOrElse(Vector.empty());
  }

  /** Steers waiting for a step boundary or the next turn. */
  public int deferredSteers() {
    return waiting.count(w -> w instanceof Waiting.Steer);
  }

  /** Late-result notes waiting. */
  public int pendingNotes() {
    return waiting.count(w -> w instanceof Waiting.Note);
  }

  /** Prompts queued for the next turn. */
  public int queuedPrompts() {
    return waiting.count(w -> w instanceof Waiting.Prompt);
  }

  /** True while a compaction runs. */
  public boolean compacting() {
    return compaction.isDefined();
  }

  // ---- withers used by the reducer -------------------------------------------------------------

  SessionState withTranscript(Vector<Message> t) {
    return new SessionState(t, turn, waiting, compaction, target, limits, nextRequest, turns, usedCallIds, abandoned, idCursors);
  }

  SessionState withTurn(Option<Turn> t) {
    return new SessionState(transcript, t, waiting, compaction, target, limits, nextRequest, turns, usedCallIds, abandoned, idCursors);
  }

  SessionState withWaiting(Queue<Waiting> w) {
    return new SessionState(transcript, turn, w, compaction, target, limits, nextRequest, turns, usedCallIds, abandoned, idCursors);
  }

  SessionState withCompaction(Option<Compaction> c) {
    return new SessionState(transcript, turn, waiting, c, target, limits, nextRequest, turns, usedCallIds, abandoned, idCursors);
  }

  SessionState withTarget(Target t) {
    return new SessionState(transcript, turn, waiting, compaction, t, limits, nextRequest, turns, usedCallIds, abandoned, idCursors);
  }

  SessionState withNextRequest(long n) {
    return new SessionState(transcript, turn, waiting, compaction, target, limits, n, turns, usedCallIds, abandoned, idCursors);
  }

  SessionState withTurns(long n) {
    return new SessionState(transcript, turn, waiting, compaction, target, limits, nextRequest, n, usedCallIds, abandoned, idCursors);
  }

  SessionState withUsedCallIds(HashSet<String> ids) {
    return new SessionState(transcript, turn, waiting, compaction, target, limits, nextRequest, turns, ids, abandoned, idCursors);
  }

  SessionState withIdCursors(HashMap<String, Long> c) {
    return new SessionState(transcript, turn, waiting, compaction, target, limits, nextRequest, turns, usedCallIds, abandoned, c);
  }

  SessionState withAbandoned(Vector<AbandonedCall> a) {
    return new SessionState(transcript, turn, waiting, compaction, target, limits, nextRequest, turns, usedCallIds, a, idCursors);
  }
}
