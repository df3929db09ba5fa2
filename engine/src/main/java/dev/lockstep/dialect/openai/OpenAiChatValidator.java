package dev.lockstep.dialect.openai;

import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.RequestValidator;
import dev.lockstep.dialect.RequestViolation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The rules OpenAI Chat Completions (and Moonshot/Kimi's compatible endpoint) enforce on a replayed
 * history, checked on the request JSON alone (rule V2). Error texts are the providers' own wording as
 * collected in {@code reference/provider-rules.md}.
 */
public final class OpenAiChatValidator implements RequestValidator {
  private static final int MAX_ID = 40;
  private final String prefix;
  private final boolean kimi;

  private OpenAiChatValidator(String prefix, boolean kimi) {
    this.prefix = prefix;
    this.kimi = kimi;
  }

  /** OpenAI Chat Completions. */
  public static OpenAiChatValidator openAi() {
    return new OpenAiChatValidator("openai-chat", false);
  }

  /** Moonshot/Kimi, OpenAI-compatible. */
  public static OpenAiChatValidator kimi() {
    return new OpenAiChatValidator("kimi", true);
  }

  @Override
  public List<RequestViolation> validate(ObjectNode request, DialectOptions options) {
    java.util.List<RequestViolation> out = new ArrayList<>();
    JsonNode messages = request.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      out.add(v("messages-present", "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead."));
      return List.ofAll(out);
    }
    boolean thinking = kimi && thinkingEnabled(request, options);
    Map<String, Integer> resultSeen = new HashMap<>();
    Map<String, Integer> callSeen = new HashMap<>();
    Set<String> pending = new LinkedHashSet<>();
    Set<String> lastCallIds = new LinkedHashSet<>();

    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText("");
      if (!role.equals("tool") && !pending.isEmpty()) {
        out.add(missingResults(pending));
        pending.clear();
      }
      switch (role) {
        case "system", "user" -> {
          if (!m.path("content").isTextual()) {
            out.add(v("content-string", "Invalid value for 'content': expected a string, got " + kind(m.get("content")) + "."));
          }
          lastCallIds.clear();
        }
        case "assistant" -> {
          lastCallIds.clear();
          JsonNode calls = m.get("tool_calls");
          boolean hasCalls = calls != null && !calls.isNull();
          if (hasCalls && (!calls.isArray() || calls.isEmpty())) {
            out.add(v("tool-calls-non-empty", "Invalid 'messages[" + i + "].tool_calls': empty array. Expected an array with minimum length 1, but got an empty array instead."));
            hasCalls = false;
          }
          JsonNode content = m.get("content");
          if (!hasCalls && (content == null || content.isNull())) {
            out.add(v("content-null-only-with-calls", "Invalid value for 'content': expected a string, got null."));
          }
          if (!hasCalls && content != null && content.isTextual() && content.asText().isBlank()
              && m.path("reasoning_content").asText("").isEmpty()) {
            out.add(v("no-vacuous-assistant", "the message at position " + i + " with role 'assistant' must not be empty"));
          }
          if (hasCalls) {
            if (thinking && !m.has("reasoning_content")) {
              out.add(v("reasoning-content-on-tool-calls", "thinking is enabled but reasoning_content is missing in assistant tool call message at index " + i));
            }
            for (int j = 0; j < calls.size(); j++) {
              JsonNode c = calls.get(j);
              String id = c.path("id").asText("");
              if (id.isEmpty()) {
                out.add(v("call-id-present", "Invalid 'messages[" + i + "].tool_calls[" + j + "].id': empty string. Expected a string with minimum length 1, but got an empty string instead."));
              }
              if (!kimi && id.length() > MAX_ID) {
                out.add(v("call-id-length", "Invalid 'messages[" + i + "].tool_calls[" + j + "].id': string too long. Expected a string with maximum length 40, but got a string with length " + id.length() + " instead."));
              }
              Integer before = callSeen.put(id, i);
              if (before != null) {
                out.add(v("call-id-unique", "Invalid parameter: Duplicate value for 'tool_calls.id' of '" + id + "' in messages[" + before + "] and messages[" + i + "]."));
              }
              String name = c.path("function").path("name").asText("");
              if (name.isEmpty()) {
                out.add(v("function-name-present", "Invalid 'messages[" + i + "].tool_calls[" + j + "].function.name': empty string. Expected a string with minimum length 1, but got an empty string instead."));
              }
              JsonNode args = c.path("function").get("arguments");
              if (args == null || !args.isTextual() || !isJsonObject(args.asText())) {
                out.add(v("arguments-json-object", "Invalid 'messages[" + i + "].tool_calls[" + j + "].function.arguments': expected a JSON object encoded as a string."));
              }
              pending.add(id);
              lastCallIds.add(id);
            }

          }
        }
        case "tool" -> {
          String id = m.path("tool_call_id").asText("");
          if (lastCallIds.isEmpty()) {
            out.add(v("no-orphan-results", "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'."));
          } else if (!lastCallIds.contains(id)) {
            out.add(v("result-matches-call", "Invalid parameter: 'tool_call_id' of '" + id + "' not found in 'tool_calls' of previous message."));
          }
          Integer before = resultSeen.put(id, i);
          if (before != null) {
            out.add(v("no-duplicate-results", "Invalid parameter: Duplicate value for 'tool_call_id' of '" + id + "' in messages[" + before + "] and messages[" + i + "]."));
          }
          if (!m.path("content").isTextual()) {
            out.add(v("content-string", "Invalid value for 'content': expected a string, got " + kind(m.get("content")) + "."));
          }
          pending.remove(id);
        }
        default -> out.add(v("known-role", "Invalid value: '" + role + "'. Supported values are: 'system', 'assistant', 'user', 'tool'."));
      }
    }
    if (!pending.isEmpty()) {
      out.add(missingResults(pending));
    }
    JsonNode tools = request.get("tools");
    if (tools != null && tools.isArray() && tools.size() > 128) {
      out.add(v("tools-limit", "Invalid 'tools': array too long. Expected an array with maximum length 128, but got an array with length " + tools.size() + " instead."));
    }
    return List.ofAll(out);
  }

  private RequestViolation missingResults(Set<String> pending) {
    String text = "n assistant message with 'tool_calls' must be followed by tool messages responding to each"
        + " 'tool_call_id'. The following tool_call_ids did not have response messages: " + String.join(", ", pending);
    return v("results-follow-call", (kimi ? "a" : "A") + text);
  }

  private static boolean thinkingEnabled(ObjectNode request, DialectOptions options) {
    JsonNode type = request.path("thinking").path("type");
    return type.isTextual() ? !type.asText().equals("disabled") : options.thinking();
  }

  private static boolean isJsonObject(String s) {
    try {
      JsonNode n = STRICT.readTree(s);
      return n != null && n.isObject();
    } catch (Exception e) {
      return false;
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper STRICT = new com.fasterxml.jackson.databind.ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static String kind(JsonNode n) {
    return n == null || n.isNull() ? "null" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private RequestViolation v(String rule, String error) {
    return new RequestViolation(prefix + "/" + rule, error);
  }
}
