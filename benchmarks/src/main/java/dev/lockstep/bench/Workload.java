package dev.lockstep.bench;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.RawCall;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Target;
import dev.lockstep.model.Origin;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared workload: a history of {@code n} messages built from realistic turns (prompt, a reply
 * with a tool call, its result, a final answer), and "one realistic step" on top of it: a steer that
 * arrives mid-step, a reply with two tool calls, two results (five messages, four events that
 * change the history).
 */
final class Workload {
  static final String ARGS = "{\"path\":\"src/main/java/App.java\",\"lines\":200}";
  static final String OUTPUT = "public final class App { /* 200 lines of code, abbreviated */ }";

  private Workload() {}

  /** A reachable Lockstep state with at least {@code n} committed messages and a request in flight. */
  static SessionState lockstepHistory(int n) {
    SessionState s = SessionState.initial(new Target("openai-chat", "bench"));
    int turn = 0;
    while (s.transcript().size() < n - 1) {
      String id = "h" + turn;
      s = Reducer.decide(s, new Event.UserPrompt("prompt " + turn)).state();
      s = Reducer.decide(s, Event.ModelReply.calls("", new RawCall(id, "Read", ARGS))).state();
      s = Reducer.decide(s, new Event.ToolResult(new CallRef.Raw(id), OUTPUT, false)).state();
      s = Reducer.decide(s, Event.ModelReply.text("answer " + turn)).state();
      turn++;
    }
    return Reducer.decide(s, new Event.UserPrompt("the benchmark turn")).state();
  }

  /** The step's events, in arrival order. */
  static final Event STEER = new Event.Steer("also check the tests", Origin.BACKGROUND);
  static final Event REPLY = Event.ModelReply.calls("", new RawCall("s1", "Read", ARGS), new RawCall("s2", "Grep", ARGS));
  static final Event RESULT_1 = new Event.ToolResult(new CallRef.Raw("s2"), OUTPUT, false);
  static final Event RESULT_2 = new Event.ToolResult(new CallRef.Raw("s1"), OUTPUT, false);

  /**
   * One whole turn that returns the session to idle, for loops that must run forever on one session:
   * a prompt, a steer that arrives while the request is in flight, a reply with two tool calls, two
   * results (the step seals, the steer enters, the next request goes out), and a final text answer.
   * Six events; the transcript grows by six messages per cycle. The call ids repeat every turn (as
   * Kimi's {@code Name:N} ids do); only use this where no reducer folds many cycles (see {@link Turns}).
   */
  static final Event[] TURN_CYCLE = {
    new Event.UserPrompt("next task"), STEER, REPLY, RESULT_1, RESULT_2, Event.ModelReply.text("done"),
  };

  /**
   * An endless source of {@link #TURN_CYCLE} turns whose call ids are fresh in every turn (OpenAI
   * style), so that folding many turns measures the engine, not the reducer's probing for a free
   * suffix of a reused id (which is linear in the number of earlier uses; see docs/benchmarks.md).
   * Not thread-safe: one per producer.
   */
  static final class Turns {
    private static final Event PROMPT = TURN_CYCLE[0];
    private static final Event ANSWER = TURN_CYCLE[5];
    private long turn;
    private int phase;
    private String first;
    private String second;

    Event next() {
      Event e = switch (phase) {
        case 0 -> {
          first = "call_" + turn + "a";
          second = "call_" + turn + "b";
          yield PROMPT;
        }
        case 1 -> STEER;
        case 2 -> Event.ModelReply.calls("", new RawCall(first, "Read", ARGS), new RawCall(second, "Grep", ARGS));
        case 3 -> new Event.ToolResult(new CallRef.Raw(second), OUTPUT, false);
        case 4 -> new Event.ToolResult(new CallRef.Raw(first), OUTPUT, false);
        default -> {
          turn++;
          yield ANSWER;
        }
      };
      phase = phase == 5 ? 0 : phase + 1;
      return e;
    }
  }

  /** A steer that waits for the step boundary: the event for order-independent multi-producer runs. */
  static final Event WAITING_STEER = new Event.Steer("background task finished", Origin.BACKGROUND);

  /** An idle state after {@code turns} turns of {@link #TURN_CYCLE} with texts unique to {@code tag}. */
  static SessionState smallIdle(String tag, int turns) {
    SessionState s = SessionState.initial(new Target("openai-chat", "bench"));
    for (int t = 0; t < turns; t++) {
      s = Reducer.decide(s, new Event.UserPrompt("prompt " + tag + " " + t)).state();
      s = Reducer.decide(s, Event.ModelReply.calls("", new RawCall("c" + t, "Read", ARGS))).state();
      s = Reducer.decide(s, new Event.ToolResult(new CallRef.Raw("c" + t), "output " + tag + " " + t, false)).state();
      s = Reducer.decide(s, Event.ModelReply.text("answer " + tag + " " + t)).state();
    }
    return s;
  }

  /** Applies {@code events} in order; fails if the reducer rejects any (the workload must be legal). */
  static SessionState applyChecked(SessionState s, Event... events) {
    for (Event e : events) {
      dev.lockstep.machine.Decision d = Reducer.decide(s, e);
      for (dev.lockstep.machine.Effect eff : d.effects()) {
        if (eff instanceof dev.lockstep.machine.Effect.Rejected r) {
          throw new IllegalStateException("workload event rejected: " + e + ": " + r.reason());
        }
      }
      s = d.state();
    }
    return s;
  }

  /** An idle state with a transcript of about {@code n} messages. */
  static SessionState idleHistory(int n) {
    SessionState s = lockstepHistory(n);
    return Reducer.decide(s, Event.ModelReply.text("answered")).state();
  }

  /** The same history as LangChain4j messages. */
  static List<ChatMessage> langchainHistory(int n) {
    List<ChatMessage> out = new ArrayList<>(n + 8);
    int turn = 0;
    while (out.size() < n) {
      String id = "h" + turn;
      out.add(dev.langchain4j.data.message.UserMessage.from("prompt " + turn));
      ToolExecutionRequest req = ToolExecutionRequest.builder().id(id).name("Read").arguments(ARGS).build();
      out.add(AiMessage.from(req));
      out.add(ToolExecutionResultMessage.from(req, OUTPUT));
      out.add(AiMessage.from("answer " + turn));
      turn++;
    }
    return out.subList(0, n);
  }

  static final ToolExecutionRequest STEP_1 =
      ToolExecutionRequest.builder().id("s1").name("Read").arguments(ARGS).build();
  static final ToolExecutionRequest STEP_2 =
      ToolExecutionRequest.builder().id("s2").name("Grep").arguments(ARGS).build();
  static final ChatMessage LC_STEER = dev.langchain4j.data.message.UserMessage.from("also check the tests");
  static final ChatMessage LC_REPLY = AiMessage.from(List.of(STEP_1, STEP_2));
  static final ChatMessage LC_RESULT_1 = ToolExecutionResultMessage.from(STEP_2, OUTPUT);
  static final ChatMessage LC_RESULT_2 = ToolExecutionResultMessage.from(STEP_1, OUTPUT);
}
