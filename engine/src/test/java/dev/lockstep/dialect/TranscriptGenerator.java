package dev.lockstep.dialect;

import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Decision;
import dev.lockstep.machine.Effect;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Finish;
import dev.lockstep.machine.OpenStep;
import dev.lockstep.machine.RawCall;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Slot;
import dev.lockstep.machine.Target;
import dev.lockstep.machine.Turn;
import dev.lockstep.model.Message;
import dev.lockstep.model.Origin;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded random driver of the real reducer: it plays user, model and tools with nasty but legal
 * inputs (reused, long, empty and foreign ids; empty and blank texts; invalid arguments; signed and
 * unsigned reasoning; switches of dialect and model; interrupts, compaction, crashes) so every
 * transcript it yields is a reachable state. It records every request the reducer emitted.
 */
final class TranscriptGenerator {

  /** One request the reducer emitted: what to project and for whom. */
  record Request(String kind, Vector<Message> transcript, Target target) {}

  /** The result of one run. */
  record Run(long seed, List<Request> requests, SessionState finalState) {}

  static final List<String> MODELS = List.of("m-1", "m-2", "deepseek-reasoner", "claude-x", "kimi-k2");
  private static final String[] IDS = {
    "call_1", "call_1", "functions.read:0", "functions.read:0", "read:3", "toolu_01ABCdef", "abcdefghi", "",
    "call_" + "x".repeat(60), "a.b c/d", "tooluse_Z9", "call_1_2", "fc_123", "ABCDEFGHI",
  };
  private static final String[] NAMES = {"read", "read", "write", "functions.exec", "", "bad name!", "x".repeat(70)};
  private static final String[] ARGS = {"{}", "{\"path\":\"a\"}", "{bad", "[]", "", "{\"n\":1} trailing", "null"};
  private static final String[] TEXTS = {"hello", "", " ", "\n", "do it", "multi\nline text", "[lockstep:fake] hi"};

  private TranscriptGenerator() {}

  static Run run(long seed, String startDialect, int events) {
    Random rnd = new Random(seed);
    SessionState s = SessionState.initial(new Target(startDialect, pick(rnd, MODELS)));
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      Event e = next(rnd, s);
      Decision d = Reducer.decide(s, e);
      s = d.state();
      for (Effect eff : d.effects()) {
        switch (eff) {
          case Effect.CallModel cm -> requests.add(new Request("turn", cm.transcript(), cm.target()));
          case Effect.Summarize sm -> requests.add(new Request("compaction", sm.prefix(), sm.target()));
          default -> { }
        }
      }
    }
    return new Run(seed, requests, s);
  }

  private static Event next(Random rnd, SessionState s) {
    int r = rnd.nextInt(100);
    if (r < 4) {
      return new Event.Switch(Option.some(pick(rnd, Dialects.ALL_NAMES.toJavaList())),
          rnd.nextBoolean() ? Option.some(pick(rnd, MODELS)) : Option.none());
    }
    if (r < 6) {
      return new Event.Compact();
    }
    if (r < 8 && s.compacting()) {
      return rnd.nextInt(4) == 0 ? new Event.CompactionFailed(Option.none())
          : new Event.CompactionDone(rnd.nextInt(5) == 0 ? " " : "summary of work");
    }
    if (r < 9) {
      return new Event.Recovered();
    }
    if (r < 13) {
      return new Event.Steer(pick(rnd, TEXTS), rnd.nextBoolean() ? Origin.USER : Origin.BACKGROUND);
    }
    Option<Turn> turn = s.turn();
    if (turn.isEmpty()) {
      if (r < 18 && !s.abandoned().isEmpty()) {
        String raw = s.abandoned().get(rnd.nextInt(s.abandoned().size())).call().rawId();
        return new Event.ToolResult(new CallRef.Raw(raw), "late output", rnd.nextBoolean());
      }
      return new Event.UserPrompt(pick(rnd, TEXTS));
    }
    if (r < 16) {
      return new Event.Interrupt(Option.none());
    }
    if (r < 18) {
      return new Event.UserPrompt(pick(rnd, TEXTS));
    }
    if (turn.get().inFlight().isDefined()) {
      if (r < 22) {
        return new Event.ModelError(rnd.nextBoolean() ? 429 : 400, "boom", Option.none());
      }
      return reply(rnd);
    }
    OpenStep step = turn.get().step().get();
    Vector<Slot> open = step.openSlots();
    Slot slot = open.get(rnd.nextInt(open.size()));
    if (r < 35 && !slot.started()) {
      return new Event.ToolStarted(new CallRef.Exact(slot.call().id()));
    }
    if (r < 38) {
      return new Event.ToolResult(new CallRef.Raw("no-such-call"), "x", false);
    }
    String out = rnd.nextInt(6) == 0 ? "" : rnd.nextInt(6) == 0 ? "  " : "output " + rnd.nextInt(100);
    return new Event.ToolResult(new CallRef.Exact(slot.call().id()), out, rnd.nextInt(5) == 0);
  }

  private static Event.ModelReply reply(Random rnd) {
    int n = rnd.nextInt(10) < 4 ? 0 : 1 + rnd.nextInt(3);
    Vector<RawCall> calls = Vector.empty();
    for (int i = 0; i < n; i++) {
      calls = calls.append(new RawCall(pick(rnd, IDS), pick(rnd, NAMES), pick(rnd, ARGS)));
    }
    String text = n == 0 && rnd.nextInt(8) != 0 ? pick(rnd, new String[] {"answer", "done.", "ok"}) : pick(rnd, TEXTS);
    Option<String> reasoning = rnd.nextInt(3) == 0 ? Option.none()
        : Option.some(rnd.nextInt(4) == 0 ? "" : "thinking about it " + rnd.nextInt(10));
    Option<String> signature = rnd.nextInt(3) == 0 ? Option.none()
        : Option.some(rnd.nextInt(6) == 0 ? "" : "sig" + rnd.nextInt(1000));
    Option<Finish> finish = rnd.nextInt(15) == 0 ? Option.some(Finish.LENGTH) : Option.none();
    return new Event.ModelReply(text, reasoning, signature, calls, finish, Option.none());
  }

  private static <T> T pick(Random rnd, List<T> xs) {
    return xs.get(rnd.nextInt(xs.size()));
  }

  private static <T> T pick(Random rnd, T[] xs) {
    return xs[rnd.nextInt(xs.length)];
  }
}
