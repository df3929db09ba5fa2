package dev.lockstep.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.RequestValidator;
import dev.lockstep.dialect.RequestViolation;
import io.vavr.collection.List;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The rules OpenAI Responses enforces on {@code input} items (under {@code messages} here), checked
 * on the JSON alone (rule V2). Error texts follow {@code reference/provider-rules.md} §2. Pairing is
 * checked in the strict contiguous form (calls of a batch, then their outputs, nothing between), which
 * OpenAI accepts and DeepSeek's Responses endpoint requires.
 */
public final class OpenAiResponsesValidator implements RequestValidator {

  @Override
  public List<RequestViolation> validate(ObjectNode request, DialectOptions options) {
    java.util.List<RequestViolation> out = new ArrayList<>();
    JsonNode input = request.get("messages");
    if (input == null || !input.isArray() || input.isEmpty()) {
      out.add(v("input-present", "Invalid 'input': empty array. Expected an array with minimum length 1, but got an empty array instead."));
      return List.ofAll(out);
    }
    boolean storeOff = request.path("store").isBoolean() && !request.path("store").asBoolean();
    Set<String> calls = new HashSet<>();
    Set<String> itemIds = new HashSet<>();
    Map<String, Integer> outputs = new HashMap<>();
    Set<String> batch = new LinkedHashSet<>(); // calls of the current batch not yet answered
    boolean inOutputs = false;
    for (int i = 0; i < input.size(); i++) {
      JsonNode item = input.get(i);
      String type = item.path("type").asText(item.has("role") ? "message" : "");
      String id = item.path("id").asText("");
      if (!id.isEmpty()) {
        if (!itemIds.add(id)) {
          out.add(v("item-id-unique", "Duplicate item found with id " + id + ". Remove duplicate items from your input and try again."));
        }
        if (type.equals("function_call") && !id.startsWith("fc")) {
          out.add(v("function-call-item-id", "Invalid 'input[" + i + "].id': '" + id + "'. Expected an ID that begins with 'fc'."));
        }
        if (storeOff && !type.equals("function_call") && !type.equals("message")) {
          out.add(v("no-item-references", "Item with id '" + id + "' not found. Items are not persisted when `store` is set to false. Try again with `store` set to true, or remove this item from your input."));
        }
      }
      boolean isOutput = type.equals("function_call_output");
      if (!isOutput && !type.equals("function_call") && !batch.isEmpty()) {
        out.add(v("outputs-follow-calls", "No tool output found for function call " + batch.iterator().next() + "."));
        batch.clear();
      }
      if (type.equals("function_call") && inOutputs && !batch.isEmpty()) {
        out.add(v("outputs-follow-calls", "No tool output found for function call " + batch.iterator().next() + "."));
        batch.clear();
      }
      switch (type) {
        case "message" -> {
          String role = item.path("role").asText("");
          JsonNode content = item.get("content");
          boolean empty = content == null || content.isNull()
              || (content.isTextual() && content.asText().isEmpty()) || (content.isArray() && content.isEmpty());
          if (empty) {
            out.add(v("message-content", "Invalid 'input[" + i + "].content': empty. Expected a string or an array with minimum length 1."));
          }
          if (!role.equals("user") && !role.equals("assistant") && !role.equals("system") && !role.equals("developer")) {
            out.add(v("message-role", "Invalid value: '" + role + "'. Supported values are: 'assistant', 'system', 'developer', and 'user'."));
          }
        }
        case "function_call" -> {
          String callId = item.path("call_id").asText("");
          if (callId.isEmpty()) {
            out.add(v("call-id-present", "Missing required parameter: 'input[" + i + "].call_id'."));
          }
          if (callId.length() > 64) {
            out.add(v("call-id-length", "Invalid 'input[" + i + "].call_id': string too long. Expected a string with maximum length 64, but got a string with length " + callId.length() + " instead."));
          }
          if (!calls.add(callId)) {
            out.add(v("call-id-unique", "Duplicate item found with call_id " + callId + ". Remove duplicate items from your input and try again."));
          }
          if (item.path("name").asText("").isEmpty()) {
            out.add(v("function-name-present", "Invalid 'input[" + i + "].name': empty string. Expected a string with minimum length 1, but got an empty string instead."));
          }
          batch.add(callId);
          inOutputs = false;
        }
        case "function_call_output" -> {
          String callId = item.path("call_id").asText("");
          if (!calls.contains(callId)) {
            out.add(v("no-orphan-outputs", "No tool call found for function call output with call_id " + callId + "."));
          } else if (outputs.merge(callId, 1, Integer::sum) > 1) {
            out.add(v("single-output", "Duplicate item found with call_id " + callId + ". Remove duplicate items from your input and try again."));
          } else if (!batch.remove(callId)) {
            out.add(v("outputs-follow-calls", "No tool output found for function call " + callId + "."));
          }
          inOutputs = true;
        }
        case "reasoning" -> {
          JsonNode following = i + 1 < input.size() ? input.get(i + 1) : null;
          String next = following == null ? "" : following.path("type").asText("");
          boolean ownOutput = next.equals("function_call")
              || (next.equals("message") && following.path("role").asText("").equals("assistant"));
          if (!ownOutput) {
            out.add(v("reasoning-followed", "Item '" + (id.isEmpty() ? "rs_" : id) + "' of type 'reasoning' was provided without its required following item."));
          }
          if (!item.has("summary") || !item.get("summary").isArray()) {
            out.add(v("reasoning-summary", "Input[" + i + "] missing required field 'summary'"));
          }
          if (id.isEmpty() && item.path("encrypted_content").asText("").isEmpty()) {
            out.add(v("reasoning-content", "Item 'rs_' of type 'reasoning' carries neither an id nor encrypted_content: nothing can be verified."));
          }
        }
        default -> out.add(v("item-type", "Invalid value: '" + type + "'. Supported values are: 'message', 'function_call', 'function_call_output', 'reasoning', …"));
      }
      if (!type.equals("function_call") && !isOutput) {
        inOutputs = false;
      }
    }
    if (!batch.isEmpty()) {
      out.add(v("outputs-follow-calls", "No tool output found for function call " + batch.iterator().next() + "."));
    }
    return List.ofAll(out);
  }

  private static RequestViolation v(String rule, String error) {
    return new RequestViolation("openai-responses/" + rule, error);
  }
}
