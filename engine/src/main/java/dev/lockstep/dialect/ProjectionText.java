package dev.lockstep.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Reasoning;
import dev.lockstep.model.ToolCall;
import dev.lockstep.machine.Target;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * Texts and small decisions projectors share (projector side only; validators never use this).
 * Every text a projection writes itself starts with {@code [lockstep:<kind>]} (rule V6).
 */
public final class ProjectionText {
  private ProjectionText() {}

  /** Stands in for a user text the provider would reject as empty or blank. */
  public static final String EMPTY_MESSAGE = "[lockstep:empty] (this message was empty)";

  /** Stands in for a tool result whose output was empty or blank, where the provider rejects blank text. */
  public static final String EMPTY_RESULT = "[lockstep:empty] (the tool returned no output)";

  /**
   * The assistant message a projection inserts between a tool result and a following user message
   * (Mistral), or between a results-only turn and a user text turn (Bedrock).
   */
  public static final String BRIDGE = "[lockstep:bridge] Noted; continuing with the tool results above.";

  /** The placeholder tool name for a call that had none (it was rejected and never ran). */
  public static final String UNKNOWN_TOOL = "unknown_tool";

  /** {@code text}, or the marked fallback when it is blank. */
  public static String nonBlank(String text, String fallback) {
    return text.isBlank() ? fallback : text;
  }

  /** The call's arguments as a JSON object: the raw string when it is one, else {@code {}} (rule V4). */
  public static JsonNode argumentsObject(ToolCall call) {
    return Json.parseObject(call.rawArguments()).getOrElse(() -> (JsonNode) Json.NODES.objectNode());
  }

  /** The call's arguments as a string holding a JSON object (rule V4). */
  public static String argumentsString(ToolCall call) {
    return Json.parseObject(call.rawArguments()).isDefined() ? call.rawArguments() : "{}";
  }

  /**
   * A tool name made to match {@code [A-Za-z0-9_-]{1,64}}: other characters become {@code _}; a blank
   * name becomes {@link #UNKNOWN_TOOL}. Deterministic, so calls and results agree.
   */
  public static String safeToolName(String name) {
    if (name.isBlank()) {
      return UNKNOWN_TOOL;
    }
    StringBuilder b = new StringBuilder();
    name.codePoints().limit(64).forEach(c -> b.append(WireIds.isIdChar(c) ? (char) c : '_'));
    return b.toString();
  }

  /**
   * The reply's signed reasoning when it may be replayed to {@code target}: produced by the same
   * dialect and model, with a non-empty signature (rule V3). Foreign signed reasoning is never sent.
   */
  public static Option<Reasoning> ownSigned(AssistantMessage a, Target target) {
    boolean same = a.provenance().dialect().equals(target.dialect()) && a.provenance().model().equals(target.model());
    return same ? a.reasoning().filter(r -> r.signature().exists(s -> !s.isEmpty())) : Option.none();
  }

  /** An object node with one text field: {@code {key: value}}. */
  public static ObjectNode obj(String key, String value) {
    ObjectNode n = Json.NODES.objectNode();
    n.put(key, value);
    return n;
  }

  /**
   * The Chat Completions {@code tools} array ({@code [{"type":"function","function":{name,
   * description, parameters}}]}) shared by openai-chat, kimi, deepseek and mistral.
   */
  public static ArrayNode functionTools(Vector<ToolSpec> specs) {
    ArrayNode tools = Json.NODES.arrayNode();
    for (ToolSpec t : specs) {
      ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
      fn.put("name", t.name());
      fn.put("description", t.description());
      fn.set("parameters", t.parameters());
    }
    return tools;
  }
}
