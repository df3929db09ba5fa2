package dev.lockstep.machine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.lockstep.json.TreeFaithfulWalk;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.machine.Notice.TurnEnd;
import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Message;
import dev.lockstep.model.NoteMessage;
import dev.lockstep.model.Outcome;
import dev.lockstep.model.Provenance;
import dev.lockstep.model.Reasoning;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.SummaryMessage;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import dev.lockstep.model.UserMessage;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.Queue;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pure turn/step reducer: {@code decide(state, event) -> decision(new state, effects)}.
 *
 * <h2>Contract</h2>
 * Total (every event in every state yields a decision; nothing throws for a legal value), deterministic
 * (the same state and event give an equal decision) and free of I/O. Porters read this class as the
 * specification; every branch names the DESIGN rule it implements.
 *
 * <h2>Shape of a turn</h2>
 * A turn starts with a prompt (or a steer when idle), then alternates a model request in flight
 * ({@link Phase#AWAITING_MODEL}) with an open step of tool slots ({@link Phase#AWAITING_TOOLS}). A step
 * enters the transcript only when sealed (P1), followed by the steers and late-result notes that
 * waited for that boundary (S1, P3), and only then is the next request sent. The turn ends on a reply
 * without calls (then waiting steers or notes buy one more request, S2), an interrupt, a model failure,
 * or the step bound (S5).
 *
 * <h2>Cost</h2>
 * Each event touches the transcript only by appending (persistent vector, O(log n), no copy) and never
 * rescans it; the only O(history) work is a compaction's completion.
 */
public final class Reducer {
  /** Makes the parsers of {@link #argumentsProblem}, configured as the mapper whose verdicts it keeps. */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Option<String> NOT_AN_OBJECT = Option.some("its arguments are not a JSON object.");
  private static final Pattern COUNTED_ID = Pattern.compile("^(.*):(\\d{1,9})$");

  private Reducer() {}

  /** Decides what {@code event} means in {@code state}. */
  public static Decision decide(SessionState state, Event event) {
    return switch (event) {
      case Event.UserPrompt p -> onPrompt(state, new UserMessage(p.text()));
      case Event.Steer s -> onSteer(state, new SteerMessage(s.text(), s.origin()));
      case Event.ModelReply r -> onReply(state, r);
      case Event.ModelError e -> onModelFailure(state, e.request(),
          "model request failed with status " + e.status() + ": " + e.message());
      case Event.RequestBlocked b -> onBlocked(state, b);
      case Event.Switch s -> onSwitch(state, s);
      case Event.ToolStarted t -> onToolStarted(state, t.call());
      case Event.ToolResult r -> onToolResult(state, r);
      case Event.Interrupt i -> onInterrupt(state, i);
      case Event.Compact c -> onCompact(state);
      case Event.CompactionDone d -> onCompactionDone(state, d);
      case Event.CompactionFailed f -> onCompactionFailed(state, f);
      case Event.Recovered r -> onRecovered(state);
    };
  }

  // ---- prompts and steers (S1, S2) ------------------------------------------------------------

  private static Decision onPrompt(SessionState s, UserMessage prompt) {
    if (s.turn().isEmpty()) {
      return startTurn(s, Option.some(prompt), Vector.empty());
    }
    // A prompt that arrives mid-turn is queued for the next turn.
    return new Decision(s.withWaiting(s.waiting().append(new Waiting.Prompt(prompt))), Vector.empty());
  }

  private static Decision onSteer(SessionState s, SteerMessage steer) {
    if (s.turn().isEmpty()) {
      // S2: when idle, a steer starts a turn like a prompt.
      return startTurn(s, Option.some(steer), Vector.empty());
    }
    // S1: a request is in flight or slots are open: wait for the step boundary.
    return new Decision(s.withWaiting(s.waiting().append(new Waiting.Steer(steer))), Vector.empty());
  }

  /**
   * Starts a turn: everything that waited (kept across an interrupt or failure, S2) enters first, in
   * arrival order, then the trigger; then the first request is sent.
   */
  private static Decision startTurn(SessionState s, Option<Message> trigger, Vector<Effect> effects) {
    Vector<Message> t = s.transcript().appendAll(s.waiting().map(Reducer::messageOf));
    t = trigger.map(t::append).getOrElse(t);
    long number = s.turns() + 1;
    SessionState started = s.withTranscript(t)
        .withWaiting(Queue.empty())
        .withTurns(number)
        .withTurn(Option.some(new Turn(number, 0, Option.none(), Option.none())));
    return sendRequest(started, effects);
  }

  /** Sends the next request of the running turn, unless the step bound is reached (S5). */
  private static Decision sendRequest(SessionState s, Vector<Effect> effects) {
    Turn turn = s.turn().get();
    if (turn.steps() >= s.limits().maxStepsPerTurn()) {
      NoteMessage note = new NoteMessage("step-limit", SyntheticText.stepLimit(turn.steps()));
      SessionState ended = s.withTranscript(s.transcript().append(note)).withTurn(Option.none());
      return new Decision(ended, effects.append(new Effect.Notify(
          new Notice.TurnEnded(turn.number(), TurnEnd.STEP_LIMIT, "step limit of " + turn.steps() + " reached"))));
    }
    long request = s.nextRequest();
    SessionState sent = s.withNextRequest(request + 1)
        .withTurn(Option.some(new Turn(turn.number(), turn.steps() + 1, Option.some(request), Option.none(),
            Option.some(s.target()))));
    return new Decision(sent, effects.append(new Effect.CallModel(request, sent.transcript(), s.target())));
  }

  // ---- model replies (S3, S4, V4) -------------------------------------------------------------

  private static Decision onReply(SessionState s, Event.ModelReply r) {
    Option<String> stale = staleness(s, r.request());
    if (stale.isDefined()) {
      return reject(s, stale.get());
    }
    Turn turn = s.turn().get();
    long request = turn.inFlight().get();
    Option<Reasoning> reasoning = r.reasoning().isDefined() || r.signature().isDefined()
        ? Option.some(new Reasoning(r.reasoning().getOrElse(""), r.signature()))
        : Option.none();
    // V3: the reply belongs to the dialect and model its request went to, not to a later switch.
    Target sentTo = turn.sentTo().getOrElse(s.target());
    Provenance provenance = new Provenance(sentTo.dialect(), sentTo.model());
    Turn awaiting = new Turn(turn.number(), turn.steps(), Option.none(), Option.none());

    if (r.calls().isEmpty()) {
      SessionState base = s.withTurn(Option.some(awaiting));
      if (r.text().isBlank()) {
        // S4: vacuous (reasoning alone included): never committed; the turn ends as a normal end.
        return endTurnNormally(base, Vector.of(new Effect.Notify(new Notice.VacuousReplyDropped(request))));
      }
      // A final answer; with finish: length the text is committed as it is.
      AssistantMessage answer = new AssistantMessage(r.text(), reasoning, Vector.empty(), provenance);
      return endTurnNormally(base.withTranscript(s.transcript().append(answer)), Vector.empty());
    }

    HashSet<String> used = s.usedCallIds();
    HashMap<String, Long> cursors = s.idCursors();
    // The small vectors of a reply are built in Java lists and converted once (Vector.append is slow).
    int n = r.calls().size();
    ArrayList<ToolCall> calls = new ArrayList<>(n);
    for (RawCall raw : r.calls()) {
      Tuple2<String, HashMap<String, Long>> assigned = uniqueId(used, cursors, raw.id());
      String id = assigned._1;
      cursors = assigned._2;
      used = used.add(id);
      calls.add(new ToolCall(id, raw.id(), raw.name(), raw.arguments(),
          whyNotRunnable(s.limits(), raw, r.effectiveFinish())));
    }
    AssistantMessage reply = new AssistantMessage(r.text(), reasoning, Vector.ofAll(calls), provenance);
    ArrayList<Slot> slots = new ArrayList<>(n);
    ArrayList<Effect> runs = new ArrayList<>(n);
    for (ToolCall call : calls) {
      if (call.runnable()) {
        slots.add(Slot.open(call));
        runs.add(new Effect.RunTool(call));
      } else {
        slots.add(Slot.open(call).seal(new ToolResultMessage(call.id(), call.rawId(), call.name(),
            SyntheticText.rejected(call, call.rejection().get()), Outcome.REJECTED)));
      }
    }
    Vector<Effect> effects = Vector.ofAll(runs);
    OpenStep step = new OpenStep(reply, Vector.ofAll(slots));
    SessionState next = s.withUsedCallIds(used).withIdCursors(cursors);
    if (step.sealed()) {
      // Nothing to run (every call rejected): seal at once and go on (P2).
      return sealStep(next.withTurn(Option.some(awaiting)), step, effects);
    }
    return new Decision(next.withTurn(Option.some(
        new Turn(turn.number(), turn.steps(), Option.none(), Option.some(step)))), effects);
  }

  /** Why a call must not run, or none (S4, V4). */
  private static Option<String> whyNotRunnable(Limits limits, RawCall raw, Finish finish) {
    if (finish == Finish.LENGTH) {
      return Option.some("the reply was cut by the output token limit (finish: length), so the call may be incomplete.");
    }
    if (raw.name().isBlank()) {
      return Option.some("the call has no tool name.");
    }
    if (limits.declaredTools().isDefined() && !limits.declaredTools().get().contains(raw.name())) {
      return Option.some("no tool named '" + raw.name() + "' is available.");
    }
    return argumentsProblem(raw.arguments());
  }

  /**
   * Why {@code arguments} is not one JSON object (V4), or none. Checked in one streaming pass, with the
   * verdicts (and messages) of {@code readTree} with trailing tokens refused: empty or blank text, a
   * scalar, {@code null} or an array is not an object; malformed text anywhere, or anything after the
   * value, is invalid JSON with the parser's own words. The parser calls are those the tree
   * deserializer makes (see {@link TreeFaithfulWalk}), so both refuse the same inputs; no tree is built.
   */
  static Option<String> argumentsProblem(String arguments) {
    try (JsonParser p = JSON.createParser(arguments)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return NOT_AN_OBJECT;
      }
      if (first != JsonToken.VALUE_NULL) {
        TreeFaithfulWalk.skip(p);
      }
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw TreeFaithfulWalk.trailingToken(p, trailing);
      }
      return first == JsonToken.START_OBJECT ? Option.none() : NOT_AN_OBJECT;
    } catch (JsonProcessingException e) {
      return Option.some("its arguments are not valid JSON (" + e.getOriginalMessage() + ").");
    } catch (IOException e) {
      // readTree(String) wraps any other IOException this way (none happens on a String source).
      return Option.some("its arguments are not valid JSON ("
          + JsonMappingException.fromUnexpectedIOE(e).getOriginalMessage() + ").");
    }
  }

  /**
   * A session-unique id for a raw id (P4, S4). The raw id is kept when unused; a reused {@code Name:N}
   * id gets the smallest unused counter above N (Kimi parses the tool name out of its ids); any other
   * reused id gets the smallest unused {@code _k} suffix (k ≥ 2). {@code cursors} remembers, per raw id,
   * the last counter handed out: used ids only ever grow, so every counter below it is still taken and
   * the search can start after it — the same ids, at a cost that does not grow with the session.
   */
  static Tuple2<String, HashMap<String, Long>> uniqueId(
      HashSet<String> used, HashMap<String, Long> cursors, String raw) {
    if (!raw.isEmpty() && !used.contains(raw)) {
      return Tuple.of(raw, cursors);
    }
    Matcher m = COUNTED_ID.matcher(raw);
    if (m.matches()) {
      long n = cursors.get(raw).getOrElse(Long.parseLong(m.group(2)));
      String candidate;
      do {
        n++;
        candidate = m.group(1) + ":" + n;
      } while (used.contains(candidate));
      return Tuple.of(candidate, cursors.put(raw, n));
    }
    String base = raw.isEmpty() ? "call" : raw;
    long k = cursors.get(raw).getOrElse(1L);
    do {
      k++;
    } while (used.contains(base + "_" + k));
    return Tuple.of(base + "_" + k, cursors.put(raw, k));
  }

  /** {@link #uniqueId(HashSet, HashMap, String)} without remembered cursors. */
  static String uniqueId(HashSet<String> used, String raw) {
    return uniqueId(used, HashMap.empty(), raw)._1;
  }

  /** A reply or failure applies only to the request in flight (S3). */
  private static Option<String> staleness(SessionState s, Option<Long> named) {
    Option<Long> inFlight = s.turn().flatMap(Turn::inFlight);
    if (inFlight.isEmpty()) {
      return Option.some(named.isDefined()
          ? "stale: request " + named.get() + " is not in flight (no model request is)"
          : "no model request is in flight");
    }
    if (named.isDefined() && !named.get().equals(inFlight.get())) {
      return Option.some("stale: request " + named.get() + " is not the one in flight (" + inFlight.get() + ")");
    }
    return Option.none();
  }

  private static Decision onModelFailure(SessionState s, Option<Long> named, String detail) {
    Option<String> stale = staleness(s, named);
    if (stale.isDefined()) {
      return reject(s, stale.get());
    }
    return endTurn(s, TurnEnd.FAILED, detail, Vector.empty());
  }

  private static Decision onBlocked(SessionState s, Event.RequestBlocked b) {
    if (s.turn().flatMap(Turn::inFlight).contains(b.request())) {
      return endTurn(s, TurnEnd.FAILED, "request " + b.request() + " was blocked by the validator: " + b.reason(),
          Vector.empty());
    }
    if (s.compaction().map(Compaction::request).contains(b.request())) {
      return abandonCompaction(s, "the summarizer request was blocked by the validator: " + b.reason());
    }
    return reject(s, "request " + b.request() + " is not in flight");
  }

  // ---- steps (P1, P2, P3) -------------------------------------------------------------------------

  private static Decision onToolStarted(SessionState s, CallRef ref) {
    Option<OpenStep> step = s.turn().flatMap(Turn::step);
    if (step.isDefined()) {
      Vector<Slot> slots = step.get().slots();
      int i = slots.indexWhere(slot -> slot.isOpen() && !slot.started() && matches(slot.call(), ref));
      if (i >= 0) {
        OpenStep next = new OpenStep(step.get().reply(), slots.update(i, slots.get(i).markStarted()));
        Turn t = s.turn().get();
        return new Decision(s.withTurn(Option.some(new Turn(t.number(), t.steps(), t.inFlight(), Option.some(next)))),
            Vector.empty());
      }
      if (slots.exists(slot -> slot.isOpen() && matches(slot.call(), ref))) {
        return reject(s, "call " + ref.value() + " has already started");
      }
    }
    Option<AbandonedCall> gone = s.abandoned().find(a -> matches(a.call(), ref));
    if (gone.isDefined()) {
      return reject(s, "call " + ref.value() + " was already sealed as " + gone.get().sealedAs() + "; it must not run");
    }
    return reject(s, unmatched(s, ref, "start"));
  }

  private static Decision onToolResult(SessionState s, Event.ToolResult r) {
    CallRef ref = r.call();
    Option<OpenStep> step = s.turn().flatMap(Turn::step);
    if (step.isDefined()) {
      Vector<Slot> slots = step.get().slots();
      int i = slots.indexWhere(slot -> slot.isOpen() && matches(slot.call(), ref));
      if (i >= 0) {
        ToolCall call = slots.get(i).call();
        ToolResultMessage result = new ToolResultMessage(call.id(), call.rawId(), call.name(), r.output(),
            r.error() ? Outcome.FAILED : Outcome.COMPLETED);
        OpenStep next = new OpenStep(step.get().reply(), slots.update(i, slots.get(i).seal(result)));
        Turn t = s.turn().get();
        if (next.sealed()) {
          return sealStep(s.withTurn(Option.some(new Turn(t.number(), t.steps(), Option.none(), Option.none()))),
              next, Vector.empty());
        }
        return new Decision(s.withTurn(Option.some(new Turn(t.number(), t.steps(), t.inFlight(), Option.some(next)))),
            Vector.empty());
      }
    }
    int a = s.abandoned().indexWhere(ab -> matches(ab.call(), ref));
    if (a >= 0) {
      // P3: a real result after INTERRUPTED/UNKNOWN is kept, as a note at the next step boundary.
      AbandonedCall gone = s.abandoned().get(a);
      NoteMessage note = new NoteMessage("late-result",
          SyntheticText.lateResult(gone.call(), gone.sealedAs(), r.output(), r.error()));
      SessionState next = s.withAbandoned(s.abandoned().removeAt(a))
          .withWaiting(s.waiting().append(new Waiting.Note(note)));
      return new Decision(next, Vector.of(new Effect.Notify(new Notice.LateResultNoted(gone.call().id()))));
    }
    // P3: a result whose call is not pending never enters the transcript.
    return reject(s, unmatched(s, ref, "answer"));
  }

  private static String unmatched(SessionState s, CallRef ref, String verb) {
    boolean known = switch (ref) {
      case CallRef.Raw raw -> s.usedCallIds().contains(raw.value());
      case CallRef.Exact exact -> s.usedCallIds().contains(exact.value());
    };
    return known
        ? "duplicate: call " + ref.value() + " is already answered"
        : "unknown call id " + ref.value() + " (no open call to " + verb + ")";
  }

  private static boolean matches(ToolCall call, CallRef ref) {
    return switch (ref) {
      case CallRef.Raw raw -> call.rawId().equals(raw.value());
      case CallRef.Exact exact -> call.id().equals(exact.value());
    };
  }

  /**
   * Commits a sealed step (P1): the reply, then one result per call in call order, then the steers and
   * notes that waited for this boundary (S1, P3); then sends the next request.
   */
  private static Decision sealStep(SessionState s, OpenStep step, Vector<Effect> effects) {
    ArrayList<Message> committed = new ArrayList<>(step.slots().size() + 1);
    committed.add(step.reply());
    for (Slot slot : step.slots()) {
      committed.add(slot.result().get());
    }
    Vector<Message> t = s.transcript().appendAll(committed);
    return sendRequest(flushBoundary(s.withTranscript(t)), effects);
  }

  /** Moves waiting steers and notes into the transcript, in arrival order; prompts keep waiting. */
  private static SessionState flushBoundary(SessionState s) {
    Tuple2<Queue<Waiting>, Queue<Waiting>> split = s.waiting().partition(Waiting::entersAtStepBoundary);
    if (split._1.isEmpty()) {
      return s;
    }
    return s.withTranscript(s.transcript().appendAll(split._1.map(Reducer::messageOf))).withWaiting(split._2);
  }

  /**
   * A reply without calls ended the turn. S2: if steers or notes wait, they enter and one more
   * request goes out in the same turn; otherwise the turn ends, and queued prompts start the next one.
   */
  private static Decision endTurnNormally(SessionState s, Vector<Effect> effects) {
    if (s.waiting().exists(Waiting::entersAtStepBoundary)) {
      return sendRequest(flushBoundary(s), effects);
    }
    Turn turn = s.turn().get();
    Vector<Effect> ended = effects.append(new Effect.Notify(
        new Notice.TurnEnded(turn.number(), TurnEnd.COMPLETED, "the model answered without tool calls")));
    SessionState idle = s.withTurn(Option.none());
    if (!idle.waiting().isEmpty()) {
      return startTurn(idle, Option.none(), ended);
    }
    return new Decision(idle, ended);
  }

  /** Ends the turn abnormally: nothing more is sent, waiting input is kept (S2). */
  private static Decision endTurn(SessionState s, TurnEnd how, String detail, Vector<Effect> effects) {
    long number = s.turn().get().number();
    return new Decision(s.withTurn(Option.none()),
        effects.append(new Effect.Notify(new Notice.TurnEnded(number, how, detail))));
  }

  // ---- interrupt and recovery (P2, S2, D4) ---------------------------------------------------------

  private static Decision onInterrupt(SessionState s, Event.Interrupt i) {
    if (s.turn().isEmpty()) {
      return reject(s, "no turn is running");
    }
    String detail = "interrupted" + i.reason().map(r -> ": " + r).getOrElse("");
    return closeTurn(s, TurnEnd.INTERRUPTED, detail, true);
  }

  private static Decision onRecovered(SessionState s) {
    SessionState cleared = s.withCompaction(Option.none());
    if (s.turn().isEmpty()) {
      return new Decision(cleared, Vector.empty());
    }
    return closeTurn(cleared, TurnEnd.RECOVERED, "the process stopped during this turn", false);
  }

  /**
   * Seals every open slot ({@code UNKNOWN} if it had started, else {@code INTERRUPTED}), commits the
   * step and ends the turn (P2). A request in flight is simply abandoned: its reply will be stale.
   */
  private static Decision closeTurn(SessionState s, TurnEnd how, String detail, boolean cancelRunning) {
    Option<OpenStep> step = s.turn().flatMap(Turn::step);
    if (step.isEmpty()) {
      return endTurn(s, how, detail, Vector.empty());
    }
    Vector<Slot> slots = step.get().slots();
    Vector<Effect> effects = Vector.empty();
    Vector<AbandonedCall> abandoned = s.abandoned();
    Vector<Slot> sealed = Vector.empty();
    for (Slot slot : slots) {
      if (!slot.isOpen()) {
        sealed = sealed.append(slot);
        continue;
      }
      ToolCall call = slot.call();
      Outcome outcome = slot.started() ? Outcome.UNKNOWN : Outcome.INTERRUPTED;
      sealed = sealed.append(slot.seal(new ToolResultMessage(call.id(), call.rawId(), call.name(),
          SyntheticText.sealedText(call, outcome), outcome)));
      abandoned = abandoned.append(new AbandonedCall(call, outcome));
      if (cancelRunning) {
        effects = effects.append(new Effect.CancelTool(call, outcome));
      }
    }
    Vector<Message> t = s.transcript().append(step.get().reply()).appendAll(sealed.map(slot -> slot.result().get()));
    return endTurn(s.withTranscript(t).withAbandoned(abandoned), how, detail, effects);
  }

  // ---- switch ------------------------------------------------------------------------------------

  private static Decision onSwitch(SessionState s, Event.Switch sw) {
    if (sw.dialect().isEmpty() && sw.model().isEmpty()) {
      return reject(s, "switch names neither a dialect nor a model");
    }
    Target next = new Target(sw.dialect().getOrElse(s.target().dialect()), sw.model().getOrElse(s.target().model()));
    return new Decision(s.withTarget(next), Vector.empty());
  }

  // ---- compaction (C1-C4) --------------------------------------------------------------------------

  private static Decision onCompact(SessionState s) {
    if (s.compaction().isDefined()) {
      return reject(s, "a compaction is already running");
    }
    if (s.transcript().isEmpty()) {
      return reject(s, "nothing to compact: the transcript is empty");
    }
    long request = s.nextRequest();
    // C1: the transcript holds sealed steps only, so its length is a sealed boundary.
    SessionState next = s.withNextRequest(request + 1)
        .withCompaction(Option.some(new Compaction(request, s.transcript().size())));
    return new Decision(next, Vector.of(
        new Effect.Summarize(request, s.transcript(), SyntheticText.COMPACTION_INSTRUCTION, s.target())));
  }

  private static Decision onCompactionDone(SessionState s, Event.CompactionDone d) {
    if (s.compaction().isEmpty()) {
      return reject(s, "no compaction is running");
    }
    if (d.summary().isBlank()) {
      return abandonCompaction(s, "the summary was empty");
    }
    int cut = s.compaction().get().cut();
    // C2: only the summarized prefix is replaced; what was committed since stays as it is.
    Vector<Message> compacted = s.transcript().drop(cut).prepend(new SummaryMessage(SyntheticText.summary(d.summary())));
    io.vavr.collection.List<Violation> broken = Invariants.checkTranscript(compacted);
    if (!broken.isEmpty()) {
      // C3: never persist a history that fails validation.
      return abandonCompaction(s, "the compacted transcript would violate " + broken.head());
    }
    return new Decision(s.withTranscript(compacted).withCompaction(Option.none()),
        Vector.of(new Effect.Notify(new Notice.CompactionApplied(cut))));
  }

  private static Decision onCompactionFailed(SessionState s, Event.CompactionFailed f) {
    if (s.compaction().isEmpty()) {
      return reject(s, "no compaction is running");
    }
    return abandonCompaction(s, "the summarizer failed" + f.message().map(m -> ": " + m).getOrElse(""));
  }

  private static Decision abandonCompaction(SessionState s, String why) {
    return new Decision(s.withCompaction(Option.none()),
        Vector.of(new Effect.Notify(new Notice.CompactionAbandoned(why))));
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private static Message messageOf(Waiting w) {
    return switch (w) {
      case Waiting.Steer st -> st.message();
      case Waiting.Note n -> n.message();
      case Waiting.Prompt p -> p.message();
    };
  }

  private static Decision reject(SessionState s, String reason) {
    return new Decision(s, Vector.of(new Effect.Rejected(reason)));
  }
}
