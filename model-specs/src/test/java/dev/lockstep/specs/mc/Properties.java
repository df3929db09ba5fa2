package dev.lockstep.specs.mc;

import dev.lockstep.dialect.Dialect;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.Dialects;
import dev.lockstep.dialect.Json;
import dev.lockstep.dialect.RequestViolation;
import dev.lockstep.machine.AbandonedCall;
import dev.lockstep.machine.Decision;
import dev.lockstep.machine.Effect;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Invariants;
import dev.lockstep.machine.OpenStep;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Slot;
import dev.lockstep.machine.SyntheticText;
import dev.lockstep.machine.Target;
import dev.lockstep.machine.Turn;
import dev.lockstep.machine.Violation;
import dev.lockstep.machine.Waiting;
import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Message;
import dev.lockstep.model.NoteMessage;
import dev.lockstep.model.Outcome;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.SummaryMessage;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import dev.lockstep.model.UserMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;

/**
 * The safety properties checked after every transition, each named by the rule it enforces. They are
 * stated from the outside (pre-state, event, decision, post-state), not by re-running the reducer's own
 * code, so a wrong reducer (or a seeded bug) cannot agree with them by construction.
 */
final class Properties {
  private Properties() {}

  /** The result of checking one transition: failures, and the ghost variables after it. */
  record Checked(List<String> failures, Env env) {}

