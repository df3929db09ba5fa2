package dev.lockstep.specs.mc;

import dev.lockstep.machine.AbandonedCall;
import dev.lockstep.machine.Compaction;
import dev.lockstep.machine.Decision;
import dev.lockstep.machine.Effect;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.OpenStep;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Slot;
import dev.lockstep.machine.Turn;
import dev.lockstep.machine.Waiting;
import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Message;
import dev.lockstep.model.Outcome;
import dev.lockstep.model.Provenance;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.SummaryMessage;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import io.vavr.collection.Queue;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.List;

/**
 * Seeded bugs, each a wrapper around {@link Reducer#decide} (the reducer itself is untouched). Each one
 * reproduces a failure reported in the wild; the model checker must catch every one. Select one for
 * an ad-hoc run with {@code -Dlockstep.mutant=M3}.
 */
public record Mutant(String id, String slug, String rule, String description, String reported, Machine machine) {

  public static List<Mutant> all() {
    return List.of(
        new Mutant("M1", "steer-on-arrival", "S1", "deliver a steer on arrival, mid-step",
            "kimi-code #705 (Read:158)", (s, e) -> {
              if (e instanceof Event.Steer st && s.turn().isDefined()) {
                return new Decision(with(s, s.transcript().append(new SteerMessage(st.text(), st.origin()))), Vector.empty());
              }
              return Reducer.decide(s, e);
            }),
        new Mutant("M2", "forget-slot-on-interrupt", "P2", "forget one open slot when interrupted",
            "pi-mono abort loop, codex #394", (s, e) -> {
              Decision d = Reducer.decide(s, e);
              if (e instanceof Event.Interrupt && s.phase() == dev.lockstep.machine.Phase.AWAITING_TOOLS) {
                Vector<Message> t = d.state().transcript();
                int last = t.lastIndexWhere(m -> m instanceof ToolResultMessage r
                    && (r.outcome() == Outcome.INTERRUPTED || r.outcome() == Outcome.UNKNOWN));
                if (last >= 0) {
                  return new Decision(with(d.state(), t.removeAt(last)), d.effects());
                }
              }
              return d;
            }),
        new Mutant("M3", "compaction-cuts-inside-step", "C1", "cut the compaction prefix inside a step",
            "kimi-code PR #1308, semantic-kernel #12708", (s, e) -> {
              Decision d = Reducer.decide(s, e);
              if (e instanceof Event.Compact && d.state().compaction().isDefined()) {
                Vector<Message> t = s.transcript();
                int cut = t.indexWhere(m -> m instanceof ToolResultMessage);
                if (cut > 0) {
                  Compaction c = d.state().compaction().get();
                  return new Decision(withCompaction(d.state(), Option.some(new Compaction(c.request(), cut))), d.effects());
                }
              }
              return d;
            }),
        new Mutant("M4", "accept-duplicate-results", "P3", "accept a duplicate result",
            "CopilotKit #6201, hermes-agent #102629", (s, e) -> {
              Decision d = Reducer.decide(s, e);
              if (e instanceof Event.ToolResult r && d.rejection().exists(x -> x.reason().startsWith("duplicate"))) {
                ToolResultMessage dup = new ToolResultMessage(r.call().value(), r.call().value(), "Read", r.output(), Outcome.COMPLETED);
                return new Decision(with(s, s.transcript().append(dup)), Vector.empty());
              }
              return d;
            }),
        new Mutant("M5", "drop-late-results", "P3", "drop a late result (id no longer pending)",
            "kimi-code tool.result handler (catalog J6)", (s, e) -> {
              if (e instanceof Event.ToolResult r && s.abandoned().exists(a -> a.call().rawId().equals(r.call().value()))
                  && s.turn().flatMap(Turn::step).forAll(st -> st.openSlots().forAll(x -> !x.call().rawId().equals(r.call().value())))) {
                return new Decision(s, Vector.of(new Effect.Rejected("unknown call id " + r.call().value())));
              }
              return Reducer.decide(s, e);
            }),
        new Mutant("M6", "request-while-slots-open", "S1", "send the next request when the first of several results arrives",
            "semantic-kernel #7626, kimi-code #1195", (s, e) -> {
              Decision d = Reducer.decide(s, e);
              if (e instanceof Event.ToolResult && !d.rejected() && d.state().phase() == dev.lockstep.machine.Phase.AWAITING_TOOLS
                  && s.phase() == dev.lockstep.machine.Phase.AWAITING_TOOLS) {
                return new Decision(d.state(), d.effects().append(new Effect.CallModel(d.state().nextRequest(),
                    d.state().transcript(), d.state().target())));
              }
              return d;
            }),
        new Mutant("M7", "drop-steers-at-turn-end", "S2", "lose the steers waiting when the turn ends normally",
            "kimi-cli _agent_loop stale-steer drain (catalog J1)", (s, e) -> {
              if (e instanceof Event.ModelReply r && r.calls().isEmpty() && s.turn().flatMap(Turn::inFlight).isDefined()
                  && r.request().isEmpty()) {
                return Reducer.decide(withWaiting(s, s.waiting().filter(w -> !(w instanceof Waiting.Steer))), e);
              }
              return Reducer.decide(s, e);
            }),
        new Mutant("M8", "interrupt-discards-waiting", "S2", "discard waiting steers and prompts on interrupt",
            "kimi-cli stale steers discarded at next turn start (catalog J1)", (s, e) -> {
              Decision d = Reducer.decide(s, e);
              if (e instanceof Event.Interrupt && !d.rejected()) {
                return new Decision(withWaiting(d.state(), Queue.empty()), d.effects());
              }
              return d;
            }),
        new Mutant("M9", "stale-reply-accepted", "S3", "apply a reply to an old request to the one in flight",
            "t3code PR #5795 phantom turn ids (catalog J2)", (s, e) -> {
              if (e instanceof Event.ModelReply r && r.request().isDefined() && s.turn().flatMap(Turn::inFlight).isDefined()) {
                return Reducer.decide(s, new Event.ModelReply(r.text(), r.reasoning(), r.signature(), r.calls(), r.finish(), Option.none()));
              }
              return Reducer.decide(s, e);
            }),
        new Mutant("M10", "commit-vacuous-reply", "S4", "commit a reply with neither text nor calls",
            "kimi-code PR #1968, FastGPT #3575", (s, e) -> {
              Decision d = Reducer.decide(s, e);
              if (e instanceof Event.ModelReply r && r.calls().isEmpty() && r.text().isBlank() && !d.rejected()) {
                AssistantMessage empty = new AssistantMessage("", Option.none(), Vector.empty(), new Provenance("openai-chat", ""));
                return new Decision(with(d.state(), s.transcript().append(empty).appendAll(d.state().transcript().drop(s.transcript().size()))), d.effects());
              }
              return d;
            }),
        new Mutant("M11", "compaction-replaces-everything", "C2", "replace the whole transcript, not just the summarized prefix",
            "kimi-code #1241 CMP-02 (appends lost during compaction)", (s, e) -> {
              Decision d = Reducer.decide(s, e);
              if (e instanceof Event.CompactionDone && d.state().transcript().headOption().exists(m -> m instanceof SummaryMessage)
                  && s.compaction().isDefined()) {
                return new Decision(with(d.state(), Vector.of(d.state().transcript().head())), d.effects());
              }
              return d;
            }),
        new Mutant("M12", "recovery-resends-request", "D4", "re-send the request that was in flight at the crash",
            "codex #29773 (resumed turn replays the open call)", (s, e) -> {
              if (e instanceof Event.Recovered && s.phase() == dev.lockstep.machine.Phase.AWAITING_MODEL) {
                Turn t = s.turn().get();
                long req = s.nextRequest();
                SessionState resent = new SessionState(s.transcript(), Option.some(new Turn(t.number(), t.steps(), Option.some(req), Option.none())),
                    s.waiting(), Option.none(), s.target(), s.limits(), req + 1, s.turns(), s.usedCallIds(), s.abandoned());
                return new Decision(resent, Vector.of(new Effect.CallModel(req, s.transcript(), s.target())));
              }
              return Reducer.decide(s, e);
            }),
        new Mutant("M13", "started-call-sealed-interrupted", "P2", "seal a call that had started as INTERRUPTED (claims it did not run)",
            "hermes-agent #49201 (re-issued side effects)", (s, e) -> {
              Decision d = Reducer.decide(s, e);
              if (e instanceof Event.Interrupt && !d.rejected()) {
                Vector<Message> t = d.state().transcript().map(m -> m instanceof ToolResultMessage r && r.outcome() == Outcome.UNKNOWN
                    ? new ToolResultMessage(r.callId(), r.rawId(), r.name(), "[lockstep:interrupted] not run", Outcome.INTERRUPTED) : m);
                Vector<AbandonedCall> a = d.state().abandoned().map(x -> x.sealedAs() == Outcome.UNKNOWN
                    ? new AbandonedCall(x.call(), Outcome.INTERRUPTED) : x);
                SessionState st = d.state();
                return new Decision(new SessionState(t, st.turn(), st.waiting(), st.compaction(), st.target(), st.limits(),
                    st.nextRequest(), st.turns(), st.usedCallIds(), a), d.effects());
              }
              return d;
            }),
        new Mutant("M14", "no-id-disambiguation", "P4", "keep duplicate raw ids as they are",
            "openclaw PR #47136, oh-my-pi #2055", (s, e) -> {
              Decision d = Reducer.decide(s, e);
              if (e instanceof Event.ModelReply && !d.rejected() && d.state().turn().flatMap(Turn::step).isDefined()) {
                Turn t = d.state().turn().get();
                OpenStep st = t.step().get();
                Vector<ToolCall> raw = st.reply().calls().map(c -> new ToolCall(c.rawId(), c.rawId(), c.name(), c.rawArguments(), c.rejection()));
                Vector<Slot> slots = st.slots().zip(raw).map(p -> new Slot(p._2, p._1.started(), p._1.result().map(r ->
                    new ToolResultMessage(p._2.id(), r.rawId(), r.name(), r.text(), r.outcome()))));
                AssistantMessage a = st.reply();
                OpenStep step = new OpenStep(new AssistantMessage(a.text(), a.reasoning(), raw, a.provenance()), slots);
                SessionState ss = d.state();
                return new Decision(new SessionState(ss.transcript(), Option.some(new Turn(t.number(), t.steps(), t.inFlight(), Option.some(step))),
                    ss.waiting(), ss.compaction(), ss.target(), ss.limits(), ss.nextRequest(), ss.turns(),
                    s.usedCallIds().addAll(raw.map(ToolCall::id)), ss.abandoned()), d.effects());
              }
              return d;
            }),
        new Mutant("M15", "steer-delivered-twice", "S1", "deliver a steer at the step boundary but keep it queued too",
            "kimi-code #1340 strict dedupe (duplicated messages)", (s, e) -> {
              Decision d = Reducer.decide(s, e);
              Queue<Waiting> before = s.waiting().filter(w -> w instanceof Waiting.Steer);
              if (e instanceof Event.ToolResult && !before.isEmpty() && d.state().waiting().count(w -> w instanceof Waiting.Steer) == 0) {
                return new Decision(withWaiting(d.state(), d.state().waiting().appendAll(before)), d.effects());
              }
              return d;
            }));
  }

  static SessionState with(SessionState s, Vector<Message> t) {
    return new SessionState(t, s.turn(), s.waiting(), s.compaction(), s.target(), s.limits(), s.nextRequest(), s.turns(),
        s.usedCallIds(), s.abandoned());
  }

  static SessionState withWaiting(SessionState s, Queue<Waiting> w) {
    return new SessionState(s.transcript(), s.turn(), w, s.compaction(), s.target(), s.limits(), s.nextRequest(), s.turns(),
        s.usedCallIds(), s.abandoned());
  }

  static SessionState withCompaction(SessionState s, Option<Compaction> c) {
    return new SessionState(s.transcript(), s.turn(), s.waiting(), c, s.target(), s.limits(), s.nextRequest(), s.turns(),
        s.usedCallIds(), s.abandoned());
  }
}
