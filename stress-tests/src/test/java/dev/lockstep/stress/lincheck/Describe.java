package dev.lockstep.stress.lincheck;

import dev.lockstep.machine.Decision;
import dev.lockstep.machine.Effect;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Turn;
import dev.lockstep.stress.Fixture;

/**
 * Compact, canonical, comparable descriptions of decisions and states: what the lincheck operations
 * return. Two equal states (or decisions) always give equal strings; the strings name everything a
 * caller could observe (history, waiting input, phase, open slots, compaction, effects, rejections).
 */
final class Describe {
  private Describe() {}

  static String decision(Decision d) {
    if (d.rejected()) {
      return "rejected(" + d.rejection().get().reason() + ")";
    }
    return state(d.state()) + " fx=" + d.effects().map(Describe::effect).mkString(",");
  }

  static String state(SessionState s) {
    String turn = s.turn().map(Describe::turn).getOrElse("idle");
    return "T=" + Fixture.tokens(s.transcript()).mkString("-")
        + " W=" + s.waiting().map(w -> w.getClass().getSimpleName()).mkString("-")
        + " turn=" + turn
        + " comp=" + s.compaction().map(c -> c.request() + "@" + c.cut()).getOrElse("none")
        + " next=" + s.nextRequest()
        + " abandoned=" + s.abandoned().size();
  }

  private static String turn(Turn t) {
    return t.number() + "/" + t.steps()
        + t.inFlight().map(r -> " inflight=" + r).getOrElse("")
        + t.step().map(st -> " slots=" + st.slots().map(sl -> sl.call().id() + (sl.isOpen() ? "?" : "!")).mkString(","))
            .getOrElse("");
  }

  private static String effect(Effect e) {
    return switch (e) {
      case Effect.CallModel c -> "call" + c.request();
      case Effect.Summarize s -> "summarize" + s.request();
      case Effect.RunTool r -> "run:" + r.call().id();
      case Effect.CancelTool c -> "cancel:" + c.call().id();
      case Effect.Notify n -> "notify:" + n.notice().getClass().getSimpleName();
      case Effect.Rejected r -> "rejected";
    };
  }
}
