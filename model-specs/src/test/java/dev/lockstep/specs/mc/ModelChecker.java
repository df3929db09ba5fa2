package dev.lockstep.specs.mc;

import dev.lockstep.machine.Decision;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Limits;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Target;
import dev.lockstep.machine.Turn;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Explicit-state, breadth-first model checker over (reducer state, environment).
 *
 * <p>From the initial idle session, every event {@link Environment} can deliver is applied through the
 * {@link Machine}; every transition is checked against {@link Properties} and recorded against the
 * {@link Sometimes} reachability properties; every newly found state is checked for bounded liveness
 * (see {@link #liveness}). States are deduplicated on {@link Canonical} fingerprints, so each distinct
 * state is expanded once; the search stops at the depth bound or at the first violation, whose event path
 * is the counterexample.
 *
 * <p>Completeness argument (within the bound): the environment offers every event type of TRACE-FORMAT v1
 * in every state (events the state cannot use are offered too and must be rejected without effect), with
 * payload variety limited to a finite alphabet chosen so that each reducer branch is reachable; budgets
 * bound the number of user inputs, replies, interrupts, compactions and crashes.
 */
public final class ModelChecker {

  /** How a run ended. */
  public record Result(
      Bounds bounds, long states, long transitions, int depthReached, Option<Counterexample> counterexample,
      Map<String, Long> sometimes, long livenessChecks, long millis) {}

  /** A property violation and the event path that reaches it from the initial state. */
  public record Counterexample(String property, List<Event> path, String stateSummary) {}

  /**
   * A frontier entry. Only the event path is kept (a persistent list sharing its tail with its
   * parent's); the state is recomputed by folding the path when the node is expanded, so a frontier of
   * millions of nodes costs a few dozen bytes each.
   */
  private record Node(Env env, List<Event> pathReversed) {}

  private SessionState fold(SessionState init, List<Event> pathReversed) {
    SessionState s = init;
    for (Event e : pathReversed.reverse()) {
      s = machine.decide(s, e).state();
    }
    return s;
  }

  private final Machine machine;
  private final Bounds bounds;
  private final boolean projectRequests;
  boolean verbose;

  public ModelChecker(Machine machine, Bounds bounds, boolean projectRequests) {
    this.machine = machine;
    this.bounds = bounds;
    this.projectRequests = projectRequests;
  }

  public static SessionState initialState(Bounds b) {
    return SessionState.initial(new Target("openai-chat", ""), new Limits(b.maxStepsPerTurn(), Option.none()));
  }

  public Result run() {
    long start = System.nanoTime();
    Sometimes sometimes = new Sometimes();
    SessionState init = initialState(bounds);
    Env env0 = Env.budget(bounds);
    Set<Canonical.Fingerprint> seen = new HashSet<>();
    seen.add(Canonical.of(init, env0));
    java.util.List<Node> frontier = new ArrayList<>();
    frontier.add(new Node(env0, List.empty()));
    long states = 1;
    long transitions = 0;
    long liveness = 0;
    int depth = 0;
    Option<Counterexample> bad = livenessOf(init, env0, List.empty());
    liveness++;
    while (bad.isEmpty() && !frontier.isEmpty() && depth < bounds.depth()) {
      java.util.List<Node> next = new ArrayList<>();
      for (Node n : frontier) {
        SessionState state = fold(init, n.pathReversed());
        for (Environment.Move m : Environment.moves(state, n.env())) {
          transitions++;
          Decision d = machine.decide(state, m.event());
          List<Event> path = n.pathReversed().prepend(m.event());
          Properties.Checked c = Properties.check(machine, state, m.event(), d, m.env(), projectRequests);
          if (!c.failures().isEmpty()) {
            bad = Option.some(new Counterexample(c.failures().get(0), path.reverse(), summary(d.state())));
            break;
          }
          sometimes.record(state, m.event(), d);
          if (seen.add(Canonical.of(d.state(), c.env()))) {
            states++;
            liveness++;
            bad = livenessOf(d.state(), c.env(), path);
            if (bad.isDefined()) {
              break;
            }
            next.add(new Node(c.env(), path));
          }
        }
        if (bad.isDefined()) {
          break;
        }
      }
      frontier = next;
      depth++;
      if (verbose) {
        System.out.printf("[model-checker]   depth %2d: %,d new states (%,d total, %,d transitions)%n", depth, next.size(), states, transitions);
      }
    }
    return new Result(bounds, states, transitions, depth, bad, sometimes.hits(), liveness,
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Bounded liveness from one state: the environment stops adding input and only answers (each request
   * with a final answer, each open slot with a result, in call order). The turn must end, and everything
   * that waited (steers, notes, queued prompts) must have entered the transcript. If the session is idle
   * with input kept by an interrupt, failure or crash (S2), one more prompt must deliver all of it ahead
   * of that prompt. Safety properties are checked along the way too.
   */
  Option<Counterexample> livenessOf(SessionState start, Env env, List<Event> path) {
    SessionState s = start;
    Env e = env.quiescent();
    List<Event> p = path;
    boolean prompted = false;
    for (int i = 0; i < 4 * bounds.maxStepsPerTurn() * 4 + 8; i++) {
      Event ev;
      Option<Turn> turn = s.turn();
      if (turn.isEmpty()) {
        if (s.waiting().isEmpty()) {
          return Option.none();
        }
        if (prompted) {
          return Option.some(new Counterexample("liveness: input still waits after a prompt was answered", p.reverse(), summary(s)));
        }
        prompted = true;
        ev = new Event.UserPrompt("final prompt");
      } else if (turn.get().inFlight().isDefined()) {
        ev = Event.ModelReply.text("final answer");
      } else {
        String raw = turn.get().step().get().openSlots().head().call().rawId();
        ev = new Event.ToolResult(new dev.lockstep.machine.CallRef.Raw(raw), "ok:" + raw, false);
      }
      Decision d = machine.decide(s, ev);
      p = p.prepend(ev);
      Properties.Checked c = Properties.check(machine, s, ev, d, e, false);
      if (!c.failures().isEmpty()) {
        return Option.some(new Counterexample(c.failures().get(0) + " (while quiescent)", p.reverse(), summary(d.state())));
      }
      if (d.rejected()) {
        return Option.some(new Counterexample("liveness: the quiescent environment's answer was rejected", p.reverse(), summary(s)));
      }
      s = d.state();
      e = c.env();
    }
    return Option.some(new Counterexample("liveness: the turn did not end while the environment only answered", p.reverse(), summary(s)));
  }

  static String summary(SessionState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phase", s.phase());
    m.put("open", s.openCallRawIds().toJavaList());
    m.put("waiting", s.waiting().size());
    m.put("compacting", s.compacting());
    m.put("transcript", s.transcript().size());
    return m.toString();
  }
}
