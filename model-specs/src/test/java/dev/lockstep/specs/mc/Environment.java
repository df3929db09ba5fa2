package dev.lockstep.specs.mc;

import dev.lockstep.machine.AbandonedCall;
import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Finish;
import dev.lockstep.machine.OpenStep;
import dev.lockstep.machine.RawCall;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Slot;
import dev.lockstep.machine.Turn;
import dev.lockstep.model.Origin;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every event that could arrive next, nondeterministically: the checker explores all of them. The
 * alphabet is bounded: prompts {@code u<k>}, steers {@code s<k>}, raw call ids {@code Read:1} and
 * {@code Read:2} (reused every step, so P4 disambiguation is always exercised), one stray id.
 */
final class Environment {
  private Environment() {}

  /** One possible next event and the environment after it. */
  record Move(Event event, Env env) {}

  

  static final String VALID = "{\"path\":\"a\"}";

  /** The replies the model may give (each costs one reply from the budget). */
  static List<Event.ModelReply> replies() {
    return REPLIES;
  }

  private static final List<Event.ModelReply> REPLIES = List.of(
        reply("a", Option.none(), Option.none()),
        reply("", Option.none(), Option.none()),
        reply("cut", Option.none(), Option.some(Finish.LENGTH)),
        reply("", Option.none(), Option.none(), new RawCall("Read:1", "Read", VALID)),
        reply("", Option.none(), Option.none(), new RawCall("Read:1", "Read", "{\"path\":")),
        reply("", Option.none(), Option.some(Finish.LENGTH), new RawCall("Read:1", "Read", VALID)),
        reply("", Option.none(), Option.none(), new RawCall("Read:1", "Read", VALID), new RawCall("Read:2", "Read", VALID)),
        reply("", Option.none(), Option.none(), new RawCall("Read:1", "Read", VALID), new RawCall("Read:1", "Read", VALID)));

  private static Event.ModelReply reply(String text, Option<Long> request, Option<Finish> finish, RawCall... calls) {
    return new Event.ModelReply(text, Option.none(), Option.none(), Vector.of(calls), finish, request);
  }

  static List<Move> moves(SessionState s, Env env) {
    List<Move> out = new ArrayList<>();
    if (env.prompts() > 0) {
      out.add(new Move(new Event.UserPrompt("u" + (env.promptsSent() + 1)), env.sentPrompt()));
    }
    if (env.steers() > 0) {
      Origin origin = env.steersSent() % 2 == 0 ? Origin.USER : Origin.BACKGROUND;
      out.add(new Move(new Event.Steer("s" + (env.steersSent() + 1), origin), env.sentSteer()));
    }
    Option<Long> inFlight = s.turn().flatMap(Turn::inFlight);
    if (inFlight.isDefined() && env.replies() > 0) {
      for (Event.ModelReply r : replies()) {
        out.add(new Move(r, env.usedReply()));
      }
      out.add(new Move(new Event.ModelError(500, "overloaded", Option.none()), env.usedReply()));
    }
    // Stale replies: to the newest issued request that is not the one in flight, or to nothing.
    long stale = -1;
    for (long r = s.nextRequest() - 1; r >= 0; r--) {
      final long id = r;
      if (!inFlight.contains(id) && !s.compaction().exists(c -> c.request() == id)) {
        stale = r;
        break;
      }
    }
    if (stale >= 0) {
      out.add(new Move(reply("stale", Option.some(stale), Option.none()), env));
    }
    if (inFlight.isEmpty()) {
      out.add(new Move(reply("nobody asked", Option.none(), Option.none()), env));
    }
    Option<OpenStep> step = s.turn().flatMap(Turn::step);
    Set<String> open = new LinkedHashSet<>();
    if (step.isDefined()) {
      boolean first = true;
      for (Slot slot : step.get().slots()) {
        if (!slot.isOpen()) {
          continue;
        }
        String raw = slot.call().rawId();
        if (open.add(raw)) {
          if (!slot.started()) {
            out.add(new Move(new Event.ToolStarted(new CallRef.Raw(raw)), env));
          }
          out.add(new Move(new Event.ToolResult(new CallRef.Raw(raw), "ok:" + raw, false), env));
          if (first) {
            out.add(new Move(new Event.ToolResult(new CallRef.Raw(raw), "boom", true), env));
            first = false;
          }
        }
      }
    }
    Set<String> late = new LinkedHashSet<>();
    for (AbandonedCall a : s.abandoned()) {
      if (!open.contains(a.call().rawId()) && late.add(a.call().rawId())) {
        out.add(new Move(new Event.ToolResult(new CallRef.Raw(a.call().rawId()), "late", false), env));
        out.add(new Move(new Event.ToolStarted(new CallRef.Raw(a.call().rawId())), env));
      }
    }
    // A duplicate (answered id) or unknown result.
    String stray = !open.contains("Read:1") && !late.contains("Read:1") && s.usedCallIds().contains("Read:1")
        ? "Read:1" : "Nope:9";
    out.add(new Move(new Event.ToolResult(new CallRef.Raw(stray), "stray", false), env));
    if (env.interrupts() > 0) {
      out.add(new Move(new Event.Interrupt(Option.none()), env.usedInterrupt()));
    }
    if (env.compacts() > 0) {
      out.add(new Move(new Event.Compact(), env.usedCompact()));
    } else if (s.compaction().isDefined()) {
      out.add(new Move(new Event.Compact(), env)); // must be rejected (C4)
    }
    if (s.compaction().isDefined()) {
      out.add(new Move(new Event.CompactionDone("sum"), env));
      out.add(new Move(new Event.CompactionDone(" "), env));
      out.add(new Move(new Event.CompactionFailed(Option.some("summarizer down")), env));
    }
    if (env.crashes() > 0) {
      out.add(new Move(new Event.Recovered(), env.usedCrash()));
    }
    return out;
  }
}
