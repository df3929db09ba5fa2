package dev.lockstep.dialect.bedrock;

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
 * The rules Bedrock Converse enforces on a request body, checked on the JSON alone (rule V2). Error
 * texts follow {@code reference/provider-rules.md} §8; the field-constraint texts use AWS's
 * validation-error wording.
 */
public final class BedrockValidator implements RequestValidator {
  private static final Pattern ID = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
  private static final Pattern NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_]{0,63}$");
  private static final String ALTERNATE = "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.";

  @Override
  public List<RequestViolation> validate(ObjectNode request, DialectOptions options) {
    java.util.List<RequestViolation> out = new ArrayList<>();
    JsonNode messages = request.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      out.add(v("messages-present", "A conversation must start with a user message. Try again with a conversation that starts with a user message."));
      return List.ofAll(out);
    }
    boolean thinking = request.path("additionalModelRequestFields").path("thinking").path("type").asText("").equals("enabled");
    boolean toolBlocks = false;
    Set<String> useIds = new HashSet<>();
    Set<String> expected = new LinkedHashSet<>();
    String previous = "";
    int lastAssistant = -1;
    for (int n = 0; n < messages.size(); n++) {
      JsonNode m = messages.get(n);
      String role = m.path("role").asText("");
      if (!role.equals("user") && !role.equals("assistant")) {
        out.add(v("known-role", "1 validation error detected: Value '" + role + "' at 'messages." + (n + 1) + ".member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]"));
        continue;
      }
      if (n == 0 && !role.equals("user")) {
        out.add(v("first-user", "A conversation must start with a user message. Try again with a conversation that starts with a user message."));
      } else if (role.equals(previous)) {
        out.add(v("alternation", ALTERNATE));
      }
      JsonNode content = m.path("content");
      if (!content.isArray() || content.isEmpty()) {
        out.add(v("content-non-empty", "The content field in the Message object at messages." + n + " is empty. Add a ContentBlock object to the content field and try again."));
      }
      int results = 0;
      int conversation = 0;
      int uses = 0;
      Set<String> answered = new LinkedHashSet<>();
      for (int i = 0; i < content.size(); i++) {
        JsonNode b = content.get(i);
        if (b.has("text")) {
          conversation++;
          if (b.path("text").asText("").isBlank()) {
            out.add(v("text-not-blank", "The text field in the ContentBlock object at messages." + n + ".content." + i + " is blank. Add text to the text field, and try again."));
          }
        } else if (b.has("toolResult")) {
          toolBlocks = true;
          results++;
          JsonNode tr = b.get("toolResult");
          answered.add(tr.path("toolUseId").asText(""));
          for (JsonNode c : tr.path("content")) {
            if (c.has("text") && c.path("text").asText("").isBlank()) {
              out.add(v("text-not-blank", "The text field in the ContentBlock object at messages." + n + ".content." + i + " is blank. Add text to the text field, and try again."));
            }
          }
          if (!role.equals("user")) {
            out.add(v("tool-result-in-user", "messages." + n + ".content." + i + ": toolResult blocks are only allowed in user messages"));
          }
        } else if (b.has("toolUse")) {
          toolBlocks = true;
          uses++;
          JsonNode tu = b.get("toolUse");
          String id = tu.path("toolUseId").asText("");
          if (!ID.matcher(id).matches()) {
            out.add(v("tool-use-id-format", "1 validation error detected: Value '" + id + "' at 'messages." + (n + 1) + ".member.content." + (i + 1)
                + ".member.toolUse.toolUseId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+"));
          }
          if (!useIds.add(id)) {
            out.add(v("tool-use-id-unique", "The model returned the following errors: messages." + n + ".content." + i + ": `tool_use` ids must be unique"));
          }
          String name = tu.path("name").asText("");
          if (!NAME.matcher(name).matches()) {
            out.add(v("tool-name-format", "1 validation error detected: Value '" + name + "' at 'messages." + (n + 1) + ".member.content." + (i + 1)
                + ".member.toolUse.name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z][a-zA-Z0-9_]*$"));
          }
          if (!tu.path("input").isObject()) {
            out.add(v("tool-use-input-object", "The format of the value at messages." + n + ".content." + i + ".toolUse.input is invalid. Provide a json object for the field and try again."));
          }
          if (!role.equals("assistant")) {
            out.add(v("tool-use-in-assistant", "messages." + n + ".content." + i + ": toolUse blocks are only allowed in assistant messages"));
          }
        } else if (b.has("reasoningContent")) {
          if (i != 0 || !role.equals("assistant")) {
            out.add(v("reasoning-leading", "The model returned the following errors: messages." + n + ".content." + i
                + ": `thinking` or `redacted_thinking` blocks in the latest assistant message cannot be modified. These blocks must remain as they were in the original response."));
          }
          if (b.path("reasoningContent").path("reasoningText").path("signature").asText("").isEmpty()) {
            out.add(v("reasoning-signed", "The model returned the following errors: messages." + n + ".content." + i + ": Invalid `signature` in `thinking` block"));
          }
        }
      }
      if (results > 0 && conversation > 0) {
        out.add(v("results-only-turn", "messages." + n + ".content: Conversation blocks and tool result blocks cannot be provided in the same turn."));
      }
      if (results > 0 || !expected.isEmpty()) {
        Set<String> extra = new LinkedHashSet<>(answered);
        extra.removeAll(expected);
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(answered);
        if (!extra.isEmpty() || results > expected.size()) {
          out.add(v("result-count", "The number of toolResult blocks at messages." + n + ".content exceeds the number of toolUse blocks of previous turn."));
        } else if (!missing.isEmpty()) {
          out.add(v("results-present", "Expected toolResult blocks at messages." + n + ".content for the following Ids: " + String.join(", ", missing)));
        }
      }
      expected = new LinkedHashSet<>();
      if (role.equals("assistant")) {
        lastAssistant = n;
        for (JsonNode b : content) {
          if (b.has("toolUse")) {
            expected.add(b.path("toolUse").path("toolUseId").asText(""));
          }
        }
      }
      previous = role;
    }
    if (!expected.isEmpty()) {
      out.add(v("results-present", "Expected toolResult blocks at messages." + messages.size() + ".content for the following Ids: " + String.join(", ", expected)));
    }
    if (!previous.equals("user")) {
      out.add(v("alternation", ALTERNATE));
    }
    JsonNode toolConfig = request.get("toolConfig");
    if (toolBlocks && (toolConfig == null || !toolConfig.path("tools").isArray() || toolConfig.path("tools").isEmpty())) {
      out.add(v("tool-config-present", "The toolConfig field must be defined when using toolUse and toolResult content blocks."));
    }
    if (thinking && lastAssistant >= 0 && lastAssistant == messages.size() - 2) {
      JsonNode blocks = messages.get(lastAssistant).path("content");
      JsonNode lastContent = messages.get(messages.size() - 1).path("content");
      boolean continuesToolLoop = lastContent.size() > 0 && lastContent.get(0).has("toolResult");
      if (continuesToolLoop && (blocks.isEmpty() || !blocks.get(0).has("reasoningContent"))) {
        String found = blocks.isEmpty() ? "" : blocks.get(0).has("toolUse") ? "tool_use" : "text";
        out.add(v("thinking-first", "The model returned the following errors: messages." + lastAssistant + ".content.0.type: Expected `thinking` or `redacted_thinking`, but found `"
            + found + "`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking"));
      }
    }
    return List.ofAll(out);
  }

  private static RequestViolation v(String rule, String error) {
    return new RequestViolation("bedrock/" + rule, error);
  }
}