  static Checked check(Machine machine, SessionState pre, Event ev, Decision d, Env envAfterMove, boolean projectRequests) {
    List<String> f = new ArrayList<>();
    SessionState post = d.state();
    for (Violation v : Invariants.check(post)) {
      f.add(v.rule() + ": " + v.message());
    }
    // Determinism (D3: recovery is a fold, so the same event in the same state must decide the same).
    if (!machine.decide(pre, ev).equals(d)) {
      f.add("D3: the same event in the same state decided differently");
    }
    // R: a rejection changes nothing.
    if (d.rejected() && (!post.equals(pre) || d.effects().size() != 1)) {
      f.add("R: a rejected event changed the state or had effects");
    }

    // ---- transcript shape: grows by appending, except a compaction replacing exactly its prefix (C2).
    Vector<Message> t0 = pre.transcript();
    Vector<Message> t1 = post.transcript();
    Vector<Message> appended = Vector.empty();
    boolean compactedNow = ev instanceof Event.CompactionDone && !t1.equals(t0);
    if (compactedNow) {
      int cut = pre.compaction().map(c -> c.cut()).getOrElse(-1);
      if (cut < 0 || !(t1.headOption().getOrNull() instanceof SummaryMessage)
          || !t1.tail().equals(t0.drop(cut))) {
        f.add("C2: compaction did not replace exactly the summarized prefix [0," + cut + ") of " + t0.size());
      }
      if (cut > 0 && cut < t0.size() && t0.get(cut) instanceof ToolResultMessage) {
        f.add("C1: compaction cut inside a step at " + cut);
      }
    } else if (t1.size() < t0.size() || !t1.take(t0.size()).equals(t0)) {
      f.add("P1: the committed transcript was rewritten instead of appended to");
    } else {
      appended = t1.drop(t0.size());
    }

    // ---- effects: requests only with no open slot, carrying the whole transcript (P1, S1, V2).
    for (Effect e : d.effects()) {
      if (e instanceof Effect.CallModel cm) {
        Option<Turn> turn = post.turn();
        if (turn.isEmpty() || !turn.get().inFlight().contains(cm.request()) || turn.get().step().isDefined()) {
          f.add("S1: a model request was sent while tool slots are open or without becoming the request in flight");
        }
        if (!cm.transcript().equals(t1)) {
          f.add("P1: a model request does not carry the committed transcript");
        }
        Invariants.checkTranscript(cm.transcript()).forEach(v -> f.add(v.rule() + ": in a request: " + v.message()));
        if (projectRequests) {
          validateEverywhere(cm.transcript(), false, f);
        }
        if (ev instanceof Event.Interrupt || ev instanceof Event.Recovered || ev instanceof Event.ModelError) {
          f.add((ev instanceof Event.Recovered ? "D4" : "S2") + ": a request was sent on " + ev.getClass().getSimpleName());
        }
      }
      if (e instanceof Effect.Summarize sm) {
        if (!(ev instanceof Event.Compact) || !sm.prefix().equals(t0)
            || !sm.instruction().equals(SyntheticText.COMPACTION_INSTRUCTION)) {
          f.add("C4: the summarizer request is not the whole transcript at compact time plus the instruction");
        }
        if (projectRequests) {
          validateEverywhere(sm.prefix(), true, f);
        }
      }
    }

    switch (ev) {
      case Event.Steer st -> {
        if (pre.turn().isDefined()
            && (!t1.equals(t0) || !post.waiting().equals(pre.waiting().append(new Waiting.Steer(new SteerMessage(st.text(), st.origin())))))) {
          f.add("S1: a steer that arrived during a turn did not wait for the step boundary");
        }
      }
      case Event.UserPrompt p -> {
        if (pre.turn().isDefined() && !t1.equals(t0)) {
          f.add("S6: a prompt that arrived during a turn entered the transcript at once");
        }
      }
      case Event.ModelReply r -> {
        Option<Long> inFlight = pre.turn().flatMap(Turn::inFlight);
        boolean stale = inFlight.isEmpty() || (r.request().isDefined() && !r.request().equals(inFlight));
        if (stale != d.rejected()) {
          f.add("S3: a " + (stale ? "stale" : "current") + " reply was " + (stale ? "accepted" : "rejected"));
        }
        if (!stale) {
          checkReply(pre, r, d, appended, f);
        }
      }
      case Event.ModelError e -> {
        Option<Long> inFlight = pre.turn().flatMap(Turn::inFlight);
        boolean stale = inFlight.isEmpty() || (e.request().isDefined() && !e.request().equals(inFlight));
        if (stale != d.rejected()) {
          f.add("S3: a " + (stale ? "stale" : "current") + " model failure was " + (stale ? "accepted" : "rejected"));
        }
        if (!stale && (post.turn().isDefined() || !post.waiting().equals(pre.waiting()))) {
          f.add("S2: a model failure must end the turn and keep everything that waits");
        }
      }
      case Event.ToolResult r -> checkResult(pre, r, d, f);
      case Event.ToolStarted ts -> {
        boolean startable = pre.turn().flatMap(Turn::step).exists(st -> st.slots().exists(
            slot -> slot.isOpen() && !slot.started() && slot.call().rawId().equals(ts.call().value())));
        if (startable == d.rejected()) {
          f.add("P5: tool_started " + (startable ? "for an open, unstarted call was rejected" : "was accepted for a call that must not run"));
        }
      }
      case Event.Interrupt i -> {
        if (pre.turn().isEmpty() != d.rejected()) {
          f.add("S6: interrupt " + (pre.turn().isEmpty() ? "while idle was accepted" : "of a running turn was rejected"));
        }
        if (pre.turn().isDefined()) {
          checkClosed(pre, post, appended, "P2", f);
        }
      }
      case Event.Recovered r -> {
        if (pre.turn().isDefined()) {
          checkClosed(pre, post, appended, "D4", f);
        }
        if (post.compaction().isDefined()) {
          f.add("D4: a compaction in flight survived recovery");
        }
        if (!machine.decide(post, ev).state().equals(post)) {
          f.add("D4: folding Recovered twice changed the state again");
        }
      }
      case Event.Compact c -> {
        boolean refuse = pre.compaction().isDefined() || t0.isEmpty();
        if (refuse != d.rejected()) {
          f.add("C4: compact " + (refuse ? "was accepted while empty or running" : "was rejected"));
        }
      }
      case Event.CompactionDone cd -> {
        if (pre.compaction().isEmpty() && !d.rejected()) {
          f.add("C4: compaction_done without a compaction was accepted");
        }
        if (cd.summary().isBlank() && !t1.equals(t0)) {
          f.add("C3: an empty summary was applied");
        }
      }
      case Event.CompactionFailed cf -> {
        if (!t1.equals(t0)) {
          f.add("C3: a failed compaction changed the transcript");
        }
      }
      default -> { }
    }

    // ---- exactly once, in arrival order, never lost (S1, S2, S6, P3).
    long steerBits = 0;
    long promptBits = 0;
    int lastSteer = highest(envAfterMove.steersDelivered());
    int lastPrompt = highest(envAfterMove.promptsDelivered());
    for (Message m : appended) {
      if (m instanceof SteerMessage st) {
        int k = Integer.parseInt(st.text().substring(1));
        long bit = 1L << (k - 1);
        if (((envAfterMove.steersDelivered() | steerBits) & bit) != 0) {
          f.add("S1: steer " + st.text() + " entered the transcript twice");
        }
        if (k <= lastSteer) {
          f.add("S1: steer " + st.text() + " entered after a later steer");
        }
        lastSteer = Math.max(lastSteer, k);
        steerBits |= bit;
      } else if (m instanceof UserMessage u && u.text().matches("u\\d+")) {
        int k = Integer.parseInt(u.text().substring(1));
        long bit = 1L << (k - 1);
        if (((envAfterMove.promptsDelivered() | promptBits) & bit) != 0) {
          f.add("S6: prompt " + u.text() + " entered the transcript twice");
        }
        if (k <= lastPrompt) {
          f.add("S6: prompt " + u.text() + " entered after a later prompt");
        }
        lastPrompt = Math.max(lastPrompt, k);
        promptBits |= bit;
      }
    }
    Env env = envAfterMove.delivered(steerBits, promptBits);
    for (int k = 1; k <= env.steersSent(); k++) {
      String text = "s" + k;
      int waiting = post.waiting().count(w -> w instanceof Waiting.Steer ws && ws.message().text().equals(text));
      boolean delivered = (env.steersDelivered() & (1L << (k - 1))) != 0;
      if (waiting + (delivered ? 1 : 0) != 1) {
        f.add("S2: steer " + text + " is " + (waiting + (delivered ? 1 : 0) == 0 ? "lost" : "duplicated")
            + " (waiting " + waiting + ", delivered " + delivered + ")");
      }
    }
    for (int k = 1; k <= env.promptsSent(); k++) {
      String text = "u" + k;
      int waiting = post.waiting().count(w -> w instanceof Waiting.Prompt wp && wp.message().text().equals(text));
      boolean delivered = (env.promptsDelivered() & (1L << (k - 1))) != 0;
      if (waiting + (delivered ? 1 : 0) != 1) {
        f.add("S6: prompt " + text + " is lost or duplicated");
      }
    }
    // Late-result notes never vanish: each waiting note is still waiting or entered now.
    for (Waiting w : pre.waiting()) {
      if (w instanceof Waiting.Note n && !post.waiting().contains(w) && !appended.contains(n.message())) {
        f.add("P3: a late-result note vanished");
      }
    }
    return new Checked(f, env);
  }

