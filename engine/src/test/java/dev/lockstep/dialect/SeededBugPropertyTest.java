package dev.lockstep.dialect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.machine.Target;
import dev.lockstep.model.Message;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Negative controls for {@link ProjectionPropertyTest}: each test plants one projection bug (a
 * decorator that edits the projected JSON the way a real projector bug would) and shows that the same
 * property check over generated transcripts catches it, naming the broken rule.
 */
class SeededBugPropertyTest {

  /** A dialect whose requests get {@code bug} applied after projection. */
  record Buggy(Dialect real, Consumer<ObjectNode> bug) implements Dialect {
    @Override
    public String name() {
      return real.name();
    }

    @Override
    public ArrayNode messages(Vector<Message> transcript, DialectOptions options, Target target) {
      return (ArrayNode) turnRequest(transcript, options, target).get("messages");
    }

    @Override
    public ObjectNode turnRequest(Vector<Message> transcript, DialectOptions options, Target target) {
      ObjectNode body = real.turnRequest(transcript, options, target);
      bug.accept(body);
      return body;
    }

    @Override
    public RequestValidator validator() {
      return real.validator();
    }
  }

  private static List<String> failuresWith(String name, Consumer<ObjectNode> bug) {
    Dialect buggy = new Buggy(Dialects.forName(name), bug);
    return ProjectionPropertyTest.violations(d -> d.equals(name) ? buggy : Dialects.forName(d), List.of(name), 6,
        new ProjectionPropertyTest.Stats());
  }

  private static void assertCaught(List<String> failures, String ruleOrProblem) {
    assertFalse(failures.isEmpty(), "the seeded bug went unnoticed");
    assertTrue(failures.stream().anyMatch(f -> f.contains(ruleOrProblem)),
        "expected " + ruleOrProblem + " among " + failures.subList(0, Math.min(3, failures.size())));
  }

  @Test
  void mistralWithoutBridge_isCaughtAsUserAfterTool() {
    assertCaught(failuresWith("mistral", body -> {
      Iterator<JsonNode> it = body.get("messages").iterator();
      while (it.hasNext()) {
        if (it.next().path("content").asText("").startsWith("[lockstep:bridge]")) {
          it.remove();
        }
      }
    }), "mistral/role-order");
  }

  @Test
  void anthropicTextBeforeToolResults_isCaught() {
    assertCaught(failuresWith("anthropic", body -> {
      for (JsonNode m : body.get("messages")) {
        ArrayNode content = (ArrayNode) m.get("content");
        List<JsonNode> texts = new ArrayList<>();
        List<JsonNode> others = new ArrayList<>();
        content.forEach(b -> (b.path("type").asText().equals("text") ? texts : others).add(b));
        content.removeAll();
        content.addAll(texts);
        content.addAll(others);
      }
    }), "anthropic/tool-results-first");
  }

  @Test
  void kimiWithoutReasoningBackfill_isCaught() {
    assertCaught(failuresWith("kimi", body -> {
      for (JsonNode m : body.get("messages")) {
        if (m.path("reasoning_content").asText("x").isEmpty()) {
          ((ObjectNode) m).remove("reasoning_content");
        }
      }
    }), "kimi/reasoning-content-on-tool-calls");
  }

  @Test
  void openAiIdsTruncatedInsteadOfHashed_isCaughtAsNotInjective() {
    assertCaught(failuresWith("openai-chat", body -> {
      for (JsonNode m : body.get("messages")) {
        for (JsonNode c : m.path("tool_calls")) {
          ((ObjectNode) c).put("id", truncatedRaw(c.path("id").asText()));
        }
        if (m.has("tool_call_id")) {
          ((ObjectNode) m).put("tool_call_id", truncatedRaw(m.path("tool_call_id").asText()));
        }
      }
    }), "ids: wire call ids are not unique");
  }

  /** A naive id shortener: the first 8 characters (collides for ids with a common prefix). */
  private static String truncatedRaw(String id) {
    return id.length() > 8 ? id.substring(0, 8) : id;
  }

  @Test
  void geminiWithoutDummySignature_isCaught() {
    assertCaught(failuresWith("gemini", body -> {
      for (JsonNode c : body.get("messages")) {
        for (JsonNode p : c.path("parts")) {
          if (p.path("thoughtSignature").asText().equals("skip_thought_signature_validator")) {
            ((ObjectNode) p).remove("thoughtSignature");
          }
        }
      }
    }), "gemini/thought-signature");
  }

  @Test
  void bedrockWithoutToolConfigStub_isCaught() {
    assertCaught(failuresWith("bedrock", body -> {
      if (body.path("toolConfig").path("tools").path(0).path("toolSpec").path("name").asText().equals("lockstep_no_tools")) {
        body.remove("toolConfig");
      }
    }), "bedrock/tool-config-present");
  }

  @Test
  void mistralResultIdsNotRemapped_isCaughtByTheValidator() {
    assertCaught(failuresWith("mistral", body -> {
      for (JsonNode m : body.get("messages")) {
        if (m.path("role").asText().equals("tool")) {
          ((ObjectNode) m).put("tool_call_id", new StringBuilder(m.path("tool_call_id").asText()).reverse().toString());
        }
      }
    }), "mistral/calls-answered");
  }

  /** Swapped answers inside one batch: valid JSON for OpenAI, so only the id round-trip property sees it. */
  @Test
  void openAiResultsSwappedWithinABatch_isCaughtByRoundTripOnly() {
    List<String> failures = failuresWith("openai-chat", body -> {
      ArrayNode messages = (ArrayNode) body.get("messages");
      for (int i = 0; i + 1 < messages.size(); i++) {
        ObjectNode a = (ObjectNode) messages.get(i);
        ObjectNode b = (ObjectNode) messages.get(i + 1);
        if (a.path("role").asText().equals("tool") && b.path("role").asText().equals("tool")) {
          JsonNode id = a.get("tool_call_id");
          a.set("tool_call_id", b.get("tool_call_id"));
          b.set("tool_call_id", id);
          i++;
        }
      }
    });
    assertCaught(failures, "ids: result");
    assertTrue(failures.stream().noneMatch(f -> f.contains("violation")), "the validator alone would not see this");
  }
}
