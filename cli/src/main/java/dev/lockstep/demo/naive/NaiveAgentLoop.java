package dev.lockstep.demo.naive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.machine.RawCall;
import java.util.ArrayList;
import java.util.List;

/**
 * <b>NEGATIVE CONTROL — deliberately wrong; never use this.</b>
 *
 * <p>The agent loop as the seed reports describe it: one mutable {@link ArrayList} of OpenAI-chat
 * messages shared by every thread, with no locking discipline. A steer is appended the moment it
 * arrives (even between an assistant's {@code tool_calls} and their results: the Read:158 race),
 * a tool result is appended whenever its tool finishes (in completion order, and even after an
 * interrupt gave up on it: an orphan), and an interrupt simply stops waiting (leaving calls without
 * results). Concurrent {@code add}s on the unsynchronized list can also lose messages outright.
 *
 * <p>{@code lockstep demo --naive} runs the demo scenarios on this loop to show the invalid requests it
 * produces; the stress tests reuse it as the forbidden-outcome baseline. Keep it small and keep it
 * wrong.
 */
public final class NaiveAgentLoop {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The whole history. Shared and unsynchronized on purpose: this is the bug. */
  private final List<ObjectNode> messages = new ArrayList<>();

  /** A user prompt, appended. */
  public void user(String text) {
    messages.add(text("user", text));
  }

  /** A steer, appended on arrival wherever the history currently ends. */
  public void steer(String text) {
    messages.add(text("user", text));
  }

  /** The model's reply, appended; tool calls go out at once. */
  public void assistant(String text, List<RawCall> calls, String reasoning) {
    ObjectNode m = JSON.objectNode();
    m.put("role", "assistant");
    if (calls.isEmpty()) {
      m.put("content", text);
    } else {
      if (text.isEmpty()) {
        m.putNull("content");
      } else {
        m.put("content", text);
      }
      ArrayNode cs = m.putArray("tool_calls");
      for (RawCall c : calls) {
        ObjectNode call = cs.addObject();
        call.put("id", c.id());
        call.put("type", "function");
        call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
      }
    }
    // Reasoning is dropped on replay (seed 002): the naive loop never stores it.
    messages.add(m);
  }

  /** A tool result, appended whenever the tool finishes. */
  public void toolResult(String callId, String output) {
    ObjectNode m = JSON.objectNode();
    m.put("role", "tool");
    m.put("tool_call_id", callId);
    m.put("content", output);
    messages.add(m);
  }

  /** The request body it would send now: the list as it is (copied without any lock). */
  public ObjectNode request(boolean kimiThinking) {
    ObjectNode body = JSON.objectNode();
    ArrayNode out = body.putArray("messages");
    for (int attempt = 0; ; attempt++) {
      try {
        out.removeAll();
        for (ObjectNode m : new ArrayList<>(messages)) {
          if (m != null) {
            out.add(m);
          }
        }
        break;
      } catch (RuntimeException concurrentModification) {
        if (attempt > 100) {
          throw concurrentModification;
        }
      }
    }
    if (kimiThinking) {
      body.putObject("thinking").put("type", "enabled");
    }
    return body;
  }

  private static ObjectNode text(String role, String content) {
    ObjectNode m = JSON.objectNode();
    m.put("role", role);
    m.put("content", content);
    return m;
  }

  /** Every message's text, for counting what survived. */
  public List<String> texts() {
    List<String> out = new ArrayList<>();
    for (ObjectNode m : new ArrayList<>(messages)) {
      if (m != null) {
        out.add(m.path("content").asText(""));
      }
    }
    return out;
  }
}
