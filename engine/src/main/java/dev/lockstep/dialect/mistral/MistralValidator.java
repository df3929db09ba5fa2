package dev.lockstep.dialect.mistral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.RequestValidator;
import dev.lockstep.dialect.RequestViolation;
import io.vavr.collection.List;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules Mistral enforces on a chat request (its API and the {@code mistral_common} templates),
 * checked on the JSON alone (rule V2). Error texts follow {@code reference/provider-rules.md} §7.
 *
 * <p>Role order: after {@code system} come {@code user}, {@code assistant} or {@code system}; after
 * {@code user}: {@code assistant}, {@code user}; after {@code assistant}: {@code assistant},
 * {@code user}, {@code tool}; after {@code tool}: {@code assistant}, {@code tool}. A system message
 * only opens the conversation. The last message is {@code user} or {@code tool} (or an assistant with
 * {@code prefix: true}).
 */
public final class MistralValidator implements RequestValidator {
  private static final Pattern ID = Pattern.compile("^[a-zA-Z0-9]{9}$");
  private static final Map<String, Set<String>> NEXT = Map.of(
      "", Set.of("system", "user"),
      "system", Set.of("system", "user", "assistant"),
      "user", Set.of("user", "assistant"),
      "assistant", Set.of("assistant", "user", "tool"),
      "tool", Set.of("assistant", "tool"));

  @Override
  public List<RequestViolation> validate(ObjectNode request, DialectOptions options) {
    java.util.List<RequestViolation> out = new ArrayList<>();
    JsonNode messages = request.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      out.add(v("messages-present", "Conversation must have at least one message"));
      return List.ofAll(out);
    }
    String previous = "";
    Map<String, Integer> open = null; // call ids (multiset) of the last assistant with tool_calls
    int openCount = 0;
    int results = 0;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText("");
      if (!NEXT.containsKey(role)) {
        out.add(v("known-role", "Invalid role '" + role + "'"));
        continue;
      }
      if (role.equals("system") && !previous.isEmpty() && !previous.equals("system")) {
        out.add(v("role-order", "Unexpected role 'system' after role '" + previous + "'"));
      } else if (!NEXT.get(previous).contains(role)) {
        out.add(v("role-order", previous.isEmpty()
            ? "Unexpected role '" + role + "' at the start of the conversation"
            : "Unexpected role '" + role + "' after role '" + previous + "'"));
      }
      if (!role.equals("tool") && open != null) {
        if (results != openCount || !open.values().stream().allMatch(n -> n == 0)) {
          out.add(v("calls-answered", "Not the same number of function calls and responses"));
        }
        open = null;
      }
      switch (role) {
        case "assistant" -> {
          JsonNode calls = m.get("tool_calls");
          boolean hasCalls = calls != null && calls.isArray() && !calls.isEmpty();
          JsonNode content = m.get("content");
          boolean noContent = content == null || content.isNull() || (content.isTextual() && content.asText().isBlank());
          if (!hasCalls && noContent) {
            out.add(v("assistant-not-empty", "Assistant message must have either content or tool_calls, but not none."));
          }
          if (hasCalls) {
            open = new HashMap<>();
            openCount = calls.size();
            results = 0;
            for (JsonNode c : calls) {
              String id = c.path("id").asText("");
              if (!ID.matcher(id).matches()) {
                out.add(v("tool-call-id-format", "Tool call id was " + id + " but must be a-z, A-Z, 0-9, with a length of 9."));
              }
              open.merge(id, 1, Integer::sum);
              JsonNode args = c.path("function").get("arguments");
              if (args == null || !(args.isObject() || (args.isTextual() && isObject(args.asText())))) {
                out.add(v("arguments-object", "Tool call arguments must be a JSON object"));
              }
            }
          }
        }
        case "tool" -> {
          String id = m.path("tool_call_id").asText("");
          if (!ID.matcher(id).matches()) {
            out.add(v("tool-call-id-format", "Tool call id was " + id + " but must be a-z, A-Z, 0-9, with a length of 9."));
          }
          if (open == null || open.getOrDefault(id, 0) == 0) {
            out.add(v("calls-answered", "Not the same number of function calls and responses"));
          } else {
            open.merge(id, -1, Integer::sum);
          }
          results++;
        }
        default -> {
          if (!m.path("content").isTextual() && !m.path("content").isArray()) {
            out.add(v("content-present", "Invalid value for 'content' of a " + role + " message: expected a string or a list of chunks"));
          }
        }
      }
      previous = role;
    }
    if (open != null && (results != openCount || !open.values().stream().allMatch(n -> n == 0))) {
      out.add(v("calls-answered", "Not the same number of function calls and responses"));
    }
    JsonNode last = messages.get(messages.size() - 1);
    String lastRole = last.path("role").asText("");
    if (!lastRole.equals("user") && !lastRole.equals("tool") && !(lastRole.equals("assistant") && last.path("prefix").asBoolean(false))) {
      out.add(v("last-role", "Expected last role User or Tool (or Assistant with prefix True) for serving but got " + lastRole));
    }
    return List.ofAll(out);
  }

  private static boolean isObject(String s) {
    try {
      JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(s);
      return Objects.nonNull(n) && n.isObject();
    } catch (Exception e) {
      return false;
    }
  }

  private static RequestViolation v(String rule, String error) {
    return new RequestViolation("mistral/" + rule, error);
  }
}