  private static int highest(long bits) {
    return 64 - Long.numberOfLeadingZeros(bits);
  }

  /** S4, S2, V4 for an accepted reply. */
  private static void checkReply(SessionState pre, Event.ModelReply r, Decision d, Vector<Message> appended, List<String> f) {
    SessionState post = d.state();
    boolean steersOrNotesWait = pre.waiting().exists(w -> !(w instanceof Waiting.Prompt));
    if (r.calls().isEmpty()) {
      boolean vacuous = r.text().isBlank();
      if (appended.exists(m -> m instanceof AssistantMessage a && a.text().isBlank() && !a.hasCalls())) {
        f.add("S4: a vacuous reply was committed");
      }
      if (!vacuous && !appended.exists(m -> m instanceof AssistantMessage a && a.text().equals(r.text()))) {
        f.add("S4: a final answer was not committed as it is");
      }
      if (steersOrNotesWait && !d.effects().exists(e -> e instanceof Effect.CallModel)
          && !d.effects().exists(e -> e instanceof Effect.Notify n && n.notice() instanceof dev.lockstep.machine.Notice.TurnEnded te
              && te.how() == dev.lockstep.machine.Notice.TurnEnd.STEP_LIMIT)) {
        f.add("S2: steers or notes were waiting at a normal end but no further request was sent");
      }
      return;
    }
    Vector<ToolCall> calls = post.turn().flatMap(Turn::step).map(s -> s.reply().calls())
        .orElse(() -> appended.find(m -> m instanceof AssistantMessage a && a.hasCalls()).map(m -> ((AssistantMessage) m).calls()))
        .getOrElse(Vector.empty());
    if (calls.size() != r.calls().size()) {
      f.add("P1: a reply with " + r.calls().size() + " calls left " + calls.size() + " calls in the step");
      return;
    }
    for (int i = 0; i < calls.size(); i++) {
      ToolCall c = calls.get(i);
      boolean shouldRun = r.effectiveFinish() != dev.lockstep.machine.Finish.LENGTH && !r.calls().get(i).name().isBlank()
          && Json.parseObject(r.calls().get(i).arguments()).isDefined();
      if (c.runnable() != shouldRun) {
        f.add("S4: call " + c.rawId() + " runnable=" + c.runnable() + " but its arguments/finish say " + shouldRun);
      }
      if (!c.rawArguments().equals(r.calls().get(i).arguments())) {
        f.add("V4: raw arguments were not kept as received");
      }
      if (pre.usedCallIds().contains(c.id())) {
        f.add("P4: call id " + c.id() + " was handed out before");
      }
    }
  }

