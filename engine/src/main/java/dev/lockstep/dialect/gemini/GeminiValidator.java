package dev.lockstep.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.RequestValidator;
import dev.lockstep.dialect.RequestViolation;
import io.vavr.collection.List;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The rules Gemini {@code generateContent} enforces on {@code contents} (under {@code messages} here),
 * checked on the JSON alone (rule V2). Error texts follow {@code reference/provider-rules.md} §6.
 * Thought signatures are checked on every model turn with function calls (Gemini 3 checks the current
 * turn; checking all is stricter and what the projection guarantees).
 */
public final class GeminiValidator implements RequestValidator {

  @Override
  public List<RequestViolation> validate(ObjectNode request, DialectOptions options) {
    java.util.List<RequestViolation> out = new ArrayList<>();
    JsonNode contents = request.get("messages");
    if (contents == null || !contents.isArray() || contents.isEmpty()) {
      out.add(v("contents-present", "* GenerateContentRequest.contents: contents is not specified"));
      return List.ofAll(out);
    }
    // Kinds: "text" (user text turn), "call" (model turn with function calls), "model" (model text
    // only), "response" (user turn with function responses).
    String previous = "";
    int previousCalls = 0;
    Map<String, Integer> previousNames = new HashMap<>();
    for (int i = 0; i < contents.size(); i++) {
      JsonNode c = contents.get(i);
      String role = c.path("role").asText("");
      JsonNode parts = c.get("parts");
      if (!role.equals("user") && !role.equals("model")) {
        out.add(v("role", "* GenerateContentRequest.contents[" + i + "].role: Please use a valid role: user, model."));
      }
      if (parts == null || !parts.isArray() || parts.isEmpty()) {
        out.add(v("parts-non-empty", "* GenerateContentRequest.contents[" + i + "].parts: contents.parts must not be empty."));
        previous = role.equals("model") ? "model" : "text";
        continue;
      }
      int calls = 0;
      int responses = 0;
      Map<String, Integer> names = new HashMap<>();
      Map<String, Integer> responseNames = new HashMap<>();
      boolean firstCallSigned = false;
      for (int p = 0; p < parts.size(); p++) {
        JsonNode part = parts.get(p);
        if (part.has("text") && part.path("text").asText("").isEmpty()) {
          out.add(v("text-non-empty", "Unable to submit request because it has an empty text parameter. Add a value to the parameter and try again."));
        }
        if (part.has("functionCall")) {
          if (calls == 0) {
            firstCallSigned = !part.path("thoughtSignature").asText("").isEmpty();
          }
          calls++;
          names.merge(part.path("functionCall").path("name").asText(""), 1, Integer::sum);
          if (!role.equals("model")) {
            out.add(v("function-call-role", "* GenerateContentRequest.contents[" + i + "].parts[" + p + "]: functionCall parts are only allowed in model turns"));
          }
        }
        if (part.has("functionResponse")) {
          responses++;
          responseNames.merge(part.path("functionResponse").path("name").asText(""), 1, Integer::sum);
          if (!part.path("functionResponse").path("response").isObject()) {
            out.add(v("response-object", "* GenerateContentRequest.contents[" + i + "].parts[" + p + "].function_response.response: Invalid value (a JSON object is required)"));
          }
        }
      }
      if (calls > 0) {
        if (!previous.equals("text") && !previous.equals("response")) {
          out.add(v("function-call-placement", "Please ensure that function call turn comes immediately after a user turn or after a function response turn."));
        }
        if (!firstCallSigned) {
          String name = firstCallName(parts);
          out.add(v("thought-signature", "Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:"
              + name + "` , position " + (i + 1) + ". Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details."));
        }
      }
      if (responses > 0) {
        if (!previous.equals("call")) {
          out.add(v("function-response-placement", "Please ensure that function response turn comes immediately after a function call turn."));
        } else if (responses != previousCalls || responses != parts.size() || !responseNames.equals(previousNames)) {
          out.add(v("response-count", "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn."));
        }
      } else if (previous.equals("call")) {
        out.add(v("response-count", "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn."));
      }
      previous = calls > 0 ? "call" : responses > 0 ? "response" : role.equals("model") ? "model" : "text";
      previousCalls = calls;
      previousNames = names;
    }
    if (previous.equals("call")) {
      out.add(v("response-count", "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn."));
    } else if (!contents.get(contents.size() - 1).path("role").asText("").equals("user")) {
      out.add(v("ends-with-user", "the conversation must end with a user turn (a request that ends on a model turn asks the model to continue its own turn)"));
    }
    return List.ofAll(out);
  }

  private static String firstCallName(JsonNode parts) {
    for (JsonNode part : parts) {
      if (part.has("functionCall")) {
        return part.path("functionCall").path("name").asText("");
      }
    }
    return "";
  }

  private static RequestViolation v(String rule, String error) {
    return new RequestViolation("gemini/" + rule, error);
  }
}
