package dev.lockstep.dialect.anthropic;

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
import java.util.regex.Pattern;

/**
 * The rules Anthropic Messages (and Kimi's Anthropic-compatible endpoint) enforce on a request body,
 * checked on the JSON alone (rule V2). Error texts follow {@code reference/provider-rules.md} §3–§4
 * ({@code N}, {@code M} filled in). Rule ids are {@code anthropic/<rule>} or {@code kimi-anthropic/<rule>}.
 */
public final class AnthropicValidator implements RequestValidator {
  private static final Pattern ID = Pattern.compile("^[a-zA-Z0-9_-]+$");
  private static final String THINKING_DOCS = "https://docs.claude.com/en/docs/build-with-claude/extended-thinking";

  private final String prefix;
  private final boolean kimi;

  private AnthropicValidator(String prefix, boolean kimi) {
    this.prefix = prefix;
    this.kimi = kimi;
  }

  /** Anthropic Messages. */
  public static AnthropicValidator anthropic() {
    return new AnthropicValidator("anthropic", false);
  }

  /** Moonshot/Kimi, Anthropic-compatible: native ids allowed, reasoning required on tool turns with thinking. */
  public static AnthropicValidator kimi() {
    return new AnthropicValidator("kimi-anthropic", true);
  }

  @Override
  public List<RequestViolation> validate(ObjectNode request, DialectOptions options) {
    java.util.List<RequestViolation> out = new ArrayList<>();
    JsonNode messages = request.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      out.add(v("messages-present", "messages: at least one message is required"));
      return List.ofAll(out);
    }
    JsonNode thinkingType = request.path("thinking").path("type");
    boolean thinking = thinkingType.asText("").equals("enabled");
    String choice = request.path("tool_choice").path("type").asText("");
    if (thinking && (choice.equals("any") || choice.equals("tool"))) {
      out.add(v("forced-tool-with-thinking", "Thinking may not be enabled when tool_choice forces tool use."));
    }
    checkToolNames(request, out);

