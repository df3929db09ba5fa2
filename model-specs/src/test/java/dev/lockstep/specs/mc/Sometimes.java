package dev.lockstep.specs.mc;

import dev.lockstep.machine.Decision;
import dev.lockstep.machine.Effect;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Notice;
import dev.lockstep.machine.Phase;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Turn;
import dev.lockstep.machine.Waiting;
import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Message;
import dev.lockstep.model.NoteMessage;
import dev.lockstep.model.Outcome;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import dev.lockstep.model.UserMessage;
import io.vavr.collection.Vector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * "Sometimes" (reachability) properties: interesting transitions the search must reach, so that the
 * safety properties are not vacuously true. Each counts how often it was seen.
 */
final class Sometimes {
  record T(SessionState pre, Event ev, Decision d, Vector<Message> appended) {
    SessionState post() {
      return d.state();
    }

    boolean accepted() {
      return !d.rejected();
    }

    boolean notice(Predicate<Notice> p) {
      return d.effects().exists(e -> e instanceof Effect.Notify n && p.test(n.notice()));
    }

    boolean requestSent() {
      return d.effects().exists(e -> e instanceof Effect.CallModel);
    }

    boolean preWaitsSteer() {
      return pre.waiting().exists(w -> w instanceof Waiting.Steer);
    }
  }

