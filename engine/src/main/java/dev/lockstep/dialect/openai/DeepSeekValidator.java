package dev.lockstep.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.RequestValidator;
import dev.lockstep.dialect.RequestViolation;
import io.vavr.collection.List;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The rules DeepSeek's chat endpoint enforces, checked on the JSON alone (rule V2). Error texts
 * follow {@code reference/provider-rules.md} §1 (DeepSeek's variants) and §5. A request without a
 * {@code thinking} field is read as legacy R1 ({@code deepseek-reasoner}): strict user/assistant
 * alternation and no {@code reasoning_content}; one with {@code thinking: enabled} requires
 * {@code reasoning_content} on every assistant message with tool calls.
 */
public final class DeepSeekValidator implements RequestValidator {

  @Override
  public List<RequestViolation> validate(ObjectNode request, DialectOptions options) {
    java.util.List<RequestViolation> out = new ArrayList<>();
    JsonNode messages = request.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      out.add(v("messages-present", "Empty input messages"));
      return List.ofAll(out);
    }
    JsonNode thinkingField = request.get("thinking");
    boolean r1 = thinkingField == null;
    boolean thinking = !r1 && thinkingField.path("type").asText("").equals("enabled");
    JsonNode tools = request.get("tools");
    if (tools != null && tools.isArray() && tools.isEmpty()) {
      out.add(v("tools-non-empty", "Invalid 'tools': empty array. Expected an array with minimum length 1, but got an empty array instead."));
    }
    Set<String> pending = new LinkedHashSet<>();
    Set<String> lastCalls = new HashSet<>();
    Set<String> callIds = new HashSet<>();
    Set<String> answered = new HashSet<>();
    String lastConversational = "";
    int lastConversationalAt = -1;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText("");
      if (!role.equals("tool") && !pending.isEmpty()) {
        out.add(missing());
        pending.clear();
      }
      if (r1 && (role.equals("user") || role.equals("assistant"))) {
        if (role.equals(lastConversational)) {
          out.add(v("r1-alternation", "deepseek-reasoner does not support successive user or assistant messages (messages[" + lastConversationalAt
              + "] and messages[" + i + "] in your input). You should interleave the user/assistant messages in the message sequence."));
        }
        lastConversational = role;
        lastConversationalAt = i;
      }
      switch (role) {
        case "system" -> {
          if (i != 0 && r1) {
            out.add(v("system-first", "deepseek-reasoner accepts a system message only at the start of the conversation"));
          }
          lastCalls.clear();
        }
        case "user" -> lastCalls.clear();
        case "assistant" -> {
          lastCalls.clear();
          JsonNode calls = m.get("tool_calls");
          boolean hasCalls = calls != null && calls.isArray() && !calls.isEmpty();
          if (calls != null && calls.isArray() && calls.isEmpty()) {
            out.add(v("tool-calls-non-empty", "Invalid 'messages[" + i + "].tool_calls': empty array. Expected an array with minimum length 1, but got an empty array instead."));
          }
          JsonNode content = m.get("content");
          if (!hasCalls && (content == null || content.isNull())) {
            out.add(v("content-null-only-with-calls", "Invalid value for 'content': expected a string, got null."));
          }
          if (r1 && m.has("reasoning_content")) {
            out.add(v("r1-no-reasoning", "deepseek-reasoner: reasoning_content must not be passed back in the input messages (HTTP 400)"));
          }
          if (thinking && hasCalls && !m.path("reasoning_content").isTextual()) {
            out.add(v("reasoning-content-on-tool-calls", "The `reasoning_content` in the thinking mode must be passed back to the API."));
          }
          if (hasCalls) {
            for (JsonNode c : calls) {
              String id = c.path("id").asText("");
              if (id.isEmpty()) {
                out.add(v("call-id-present", "Invalid 'messages[" + i + "].tool_calls[].id': empty string."));
              }
              if (!callIds.add(id)) {
                out.add(v("call-id-unique", "Duplicate tool_call id '" + id + "' in messages[" + i + "]"));
              }
              if (c.path("function").path("name").asText("").isEmpty()) {
                out.add(v("function-name-present", "Invalid 'messages[" + i + "].tool_calls[].function.name': empty string."));
              }
              pending.add(id);
              lastCalls.add(id);
            }
          }
        }
        case "tool" -> {
          lastConversational = "";
          String id = m.path("tool_call_id").asText("");
          if (lastCalls.isEmpty() || !lastCalls.contains(id)) {
            out.add(v("no-orphan-results", "Messages with role 'tool' must be a response to a preceding message with 'tool_calls'"));
          } else if (!answered.add(id)) {
            out.add(v("no-duplicate-results", "Duplicate tool message for tool_call_id '" + id + "'"));
          }
          pending.remove(id);
        }
        default -> out.add(v("known-role", "Invalid role '" + role + "'. Supported values are: 'system', 'assistant', 'user', 'tool'."));
      }
    }
    if (!pending.isEmpty()) {
      out.add(missing());
    }
    return List.ofAll(out);
  }

  private static RequestViolation missing() {
    return v("results-follow-call", "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. (insufficient tool messages following tool_calls message)");
  }

  private static RequestViolation v(String rule, String error) {
    return new RequestViolation("deepseek/" + rule, error);
  }
}