    Set<String> useIds = new HashSet<>();
    Set<String> expected = new LinkedHashSet<>();
    int lastAssistant = -1;
    for (int n = 0; n < messages.size(); n++) {
      JsonNode m = messages.get(n);
      String role = m.path("role").asText("");
      JsonNode content = m.get("content");
      if (role.equals("system")) {
        out.add(v("no-system-role", "messages: Unexpected role \"system\". The Messages API accepts a top-level `system` parameter, not \"system\" as an input message role."));
        continue;
      }
      if (!role.equals("user") && !role.equals("assistant")) {
        out.add(v("known-role", "messages." + n + ".role: Input should be 'user' or 'assistant'"));
        continue;
      }
      if (n == 0 && !role.equals("user")) {
        out.add(v("first-user", "messages: first message must use the \"user\" role"));
      }
      boolean emptyContent = content == null || content.isNull()
          || (content.isArray() && content.isEmpty())
          || (content.isTextual() && content.asText().isEmpty());
      if (emptyContent && !(role.equals("assistant") && n == messages.size() - 1)) {
        out.add(v("non-empty-message", "messages." + n + ": all messages must have non-empty content except for the optional final assistant message"));
      }
      if (content != null && content.isTextual() && !content.asText().isEmpty() && content.asText().isBlank()) {
        out.add(v("text-non-whitespace", "messages: text content blocks must contain non-whitespace text"));
      }
      JsonNode blocks = content != null && content.isArray() ? content : com.fasterxml.jackson.databind.node.MissingNode.getInstance();

      // Results owed by the previous assistant message must open this one.
      if (!expected.isEmpty()) {
        Set<String> found = new LinkedHashSet<>();
        if (role.equals("user")) {
          for (JsonNode b : blocks) {
            if (!b.path("type").asText().equals("tool_result")) {
              break;
            }
            found.add(b.path("tool_use_id").asText(""));
          }
        }
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(found);
        if (!missing.isEmpty()) {
          out.add(v("results-follow-calls", "messages." + (n - 1) + ": `tool_use` ids were found without `tool_result` blocks immediately after: "
              + String.join(", ", missing) + ". Each `tool_use` block must have a corresponding `tool_result` block in the next message."));
        }
      }
      Set<String> answerable = role.equals("user") ? expected : Set.of();
      Set<String> answered = new HashSet<>();

      boolean seenNonThinking = false;
      boolean seenToolUse = false;
      boolean hasToolUse = false;
      boolean hasThinkingWithText = false;
      boolean seenNonResult = false;
      String lastType = "";
      for (int mi = 0; mi < blocks.size(); mi++) {
        JsonNode b = blocks.get(mi);
        String type = b.path("type").asText("");
        String at = "messages." + n + ".content." + mi;
        lastType = type;
        switch (type) {
          case "text" -> {
            String text = b.path("text").asText("");
            if (text.isEmpty()) {
              out.add(v("text-non-empty", "messages: text content blocks must be non-empty"));
            } else if (text.isBlank()) {
              out.add(v("text-non-whitespace", "messages: text content blocks must contain non-whitespace text"));
            }
            if (role.equals("assistant") && seenToolUse) {
              out.add(v("tool-use-last", "messages." + n + ": `tool_use` ids were found without `tool_result` blocks immediately after: "
                  + lastToolUseId(blocks, mi) + ". Each `tool_use` block must have a corresponding `tool_result` block in the next message."));
            }
            seenNonThinking = true;
            seenNonResult = true;
          }
          case "thinking", "redacted_thinking" -> {
            if (!role.equals("assistant")) {
              out.add(v("thinking-in-assistant", at + ".type: `" + type + "` blocks are only allowed in assistant messages"));
            }
            if (seenNonThinking) {
              out.add(v("thinking-leading", at + ": `thinking` or `redacted_thinking` blocks in the latest assistant message cannot be modified. These blocks must remain as they were in the original response."));
            }
            if (type.equals("thinking")) {
              if (!kimi && b.path("signature").asText("").isEmpty()) {
                out.add(v("thinking-signed", at + ": Invalid `signature` in `thinking` block"));
              }
              if (!b.path("thinking").asText("").isEmpty()) {
                hasThinkingWithText = true;
              }
            }
            seenNonResult = true;
          }
          case "tool_use" -> {
            if (!role.equals("assistant")) {
              out.add(v("tool-use-in-assistant", at + ".type: `tool_use` blocks are only allowed in assistant messages"));
            }
            String id = b.path("id").asText("");
            if (id.isEmpty()) {
              out.add(v("tool-use-id-present", at + ".tool_use.id: Field required"));
            } else if (!kimi && !ID.matcher(id).matches()) {
              out.add(v("tool-use-id-pattern", at + ".tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'"));
            }
            if (!kimi && id.length() > 64) {
              out.add(v("tool-use-id-length", at + ".tool_use.id: String should have at most 64 characters"));
            }
            if (!useIds.add(id)) {
              out.add(v("tool-use-id-unique", at + ": `tool_use` ids must be unique"));
            }
            if (b.path("name").asText("").isEmpty()) {
              out.add(v("tool-use-name-present", at + ".tool_use.name: String should have at least 1 character"));
            }
            if (!b.path("input").isObject()) {
              out.add(v("tool-use-input-object", at + ".tool_use.input: Input should be a valid dictionary"));
            }
            seenNonThinking = true;
            seenToolUse = true;
            hasToolUse = true;
            seenNonResult = true;
          }
          case "tool_result" -> {
            String id = b.path("tool_use_id").asText("");
            if (!role.equals("user")) {
              out.add(v("tool-result-in-user", at + ".type: `tool_result` blocks are only allowed in user messages"));
            } else if (!answerable.contains(id)) {
              out.add(v("no-orphan-results", at + ": unexpected `tool_use_id` found in `tool_result` blocks: " + id
                  + ". Each `tool_result` block must have a corresponding `tool_use` block in the previous message."));
            } else if (!answered.add(id)) {
              out.add(v("single-result", "each tool_use must have a single result"));
            } else if (seenNonResult) {
              out.add(v("tool-results-first", "messages." + (n - 1) + ": `tool_use` ids were found without `tool_result` blocks immediately after: "
                  + id + ". Each `tool_use` block must have a corresponding `tool_result` block in the next message."));
            }
            JsonNode c = b.get("content");
            if (c != null && c.isTextual() && c.asText().isEmpty()) {
              out.add(v("text-non-empty", "messages: text content blocks must be non-empty"));
            }
          }
          default -> {
            seenNonResult = true;
            seenNonThinking = true;
          }
        }
      }
      if (role.equals("assistant") && (lastType.equals("thinking") || lastType.equals("redacted_thinking"))) {
        out.add(v("final-block-not-thinking", "messages." + n + ": The final block in an assistant message cannot be `thinking`."));
      }
      if (kimi && thinking && role.equals("assistant") && hasToolUse
          && (!hasThinkingWithText || m.path("reasoning_content").asText("").isEmpty())) {
        out.add(v("reasoning-on-tool-calls", "thinking is enabled but reasoning_content is missing in assistant tool call message at index " + n));
      }
      expected = new LinkedHashSet<>();
      if (role.equals("assistant")) {
        lastAssistant = n;
        for (JsonNode b : blocks) {
          if (b.path("type").asText().equals("tool_use")) {
            expected.add(b.path("id").asText(""));
          }
        }
      }
    }
    if (!expected.isEmpty()) {
      out.add(v("results-follow-calls", "messages." + (messages.size() - 1) + ": `tool_use` ids were found without `tool_result` blocks immediately after: "
          + String.join(", ", expected) + ". Each `tool_use` block must have a corresponding `tool_result` block in the next message."));
    }
    checkFinalAssistantThinking(messages, lastAssistant, thinking, out);
    return List.ofAll(out);
  }

  /** Thinking on: the assistant message a tool loop continues must start with thinking; off: carry none. */
  private void checkFinalAssistantThinking(JsonNode messages, int lastAssistant, boolean thinking, java.util.List<RequestViolation> out) {
    if (lastAssistant < 0 || kimi) {
      return;
    }
    JsonNode blocks = messages.get(lastAssistant).path("content");
    if (thinking) {
      JsonNode last = messages.get(messages.size() - 1);
      boolean continuesToolLoop = lastAssistant == messages.size() - 2
          && last.path("role").asText().equals("user")
          && hasType(last.path("content"), "tool_result");
      String first = blocks.isArray() && !blocks.isEmpty() ? blocks.get(0).path("type").asText("") : "";
      if (continuesToolLoop && !first.equals("thinking") && !first.equals("redacted_thinking")) {
        out.add(v("thinking-first", "messages." + lastAssistant + ".content.0.type: Expected `thinking` or `redacted_thinking`, but found `"
            + first + "`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at "
            + THINKING_DOCS));
      }
    } else {
      for (int i = 0; blocks.isArray() && i < blocks.size(); i++) {
        String type = blocks.get(i).path("type").asText("");
        if (type.equals("thinking") || type.equals("redacted_thinking")) {
          out.add(v("thinking-disabled-final", "messages." + lastAssistant + ".content." + i
              + ": When thinking is disabled, an `assistant` message in the final position cannot contain `thinking`. To use thinking blocks, enable `thinking` in your request."));
          break;
        }
      }
    }
  }

  private void checkToolNames(ObjectNode request, java.util.List<RequestViolation> out) {
    JsonNode tools = request.get("tools");
    if (tools == null || !tools.isArray()) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (JsonNode t : tools) {
      if (!names.add(t.path("name").asText(""))) {
        out.add(v("tool-names-unique", "tools: Tool names must be unique."));
        return;
      }
    }
  }

  private static boolean hasType(JsonNode blocks, String type) {
    for (JsonNode b : blocks) {
      if (b.path("type").asText().equals(type)) {
        return true;
      }
    }
    return false;
  }

  private static String lastToolUseId(JsonNode blocks, int before) {
    String id = "";
    for (int i = 0; i < before; i++) {
      if (blocks.get(i).path("type").asText().equals("tool_use")) {
        id = blocks.get(i).path("id").asText("");
      }
    }
    return id;
  }

  private RequestViolation v(String rule, String error) {
    return new RequestViolation(prefix + "/" + rule, error);
  }
}
