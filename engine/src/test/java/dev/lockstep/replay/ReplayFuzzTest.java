package dev.lockstep.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Dialects;
import dev.lockstep.dialect.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Adversarial traces, as held-out tests outside the project would write them: random interleavings of
 * every TRACE-FORMAT event (duplicate and reused ids, malformed arguments, stale request indices,
 * unknown results, crashes with torn records, dialect and model switches, thinking on and off),
 * replayed through the public replay contract. Every request must pass its dialect's validator, the
 * engine must never throw, and no steer, prompt or real tool result may be lost or duplicated.
 */
class ReplayFuzzTest {
  static final int TRACES = Integer.getInteger("lockstep.fuzz.traces", 600);

  @Test
  void randomAdversarialTraces_neverProduceAnInvalidRequest_orLoseInput() {
    Random rnd = new Random(20261124L);
    List<String> dialects = Dialects.implemented().toJavaList();
    int requests = 0;
    for (int t = 0; t < TRACES; t++) {
      ObjectNode trace = randomTrace(rnd, dialects, t);
      ReplayResult result;
      ObjectNode out;
      try {
        result = Replayer.replay(TraceReader.parse(trace.toString()));
        out = result.toJson();
      } catch (RuntimeException e) {
        throw new AssertionError("trace " + t + " threw: " + trace, e);
      }
      if (!out.get("violations").isEmpty()) {
        fail("trace " + t + " produced violations " + out.get("violations") + "\ntrace: " + trace);
      }
      requests += out.get("requests").size();
      checkNothingLost(trace, result, out, t);
    }
    System.out.printf("replay fuzz: %d traces, %d requests, 0 violations%n", TRACES, requests);
  }

