package dev.lockstep.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Dialect;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.Dialects;
import dev.lockstep.dialect.Json;
import dev.lockstep.dialect.RequestViolation;
import dev.lockstep.machine.Decision;
import dev.lockstep.machine.Effect;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Invariants;
import dev.lockstep.machine.Limits;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Target;
import dev.lockstep.machine.Violation;
import io.vavr.collection.HashSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Drives one session with a trace, the trace standing in for the model and the tools, and produces
 * the replay output of TRACE-FORMAT v1.
 *
 * <p>Every request the reducer emits is projected into its target dialect and checked by that
 * dialect's independent validator; a refused request is listed with {@code "blocked": true} and fed
 * back as {@link Event.RequestBlocked} (rule V2). A {@code crash} rebuilds the state by folding the
 * journal of accepted events (rule D3) — minus the last event when its record was torn — and then
 * applies one {@link Event.Recovered} (rule D4). Invariants are checked after every transition; a
 * broken one is reported under {@code violations} with its rule id.
 */
public final class Replayer {

  private Replayer() {}

  /**
   * Replays {@code trace}.
   *
   * @throws dev.lockstep.dialect.UnsupportedDialectException when the trace asks for a dialect that is
   *     unknown or not implemented (checked before anything runs)
   */
  public static ReplayResult replay(Trace trace) {
    Dialects.forName(trace.dialect());
    for (TraceStep step : trace.steps()) {
      if (step instanceof TraceStep.Deliver d && d.event() instanceof Event.Switch sw) {
        sw.dialect().forEach(Dialects::forName);
      }
    }
    Run run = new Run(trace);
    int index = 0;
    for (TraceStep step : trace.steps()) {
      switch (step) {
        case TraceStep.Deliver d -> run.deliver(index, d.event());
        case TraceStep.Crash c -> run.crash(index, c.tornBytes());
      }
      index++;
    }
    return run.result();
  }

  /** Limits a trace implies: declared tools, when it declares any. */
  static Limits limitsOf(Trace trace) {
    DialectOptions o = trace.options();
    return o.tools().isEmpty()
        ? Limits.defaults()
        : new Limits(Limits.DEFAULT_MAX_STEPS, Option.some(HashSet.ofAll(o.tools().map(t -> t.name()))));
  }

  /** Events applied for one trace line (the event plus the runtime's own follow-ups) and what they emitted. */
  private static final class Group {
    final int traceIndex;
    final List<Event> events = new ArrayList<>();

    Group(int traceIndex) {
      this.traceIndex = traceIndex;
    }
  }

  private record Emitted(Group group, ObjectNode json) {}

  private static final class Run {
    final Trace trace;
    final SessionState initial;
    SessionState state;
    final List<Group> journal = new ArrayList<>();
    final List<Emitted> requests = new ArrayList<>();
    final List<Emitted> rejected = new ArrayList<>();
    final List<Emitted> violations = new ArrayList<>();

    Run(Trace trace) {
      this.trace = trace;
      this.initial = SessionState.initial(new Target(trace.dialect(), trace.model()), limitsOf(trace));
      this.state = initial;
    }

    void deliver(int index, Event event) {
      Group g = new Group(index);
      journal.add(g);
      apply(g, event);
    }

    void crash(int index, int tornBytes) {
      if (tornBytes > 0 && !journal.isEmpty()) {
        Group torn = journal.remove(journal.size() - 1);
        requests.removeIf(e -> e.group() == torn);
        rejected.removeIf(e -> e.group() == torn);
        violations.removeIf(e -> e.group() == torn);
      }
      SessionState recovered = initial;
      for (Group g : journal) {
        for (Event e : g.events) {
          recovered = Reducer.decide(recovered, e).state();
        }
      }
      if (tornBytes <= 0 && !recovered.equals(state)) {
        violations.add(new Emitted(null, violation("D3", "the state folded from the journal differs from the live state", index)));
      }
      state = recovered;
      Group g = new Group(index);
      journal.add(g);
      apply(g, new Event.Recovered());
    }

    void apply(Group g, Event first) {
      Deque<Event> queue = new ArrayDeque<>();
      queue.add(first);
      while (!queue.isEmpty()) {
        Event event = queue.poll();
        g.events.add(event);
        Decision d = Reducer.decide(state, event);
        state = d.state();
        for (Violation v : Invariants.check(state)) {
          violations.add(new Emitted(g, violation(v.rule(), v.message(), g.traceIndex)));
        }
        for (Effect effect : d.effects()) {
          switch (effect) {
            case Effect.CallModel cm -> {
              Dialect dialect = Dialects.forName(cm.target().dialect());
              emit(g, queue, "turn", cm.request(), dialect, dialect.turnRequest(cm.transcript(), trace.options(), cm.target()));
            }
            case Effect.Summarize s -> {
              Dialect dialect = Dialects.forName(s.target().dialect());
              emit(g, queue, "compaction", s.request(), dialect,
                  dialect.compactionRequest(s.prefix(), s.instruction(), trace.options(), s.target()));
            }
            case Effect.Rejected r -> {
              ObjectNode rej = Json.NODES.objectNode();
              rej.put("event", g.traceIndex);
              rej.put("reason", r.reason());
              rejected.add(new Emitted(g, rej));
            }
            case Effect.RunTool t -> { }
            case Effect.CancelTool t -> { }
            case Effect.Notify n -> { }
          }
        }
      }
    }

    void emit(Group g, Deque<Event> queue, String kind, long request, Dialect dialect, ObjectNode body) {
      ObjectNode out = Json.NODES.objectNode();
      out.put("kind", kind);
      out.setAll(body);
      io.vavr.collection.List<RequestViolation> found = dialect.validator().validate(body, trace.options());
      if (!found.isEmpty()) {
        out.put("blocked", true);
        for (RequestViolation v : found) {
          ObjectNode vj = Json.NODES.objectNode();
          vj.put("request", request);
          vj.put("rule", v.rule());
          vj.put("error", v.providerError());
          violations.add(new Emitted(g, vj));
        }
        queue.add(new Event.RequestBlocked(request, found.mkString("; ")));
      }
      requests.add(new Emitted(g, out));
    }

    ObjectNode violation(String rule, String message, int event) {
      ObjectNode vj = Json.NODES.objectNode();
      vj.put("event", event);
      vj.put("rule", rule);
      vj.put("error", message);
      return vj;
    }

    ReplayResult result() {
      Dialect dialect = Dialects.forName(state.target().dialect());
      ArrayNode transcript = dialect.messages(state.transcript(), trace.options(), state.target());
      return new ReplayResult(
          Vector.ofAll(requests).map(Emitted::json),
          transcript,
          state,
          Vector.ofAll(rejected).map(Emitted::json),
          Vector.ofAll(violations).map(Emitted::json));
    }
  }

}
