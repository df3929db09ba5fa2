package dev.lockstep.specs.mc;

import dev.lockstep.machine.AbandonedCall;
import dev.lockstep.machine.Compaction;
import dev.lockstep.machine.OpenStep;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Slot;
import dev.lockstep.machine.Turn;
import dev.lockstep.machine.Waiting;
import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Message;
import dev.lockstep.model.NoteMessage;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.SummaryMessage;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import dev.lockstep.model.UserMessage;

/**
 * The canonical form states are deduplicated on, and its 128-bit fingerprint.
 *
 * <p>What it drops, and why that is sound: the turn counter and the target/limits (constant, or used
 * only to number notices); absolute request ids, replaced by their distance from {@code nextRequest}
 * (the reducer only compares ids for equality and increments the counter, and the environment picks
 * stale ids relative to the newest), with {@code nextRequest} itself capped at 3 (beyond that a stale
 * candidate always exists); engine-written texts, replaced by their {@code [lockstep:<kind>]} marker
 * plus the call they belong to (the rest of such a text is a function of the call and outcome).
 * Everything else, including the ghost variables, is kept.
 */
final class Canonical {
  private Canonical() {}

  record Fingerprint(long a, long b) {}

  static Fingerprint of(SessionState s, Env env) {
    String c = form(s, env);
    long h1 = 0xcbf29ce484222325L;
    long h2 = 0x9e3779b97f4a7c15L;
    for (int i = 0; i < c.length(); i++) {
      char ch = c.charAt(i);
      h1 = (h1 ^ ch) * 0x100000001b3L;
      h2 = Long.rotateLeft(h2 ^ (ch * 0xff51afd7ed558ccdL), 31) * 0xc4ceb9fe1a85ec53L;
    }
    h2 ^= h2 >>> 33;
    h2 *= 0xff51afd7ed558ccdL;
    h2 ^= h2 >>> 33;
    return new Fingerprint(h1, h2 ^ c.length());
  }

  static String form(SessionState s, Env env) {
    StringBuilder b = new StringBuilder(256);
    for (Message m : s.transcript()) {
      message(b, m);
      b.append('|');
    }
    b.append("#T");
    long next = s.nextRequest();
    s.turn().forEach(t -> turn(b, t, next));
    b.append("#W");
    for (Waiting w : s.waiting()) {
      switch (w) {
        case Waiting.Steer st -> b.append("s:").append(st.message().text()).append(st.message().origin().ordinal());
        case Waiting.Note n -> b.append("n:").append(n.message().text().hashCode());
        case Waiting.Prompt p -> b.append("p:").append(p.message().text());
      }
      b.append(',');
    }
    b.append("#C");
    s.compaction().forEach(c -> compaction(b, c, next));
    b.append("#R").append(Math.min(next, 3));
    b.append("#I").append(s.usedCallIds().toSortedSet());
    b.append("#A");
    for (AbandonedCall a : s.abandoned()) {
      b.append(a.call().id()).append('/').append(a.call().rawId()).append('/').append(a.sealedAs()).append(',');
    }
    b.append("#E").append(env);
    return b.toString();
  }

  private static void turn(StringBuilder b, Turn t, long next) {
    b.append(t.steps()).append(';');
    t.inFlight().forEach(r -> b.append("F").append(next - r));
    t.step().forEach(st -> step(b, st));
  }

  private static void step(StringBuilder b, OpenStep st) {
    message(b, st.reply());
    for (Slot slot : st.slots()) {
      b.append('[').append(slot.call().id()).append(slot.started() ? "+" : "-");
      slot.result().forEach(r -> message(b, r));
      b.append(']');
    }
  }

  private static void compaction(StringBuilder b, Compaction c, long next) {
    b.append(next - c.request()).append('@').append(c.cut());
  }

  private static void message(StringBuilder b, Message m) {
    switch (m) {
      case UserMessage u -> b.append("U:").append(u.text());
      case SteerMessage st -> b.append("S:").append(st.text()).append(st.origin().ordinal());
      case NoteMessage n -> b.append("N:").append(n.kind()).append(':').append(n.text().hashCode());
      case SummaryMessage sm -> b.append("Y:").append(marker(sm.text()));
      case AssistantMessage a -> {
        b.append("A:").append(a.text()).append(a.reasoning().isDefined() ? "~r" : "");
        for (ToolCall c : a.calls()) {
          b.append('{').append(c.id()).append('/').append(c.rawId()).append('/').append(c.name()).append('/')
              .append(c.rawArguments()).append(c.runnable() ? "" : "/X").append('}');
        }
      }
      case ToolResultMessage r -> {
        b.append("R:").append(r.callId()).append('/').append(r.outcome()).append('/');
        String mk = marker(r.text());
        b.append(mk != null ? mk : r.text());
      }
    }
  }

  private static String marker(String text) {
    if (!text.startsWith("[lockstep:")) {
      return null;
    }
    int end = text.indexOf(']');
    return end < 0 ? null : text.substring(0, end + 1);
  }
}
