package dev.lockstep.journal;

import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Finish;
import dev.lockstep.machine.Limits;
import dev.lockstep.machine.RawCall;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Target;
import dev.lockstep.model.Origin;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Random;

/** Seeded event generators: arbitrary events (codec tests) and a busy but plausible session (journal tests). */
final class TestEvents {
  static final Target TARGET = new Target("openai-chat", "kimi-for-coding");
  static final Limits LIMITS = new Limits(8, Option.none());

  /** Number of event kinds {@link #any} produces (every permitted subtype of {@link Event}). */
  static final int KINDS = Event.class.getPermittedSubclasses().length;

  private TestEvents() {}

  static SessionState initial() {
    return SessionState.initial(TARGET, LIMITS);
  }

  /** An arbitrary event of kind {@code kind mod KINDS}, with awkward strings and optional fields. */
  static Event any(Random r, int kind) {
    return switch (Math.floorMod(kind, KINDS)) {
      case 0 -> new Event.UserPrompt(text(r));
      case 1 -> new Event.Steer(text(r), r.nextBoolean() ? Origin.USER : Origin.BACKGROUND);
      case 2 -> new Event.ModelReply(text(r), opt(r), opt(r), calls(r),
          r.nextBoolean() ? Option.none() : Option.some(Finish.values()[r.nextInt(Finish.values().length)]),
          r.nextBoolean() ? Option.none() : Option.some(r.nextLong()));
      case 3 -> new Event.ModelError(r.nextInt(), text(r), r.nextBoolean() ? Option.none() : Option.some(r.nextLong()));
      case 4 -> new Event.RequestBlocked(r.nextLong(), text(r));
      case 5 -> new Event.Switch(opt(r), opt(r));
      case 6 -> new Event.ToolStarted(ref(r));
      case 7 -> new Event.ToolResult(ref(r), text(r), r.nextBoolean());
      case 8 -> new Event.Interrupt(opt(r));
      case 9 -> new Event.Compact();
      case 10 -> new Event.CompactionDone(text(r));
      case 11 -> new Event.CompactionFailed(opt(r));
      case 12 -> new Event.Recovered();
      default -> throw new IllegalStateException("TestEvents.any does not know kind " + kind + ": add it");
    };
  }

  private static final String[] PIECES = {
    "", "a", "read config", "ü", "日本語", "😀", "\u0000", "\n", "\"quoted\"", "\\", "{\"x\":1}", "{",
    "[lockstep:unknown] x", "\ud800", "\udc00x", "\t", "\u2028", " ", "null", "Read:158"
  };

  static String text(Random r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      b.append(PIECES[r.nextInt(PIECES.length)]);
    }
    if (r.nextInt(10) == 0) {
      b.append(Character.toChars(0x10000 + r.nextInt(0xFFFF)));
    }
    return b.toString();
  }

  private static Option<String> opt(Random r) {
    return r.nextBoolean() ? Option.none() : Option.some(text(r));
  }

  private static CallRef ref(Random r) {
    return r.nextBoolean() ? new CallRef.Raw(text(r)) : new CallRef.Exact(text(r));
  }

  private static Vector<RawCall> calls(Random r) {
    Vector<RawCall> v = Vector.empty();
    for (int i = r.nextInt(4); i > 0; i--) {
      v = v.append(new RawCall(text(r), text(r), text(r)));
    }
    return v;
  }

  /**
   * The next event of a busy session in {@code s}: prompts, steers and interrupts at any time, replies
   * with parallel (sometimes duplicate-id or malformed) calls, tool starts and results in any order,
   * stale replies, compactions. Many are accepted, some are rejected; both are journaled.
   */
  static Event busy(SessionState s, Random r) {
    int d = r.nextInt(100);
    if (s.compacting() && d < 8) {
      return d < 6 ? new Event.CompactionDone("summary " + r.nextInt(100)) : new Event.CompactionFailed(Option.none());
    }
    if (d < 6) {
      return new Event.Steer("steer " + r.nextInt(100), r.nextBoolean() ? Origin.USER : Origin.BACKGROUND);
    }
    if (d < 9) {
      return new Event.UserPrompt("prompt " + r.nextInt(100));
    }
    if (d < 11) {
      return new Event.Interrupt(Option.none());
    }
    if (d < 13) {
      return new Event.Compact();
    }
    return switch (s.phase()) {
      case IDLE -> d < 70 ? new Event.UserPrompt("prompt " + r.nextInt(100)) : new Event.Steer("idle steer", Origin.USER);
      case AWAITING_MODEL -> {
        if (d < 18) {
          yield new Event.ModelError(500, "upstream", Option.none());
        }
        if (d < 21) {
          yield new Event.ModelReply("stale", Option.none(), Option.none(), Vector.empty(), Option.none(), Option.some(0L));
        }
        if (d < 23) {
          yield new Event.RequestBlocked(Math.max(0, s.nextRequest() - 1), "blocked by validator");
        }
        Vector<RawCall> calls = Vector.empty();
        int k = d < 45 ? 0 : 1 + r.nextInt(3);
        for (int i = 0; i < k; i++) {
          String args = r.nextInt(20) == 0 ? "{\"path\":" : "{\"path\":\"f" + r.nextInt(9) + "\"}";
          calls = calls.append(new RawCall("call_" + r.nextInt(4), r.nextBoolean() ? "read" : "write", args));
        }
        Option<Finish> finish = r.nextInt(25) == 0 ? Option.some(Finish.LENGTH) : Option.none();
        Option<String> reasoning = r.nextBoolean() ? Option.some("thinking") : Option.none();
        yield new Event.ModelReply(k == 0 ? "done " + r.nextInt(100) : "", reasoning, Option.none(), calls, finish, Option.none());
      }
      case AWAITING_TOOLS -> {
        Vector<String> open = s.openCallRawIds();
        String id = open.isEmpty() || r.nextInt(20) == 0 ? "call_9" : open.get(r.nextInt(open.size()));
        if (d < 50) {
          yield new Event.ToolStarted(new CallRef.Raw(id));
        }
        yield new Event.ToolResult(new CallRef.Raw(id), "output of " + id, r.nextInt(10) == 0);
      }
    };
  }

  /** {@code n} busy events from the initial state, generated against the state they will meet. */
  static Vector<Event> busyRun(long seed, int n) {
    Random r = new Random(seed);
    SessionState s = initial();
    Vector<Event> out = Vector.empty();
    for (int i = 0; i < n; i++) {
      Event e = busy(s, r);
      out = out.append(e);
      s = dev.lockstep.machine.Reducer.decide(s, e).state();
    }
    return out;
  }
}
