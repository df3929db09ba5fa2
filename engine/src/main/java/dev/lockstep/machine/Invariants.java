package dev.lockstep.machine;

import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Message;
import dev.lockstep.model.NoteMessage;
import dev.lockstep.model.Outcome;
import dev.lockstep.model.SummaryMessage;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.HashSet;
import java.util.Set;

/**
 * Reports every rule a state violates, by rule id. The reducer never produces such a state; tests,
 * the model checker and the replay command run this after every transition to prove it. It scans the
 * whole transcript (O(n)) and is not meant for the hot path.
 */
public final class Invariants {
  private Invariants() {}

  /** All violations in {@code s}; empty when the state is sound. */
  public static List<Violation> check(SessionState s) {
    List<Violation> out = checkTranscript(s.transcript());
    out = out.appendAll(checkTurn(s));
    out = out.appendAll(checkCompaction(s));
    return out;
  }

  /** Violations of the transcript alone (P1, P2, P3, P4, S4, C4, V6). */
  public static List<Violation> checkTranscript(Vector<Message> t) {
    java.util.List<Violation> out = new java.util.ArrayList<>();
    Set<String> ids = new HashSet<>();
    int i = 0;
    int n = t.size();
    while (i < n) {
      Message m = t.get(i);
      switch (m) {
        case AssistantMessage a -> {
          if (!a.hasCalls()) {
            if (a.text().isBlank()) {
              out.add(new Violation("S4", "vacuous assistant message (no text, no calls) at " + i));
            }
            i++;
            break;
          }
          int k = 0;
          for (ToolCall call : a.calls()) {
            if (!ids.add(call.id())) {
              out.add(new Violation("P4", "call id " + call.id() + " used twice (second at " + i + ")"));
            }
            int at = i + 1 + k;
            if (at >= n || !(t.get(at) instanceof ToolResultMessage r)) {
              out.add(new Violation("P1", "call " + call.id() + " at " + i + " has no result right after it"));
              break;
            }
            if (!r.callId().equals(call.id())) {
              out.add(new Violation("P1", "result at " + at + " answers " + r.callId() + ", expected " + call.id()));
            }
            checkOutcome(call, r, at, out);
            k++;
          }
          i += 1 + k;
        }
        case ToolResultMessage r -> {
          out.add(new Violation("P3", "orphan result for " + r.callId() + " at " + i));
          i++;
        }
        case SummaryMessage sm -> {
          if (i != 0) {
            out.add(new Violation("C4", "summary at " + i + " is not the first message"));
          }
          if (!SyntheticText.isMarked(sm.text())) {
            out.add(new Violation("V6", "summary text at " + i + " is not marked"));
          }
          i++;
        }
        case NoteMessage note -> {
          if (!SyntheticText.isMarked(note.text())) {
            out.add(new Violation("V6", "note text at " + i + " is not marked"));
          }
          i++;
        }
        default -> i++;
      }
    }
    return List.ofAll(out);
  }

  private static void checkOutcome(ToolCall call, ToolResultMessage r, int at, java.util.List<Violation> out) {
    if (!call.runnable() && r.outcome() != Outcome.REJECTED) {
      out.add(new Violation("P2", "call " + call.id() + " was not runnable but its outcome is " + r.outcome()));
    }
    if (call.runnable() && r.outcome() == Outcome.REJECTED) {
      out.add(new Violation("P2", "runnable call " + call.id() + " was marked REJECTED"));
    }
    boolean engineDecided = r.outcome() == Outcome.REJECTED || r.outcome() == Outcome.INTERRUPTED
        || r.outcome() == Outcome.UNKNOWN;
    if (engineDecided && !SyntheticText.isMarked(r.text())) {
      out.add(new Violation("V6", "engine-written result at " + at + " (" + r.outcome() + ") is not marked"));
    }
  }

  private static List<Violation> checkTurn(SessionState s) {
    java.util.List<Violation> out = new java.util.ArrayList<>();
    if (s.turn().isEmpty()) {
      return List.empty();
    }
    Turn turn = s.turn().get();
    if (turn.inFlight().isDefined() == turn.step().isDefined()) {
      out.add(new Violation("S1", "turn " + turn.number() + " must have exactly one of a request in flight or an open step"));
    }
    if (turn.inFlight().isDefined() && turn.inFlight().get() >= s.nextRequest()) {
      out.add(new Violation("S3", "request in flight " + turn.inFlight().get() + " was never issued"));
    }
    if (turn.steps() > s.limits().maxStepsPerTurn()) {
      out.add(new Violation("S5", "turn sent " + turn.steps() + " requests, above the bound"));
    }
    turn.step().forEach(step -> {
      if (step.sealed()) {
        out.add(new Violation("P1", "a sealed step is still held open instead of being committed"));
      }
      for (Slot slot : step.slots()) {
        if (!s.usedCallIds().contains(slot.call().id())) {
          out.add(new Violation("P4", "open call " + slot.call().id() + " has no registered id"));
        }
        if (!slot.call().runnable() && slot.isOpen()) {
          out.add(new Violation("P2", "rejected call " + slot.call().id() + " is waiting to run"));
        }
        slot.result().forEach(r -> {
          if (r.outcome() == Outcome.INTERRUPTED || r.outcome() == Outcome.UNKNOWN) {
            out.add(new Violation("P2", "slot " + r.callId() + " sealed as " + r.outcome() + " inside a live step"));
          }
        });
      }
    });
    return List.ofAll(out);
  }

  private static List<Violation> checkCompaction(SessionState s) {
    if (s.compaction().isEmpty()) {
      return List.empty();
    }
    Compaction c = s.compaction().get();
    java.util.List<Violation> out = new java.util.ArrayList<>();
    if (c.cut() < 1 || c.cut() > s.transcript().size()) {
      out.add(new Violation("C1", "compaction cut " + c.cut() + " is outside the transcript (" + s.transcript().size() + ")"));
    } else if (c.cut() < s.transcript().size() && s.transcript().get(c.cut()) instanceof ToolResultMessage) {
      out.add(new Violation("C1", "compaction cut " + c.cut() + " falls inside a step"));
    }
    if (c.request() >= s.nextRequest()) {
      out.add(new Violation("C1", "compaction request " + c.request() + " was never issued"));
    }
    return List.ofAll(out);
  }
}
