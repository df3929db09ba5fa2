package dev.lockstep.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Test helper: the call ids and result ids of a projected request, read back from its JSON per dialect. */
final class WireView {
  final List<String> callIds = new ArrayList<>();
  final List<String> resultIds = new ArrayList<>();

  private WireView() {}

  /** True when the dialect sends ids at all (Gemini pairs by position and name). */
  static boolean hasIds(String dialect) {
    return !dialect.equals("gemini");
  }

  static WireView of(String dialect, JsonNode request) {
    WireView w = new WireView();
    for (JsonNode m : request.path("messages")) {
      switch (dialect) {
        case "openai-chat", "kimi", "deepseek", "mistral" -> {
          for (JsonNode c : m.path("tool_calls")) {
            w.callIds.add(c.path("id").asText());
          }
          if (m.path("role").asText().equals("tool")) {
            w.resultIds.add(m.path("tool_call_id").asText());
          }
        }
        case "openai-responses" -> {
          String type = m.path("type").asText();
          if (type.equals("function_call")) {
            w.callIds.add(m.path("call_id").asText());
          } else if (type.equals("function_call_output")) {
            w.resultIds.add(m.path("call_id").asText());
          }
        }
        case "anthropic", "kimi-anthropic" -> {
          for (JsonNode b : m.path("content")) {
            if (b.path("type").asText().equals("tool_use")) {
              w.callIds.add(b.path("id").asText());
            } else if (b.path("type").asText().equals("tool_result")) {
              w.resultIds.add(b.path("tool_use_id").asText());
            }
          }
        }
        case "bedrock" -> {
          for (JsonNode b : m.path("content")) {
            if (b.has("toolUse")) {
              w.callIds.add(b.path("toolUse").path("toolUseId").asText());
            } else if (b.has("toolResult")) {
              w.resultIds.add(b.path("toolResult").path("toolUseId").asText());
            }
          }
        }
        case "gemini" -> {
          for (JsonNode p : m.path("parts")) {
            if (p.has("functionCall")) {
              w.callIds.add(p.path("functionCall").path("name").asText());
            } else if (p.has("functionResponse")) {
              w.resultIds.add(p.path("functionResponse").path("name").asText());
            }
          }
        }
        default -> throw new IllegalArgumentException(dialect);
      }
    }
    return w;
  }
}