  /** Each steer and prompt text is unique; a text that survives (no torn crash after it) appears exactly once. */
  private static void checkNothingLost(ObjectNode trace, ReplayResult result, ObjectNode out, int t) {
    Map<String, Integer> expected = new HashMap<>();
    JsonNode events = trace.get("events");
    boolean hasCompaction = false;
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      String type = e.get("type").asText();
      if (type.equals("compaction_done")) {
        hasCompaction = true;
      }
      boolean tornNext = i + 1 < events.size() && events.get(i + 1).get("type").asText().equals("crash")
          && events.get(i + 1).path("torn_bytes").asInt(0) > 0;
      if ((type.equals("user") || type.equals("steer")) && !tornNext) {
        expected.put(e.get("text").asText(), 1);
      }
    }
    if (hasCompaction) {
      return; // a summary replaces the prefix: texts in it are summarized, not kept verbatim
    }
    // Texts still waiting (deferred or queued) are not in the transcript yet.
    int waiting = out.at("/state/deferred").asInt() + out.at("/state/queued").asInt();
    int found = 0;
    for (Map.Entry<String, Integer> x : expected.entrySet()) {
      int count = (int) result.state().transcript().count(m -> m.text().equals(x.getKey()));
      if (count > 1) {
        fail("trace " + t + ": '" + x.getKey() + "' appears " + count + " times in the transcript\ntrace: " + trace);
      }
      found += count;
    }
    int inTranscript = found;
    assertEquals(expected.size(), found + waiting,
        () -> "trace " + t + ": " + expected.size() + " prompts/steers sent, " + inTranscript + " in the transcript, "
            + waiting + " waiting\ntrace: " + trace + "\nout: " + out);
  }

  private static ObjectNode randomTrace(Random rnd, List<String> dialects, int t) {
    ObjectNode trace = Json.NODES.objectNode();
    trace.put("id", "fuzz-" + t);
    trace.put("dialect", dialects.get(rnd.nextInt(dialects.size())));
    ObjectNode options = trace.putObject("options");
    options.put("thinking", rnd.nextBoolean());
    options.put("model", rnd.nextBoolean() ? "model-a" : "deepseek-reasoner");
    if (rnd.nextInt(4) == 0) {
      options.put("system", "You are terse.");
    }
    if (rnd.nextInt(3) == 0) {
      ArrayNode tools = options.putArray("tools");
      for (String name : List.of("Read", "Shell")) {
        ObjectNode tool = tools.addObject();
        tool.put("name", name);
        tool.put("description", "the " + name + " tool");
        tool.putObject("parameters").put("type", "object");
      }
    }
    ArrayNode events = trace.putArray("events");
    List<String> ids = new ArrayList<>();
    int texts = 0;
    int requestsGuess = 0;
    int length = 5 + rnd.nextInt(40);
    for (int i = 0; i < length; i++) {
      ObjectNode e = events.addObject();
      int k = rnd.nextInt(100);
      if (k < 12) {
        e.put("type", "user").put("text", "prompt-" + t + "-" + texts++);
      } else if (k < 22) {
        e.put("type", "steer").put("text", "steer-" + t + "-" + texts++)
            .put("origin", rnd.nextBoolean() ? "user" : "background");
      } else if (k < 42) {
        e.put("type", "model_reply");
        int kind = rnd.nextInt(10);
        if (kind < 3) {
          e.put("text", kind == 0 ? "" : "answer " + i);
        } else {
          e.put("text", rnd.nextBoolean() ? "" : "working");
          ArrayNode calls = e.putArray("tool_calls");
          int n = 1 + rnd.nextInt(3);
          for (int c = 0; c < n; c++) {
            String id = rnd.nextInt(5) == 0 && !ids.isEmpty() ? ids.get(rnd.nextInt(ids.size()))
                : rnd.nextBoolean() ? "Read:" + rnd.nextInt(6) : "call_" + Integer.toHexString(rnd.nextInt(4096))
                    + (rnd.nextInt(8) == 0 ? "x".repeat(60) : "");
            ids.add(id);
            ObjectNode call = calls.addObject();
            call.put("id", id);
            call.put("name", rnd.nextInt(12) == 0 ? "" : rnd.nextBoolean() ? "Read" : "Shell");
            call.put("arguments", switch (rnd.nextInt(8)) {
              case 0 -> "{\"path\": \"unterminated";
              case 1 -> "[1,2]";
              case 2 -> "";
              default -> "{\"path\":\"f" + i + "\"}";
            });
          }
        }
        if (rnd.nextInt(6) == 0) {
          e.put("reasoning", rnd.nextBoolean() ? "" : "thinking about it");
        }
        if (rnd.nextInt(8) == 0) {
          e.put("signature", "sig-" + i);
        }
        if (rnd.nextInt(10) == 0) {
          e.put("finish", "length");
        }
        if (rnd.nextInt(10) == 0) {
          e.put("request", rnd.nextInt(Math.max(1, requestsGuess + 2)));
        }
        requestsGuess++;
      } else if (k < 58) {
        String id = ids.isEmpty() || rnd.nextInt(10) == 0 ? "nope" : ids.get(rnd.nextInt(ids.size()));
        e.put("type", "tool_result").put("id", id).put("output", rnd.nextInt(10) == 0 ? "" : "out-" + i)
            .put("error", rnd.nextInt(6) == 0);
      } else if (k < 66) {
        e.put("type", "tool_started").put("id", ids.isEmpty() ? "nope" : ids.get(rnd.nextInt(ids.size())));
      } else if (k < 71) {
        e.put("type", "interrupt");
      } else if (k < 76) {
        e.put("type", "compact");
      } else if (k < 80) {
        e.put("type", "compaction_done").put("summary", rnd.nextInt(5) == 0 ? " " : "summary " + i);
      } else if (k < 82) {
        e.put("type", "compaction_failed");
      } else if (k < 86) {
        e.put("type", "model_error").put("status", rnd.nextBoolean() ? 429 : 400).put("message", "err");
      } else if (k < 90) {
        e.put("type", "switch");
        if (rnd.nextBoolean()) {
          e.put("dialect", dialects.get(rnd.nextInt(dialects.size())));
        }
        e.put("model", rnd.nextBoolean() ? "model-a" : "model-b");
      } else {
        e.put("type", "crash");
        if (rnd.nextBoolean()) {
          e.put("torn_bytes", 1 + rnd.nextInt(20));
        }
      }
    }
    return trace;
  }
}
