package dev.lockstep.stress;

import dev.lockstep.dialect.Dialect;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.Dialects;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Invariants;
import dev.lockstep.machine.Limits;
import dev.lockstep.machine.RawCall;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Target;
import dev.lockstep.machine.Waiting;
import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Message;
import dev.lockstep.model.NoteMessage;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.SummaryMessage;
import dev.lockstep.model.ToolResultMessage;
import dev.lockstep.model.UserMessage;
import dev.lockstep.runtime.Durability;
import dev.lockstep.runtime.Session;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * What every {@code Actual} jcstress test shares: a session started from a state folded by the pure
 * reducer (so the third party's events are "already there" and each test needs only two actors), run
 * on a same-thread executor (whichever actor wins the drain flag drains), and a readable {@link View}
 * of the outcome taken through the public API only.
 *
 * <p>The session's effects (model requests, tools, summarizer) go to an executor that drops them: the
 * tests play the model, the tools and the summarizer themselves by telling their completions. That
 * keeps every sample cheap and leaves no timer or thread behind.
 */
public final class Fixture {
  /** Where requests would go; the outcome is checked with this dialect's independent validator. */
  public static final Target TARGET = new Target("openai-chat", "stress-model");

  static final DialectOptions OPTIONS = DialectOptions.defaults();
  static final Dialect DIALECT = Dialects.forName(TARGET.dialect());

  /** Drops every effect: nothing runs behind the test's back. */
  static final Executor DROP = task -> {};

  private Fixture() {}

  /** The state after folding {@code events} with the pure reducer from a fresh session. */
  public static SessionState fold(Event... events) {
    SessionState s = SessionState.initial(TARGET, Limits.defaults());
    for (Event e : events) {
      s = Reducer.decide(s, e).state();
    }
    if (!Invariants.check(s).isEmpty()) {
      throw new IllegalStateException("fixture state is unsound: " + Invariants.check(s));
    }
    return s;
  }

  /** A model reply to the request in flight with one call per raw id (tool "read", valid JSON args). */
  public static Event.ModelReply calls(String... ids) {
    RawCall[] calls = new RawCall[ids.length];
    for (int i = 0; i < ids.length; i++) {
      calls[i] = new RawCall(ids[i], "read", "{\"path\":\"file" + i + "\"}");
    }
    return Event.ModelReply.calls("", calls);
  }

  /** A real {@link Session} resumed from {@code state}, draining on the caller's thread. */
  public static Session session(SessionState state) {
    return session(state, Runnable::run);
  }

  /** A real {@link Session} resumed from {@code state}, whose drain task goes to {@code drains}. */
  public static Session session(SessionState state, Executor drains) {
    return Session.builder()
        .id("jcstress") // a fixed id: the default is a random UUID
        .resumeFrom(state, 0)
        .executor(drains)
        .effectExecutor(DROP)
        .toolExecutor(DROP)
        .durability(Durability.none())
        .modelClient(request -> new CompletableFuture<>())
        .start();
  }

  /**
   * The outcome of a run as the outside world sees it: whether the committed history passes the
   * provider validator (and the state its invariants), the history as tokens, and what waits.
   *
   * <p>Tokens: {@code U} user prompt, {@code S} steer, {@code C} assistant message with tool calls,
   * {@code A} assistant answer, {@code R} tool result (completed), {@code Ru}/{@code Ri} result sealed
   * UNKNOWN/INTERRUPTED by the engine, {@code N} note, {@code M} compaction summary, {@code I} the
   * naive loop's "interrupted" user message, {@code P} a queued prompt, {@code ?} a torn read.
   */
  public record View(boolean valid, List<String> history, List<String> waiting) {
    /** The view of a Lockstep state. */
    public static View of(SessionState s) {
      boolean valid = Invariants.check(s).isEmpty()
          && (s.transcript().isEmpty()
              || DIALECT.validator().validate(DIALECT.turnRequest(s.transcript(), OPTIONS, s.target()), OPTIONS).isEmpty());
      return new View(valid, s.transcript().map(Fixture::token).toList(), s.waiting().map(Fixture::token).toList());
    }

    public String validity() {
      return valid ? "VALID" : "INVALID";
    }

    public String historyText() {
      return history.isEmpty() ? "empty" : history.mkString("-");
    }

    public String waitingText() {
      return waiting.isEmpty() ? "none" : waiting.mkString("-");
    }

    public int count(String token) {
      return history.count(token::equals) + waiting.count(token::equals);
    }

    public int countResults() {
      return history.count(t -> t.startsWith("R"));
    }

    /** Index of the first {@code token} in the history, or -1. */
    public int at(String token) {
      return history.indexOf(token);
    }
  }

  static String token(Message m) {
    return switch (m) {
      case UserMessage u -> u.text().startsWith("[interrupted") ? "I" : "U";
      case SteerMessage s -> "S";
      case AssistantMessage a -> a.hasCalls() ? "C" : "A";
      case ToolResultMessage r -> switch (r.outcome()) {
        case COMPLETED, FAILED -> "R";
        case UNKNOWN -> "Ru";
        case INTERRUPTED -> "Ri";
        case REJECTED -> "Rr";
      };
      case NoteMessage n -> "N";
      case SummaryMessage s -> "M";
    };
  }

  static String token(Waiting w) {
    return switch (w) {
      case Waiting.Steer s -> "S";
      case Waiting.Note n -> "N";
      case Waiting.Prompt p -> "P";
    };
  }

  /** Tokens of a transcript (for tests that inspect a vector directly). */
  public static List<String> tokens(Vector<Message> transcript) {
    return transcript.map(Fixture::token).toList();
  }
}