  static final Map<String, Predicate<T>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("steer deferred while a turn runs", t -> t.ev instanceof Event.Steer && t.pre.turn().isDefined());
    ALL.put("deferred steer delivered when a step seals", t -> t.ev instanceof Event.ToolResult && t.accepted()
        && t.pre.phase() == Phase.AWAITING_TOOLS && t.appended.exists(m -> m instanceof SteerMessage)
        && t.appended.exists(m -> m instanceof ToolResultMessage));
    ALL.put("steer waiting at a final answer buys one more request", t -> t.ev instanceof Event.ModelReply r
        && r.calls().isEmpty() && t.accepted() && t.preWaitsSteer() && t.requestSent());
    ALL.put("steer kept across an interrupt", t -> t.ev instanceof Event.Interrupt && t.accepted() && t.preWaitsSteer());
    ALL.put("steer kept across a model failure", t -> t.ev instanceof Event.ModelError && t.accepted() && t.preWaitsSteer());
    ALL.put("kept steer delivered ahead of the next prompt", t -> t.ev instanceof Event.UserPrompt && t.pre.turn().isEmpty()
        && t.appended.size() >= 2 && t.appended.get(0) instanceof SteerMessage);
    ALL.put("idle steer starts a turn", t -> t.ev instanceof Event.Steer && t.pre.turn().isEmpty() && t.requestSent());
    ALL.put("prompt queued during a turn", t -> t.ev instanceof Event.UserPrompt && t.pre.turn().isDefined());
    ALL.put("queued prompt starts the next turn", t -> t.ev instanceof Event.ModelReply && t.accepted()
        && t.appended.exists(m -> m instanceof UserMessage u && u.text().startsWith("u")));
    ALL.put("late result noted", t -> t.notice(n -> n instanceof Notice.LateResultNoted));
    ALL.put("late note delivered at a step boundary", t -> !(t.ev instanceof Event.UserPrompt)
        && t.appended.exists(m -> m instanceof NoteMessage n && n.kind().equals("late-result")));
    ALL.put("compaction finishes while tools run", t -> t.ev instanceof Event.CompactionDone
        && t.notice(n -> n instanceof Notice.CompactionApplied) && t.pre.phase() == Phase.AWAITING_TOOLS);
    ALL.put("compaction finishes while a request is in flight", t -> t.ev instanceof Event.CompactionDone
        && t.notice(n -> n instanceof Notice.CompactionApplied) && t.pre.phase() == Phase.AWAITING_MODEL);
    ALL.put("compaction keeps a tail committed after compact", t -> t.ev instanceof Event.CompactionDone
        && t.notice(n -> n instanceof Notice.CompactionApplied) && t.pre.compaction().get().cut() < t.pre.transcript().size());
    ALL.put("compaction failed", t -> t.ev instanceof Event.CompactionFailed && t.accepted());
    ALL.put("empty summary abandoned", t -> t.notice(n -> n instanceof Notice.CompactionAbandoned a && a.reason().contains("empty")));
    ALL.put("second compact rejected", t -> t.ev instanceof Event.Compact && t.pre.compaction().isDefined());
    ALL.put("interrupt seals a started call UNKNOWN", t -> t.ev instanceof Event.Interrupt
        && t.appended.exists(m -> m instanceof ToolResultMessage r && r.outcome() == Outcome.UNKNOWN));
    ALL.put("interrupt seals an unstarted call INTERRUPTED", t -> t.ev instanceof Event.Interrupt
        && t.appended.exists(m -> m instanceof ToolResultMessage r && r.outcome() == Outcome.INTERRUPTED));
    ALL.put("recovery seals open slots", t -> t.ev instanceof Event.Recovered && t.pre.phase() == Phase.AWAITING_TOOLS);
    ALL.put("recovery abandons the request in flight", t -> t.ev instanceof Event.Recovered && t.pre.phase() == Phase.AWAITING_MODEL);
    ALL.put("recovery drops a compaction in flight", t -> t.ev instanceof Event.Recovered && t.pre.compaction().isDefined());
    ALL.put("duplicate ids in one reply disambiguated", t -> t.ev instanceof Event.ModelReply r && t.accepted()
        && r.calls().size() == 2 && r.calls().get(0).id().equals(r.calls().get(1).id()));
    ALL.put("id reused from an earlier step disambiguated", t -> t.ev instanceof Event.ModelReply && t.accepted()
        && calls(t).exists(c -> !c.id().equals(c.rawId())) && t.pre.usedCallIds().nonEmpty());
    ALL.put("every call rejected: step sealed at once and next request sent", t -> t.ev instanceof Event.ModelReply r
        && !r.calls().isEmpty() && t.accepted() && t.requestSent());
    ALL.put("vacuous reply dropped", t -> t.notice(n -> n instanceof Notice.VacuousReplyDropped));
    ALL.put("step limit reached", t -> t.notice(n -> n instanceof Notice.TurnEnded te && te.how() == Notice.TurnEnd.STEP_LIMIT));
    ALL.put("stale reply rejected", t -> t.ev instanceof Event.ModelReply r && r.request().isDefined() && t.d.rejected()
        && t.pre.turn().flatMap(Turn::inFlight).isDefined());
    ALL.put("duplicate result rejected", t -> t.ev instanceof Event.ToolResult
        && t.d.rejection().exists(r -> r.reason().startsWith("duplicate")));
    ALL.put("unknown result rejected", t -> t.ev instanceof Event.ToolResult
        && t.d.rejection().exists(r -> r.reason().startsWith("unknown")));
    ALL.put("tool_started after seal rejected", t -> t.ev instanceof Event.ToolStarted
        && t.d.rejection().exists(r -> r.reason().contains("must not run")));
    ALL.put("interrupt while idle rejected", t -> t.ev instanceof Event.Interrupt && t.d.rejected());
  }

  private static Vector<ToolCall> calls(T t) {
    return t.post().turn().flatMap(Turn::step).map(s -> s.reply().calls())
        .getOrElse(() -> t.appended.find(m -> m instanceof AssistantMessage a && a.hasCalls())
            .map(m -> ((AssistantMessage) m).calls()).getOrElse(Vector.empty()));
  }

  private final Map<String, Long> hits = new LinkedHashMap<>();

  Sometimes() {
    ALL.keySet().forEach(k -> hits.put(k, 0L));
  }

  void record(SessionState pre, Event ev, Decision d) {
    Vector<Message> t0 = pre.transcript();
    Vector<Message> t1 = d.state().transcript();
    Vector<Message> appended = t1.size() >= t0.size() && t1.take(t0.size()).equals(t0) ? t1.drop(t0.size()) : Vector.empty();
    T t = new T(pre, ev, d, appended);
    for (Map.Entry<String, Predicate<T>> e : ALL.entrySet()) {
      if (e.getValue().test(t)) {
        hits.merge(e.getKey(), 1L, Long::sum);
      }
    }
  }

  Map<String, Long> hits() {
    return hits;
  }
}