  /** P3: a result fills the earliest open slot with its raw id, becomes a note when abandoned, else is rejected. */
  private static void checkResult(SessionState pre, Event.ToolResult r, Decision d, List<String> f) {
    String raw = r.call().value();
    Option<OpenStep> step = pre.turn().flatMap(Turn::step);
    int slot = step.map(s -> s.slots().indexWhere(x -> x.isOpen() && x.call().rawId().equals(raw))).getOrElse(-1);
    boolean abandoned = pre.abandoned().exists(a -> a.call().rawId().equals(raw));
    SessionState post = d.state();
    if (slot >= 0) {
      if (d.rejected()) {
        f.add("P3: a result for an open call was rejected");
        return;
      }
      ToolCall call = step.get().slots().get(slot).call();
      Vector<Message> where = post.turn().flatMap(Turn::step).map(s -> s.slots().flatMap(x -> x.result().toList()).map(m -> (Message) m))
          .getOrElse(Vector.empty()).appendAll(post.transcript());
      boolean filled = where.exists(m -> m instanceof ToolResultMessage tr && tr.callId().equals(call.id())
          && tr.text().equals(r.output()) && tr.outcome() == (r.error() ? Outcome.FAILED : Outcome.COMPLETED));
      if (!filled) {
        f.add("P3: the result did not fill the earliest open slot for " + raw);
      }
      int openBefore = step.get().openSlots().size();
      int openAfter = post.turn().flatMap(Turn::step).map(s -> s.openSlots().size()).getOrElse(0);
      if (openAfter != openBefore - 1) {
        f.add("P3: one result closed " + (openBefore - openAfter) + " slots");
      }
    } else if (abandoned) {
      boolean noted = post.waiting().size() == pre.waiting().size() + 1
          && post.waiting().last() instanceof Waiting.Note n && n.message().text().contains(r.output())
          && SyntheticText.isMarked(n.message().text());
      if (d.rejected() || !noted) {
        f.add("P3: a late result for a call sealed INTERRUPTED/UNKNOWN was not kept as a note");
      }
      if (post.abandoned().size() != pre.abandoned().size() - 1) {
        f.add("P3: a late result can be noted only once");
      }
    } else if (!d.rejected()) {
      f.add("P3: a result for no pending call (duplicate or unknown) was accepted");
    }
  }

  /** P2/D4: every open slot sealed by started-ness, the step committed, the turn over, the call remembered. */
  private static void checkClosed(SessionState pre, SessionState post, Vector<Message> appended, String rule, List<String> f) {
    if (post.turn().isDefined()) {
      f.add(rule + ": the turn is still running after it was closed");
    }
    Option<OpenStep> step = pre.turn().flatMap(Turn::step);
    if (step.isEmpty()) {
      return;
    }
    for (Slot slot : step.get().slots()) {
      if (!slot.isOpen()) {
        continue;
      }
      Outcome want = slot.started() ? Outcome.UNKNOWN : Outcome.INTERRUPTED;
      boolean sealed = appended.exists(m -> m instanceof ToolResultMessage tr && tr.callId().equals(slot.call().id())
          && tr.outcome() == want && SyntheticText.isMarked(tr.text()));
      if (!sealed) {
        f.add(rule + ": open call " + slot.call().id() + " was not sealed " + want);
      }
      if (!post.abandoned().contains(new AbandonedCall(slot.call(), want))) {
        f.add(rule + ": sealed call " + slot.call().id() + " is not remembered for its late result");
      }
    }
    if (!post.waiting().equals(pre.waiting())) {
      f.add(rule + ": closing the turn changed what waits");
    }
  }

  /** V2: the request, projected through every implemented dialect (thinking on and off), is valid. */
  private static void validateEverywhere(Vector<Message> transcript, boolean compaction, List<String> f) {
    for (String name : Dialects.implemented()) {
      Dialect dialect = Dialects.forName(name);
      for (boolean thinking : new boolean[] {false, true}) {
        DialectOptions opts = DialectOptions.defaults().withThinking(thinking);
        Target target = new Target(name, "m");
        var body = compaction
            ? dialect.compactionRequest(transcript, SyntheticText.COMPACTION_INSTRUCTION, opts, target)
            : dialect.turnRequest(transcript, opts, target);
        for (RequestViolation v : dialect.validator().validate(body, opts)) {
          f.add("V2: " + name + (thinking ? "+thinking" : "") + " request invalid: " + v);
        }
      }
    }
  }
}
