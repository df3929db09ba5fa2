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
