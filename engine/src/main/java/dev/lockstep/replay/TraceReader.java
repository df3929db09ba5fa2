package dev.lockstep.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.Json;
import dev.lockstep.dialect.ToolSpec;
import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Finish;
import dev.lockstep.machine.RawCall;
import dev.lockstep.model.Origin;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * Reads TRACE-FORMAT v1: either one JSON object with an {@code events} array, or JSON Lines with one
 * event per line. Unknown fields are ignored; an unknown event type or a field of the wrong type is a
 * {@link TraceFormatException} that names the event (0-based index) and the field.
 */
public final class TraceReader {
  /** The event types of TRACE-FORMAT v1. */
  public static final List<String> EVENT_TYPES = List.of(
      "user", "steer", "model_reply", "model_error", "switch", "tool_started", "tool_result", "interrupt",
      "compact", "compaction_done", "compaction_failed", "crash");

  private TraceReader() {}

  /** Parses a trace from its text. */
  public static Trace parse(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new TraceFormatException("the trace is empty");
    }
    if (trimmed.startsWith("{")) {
      JsonNode whole = tryParse(trimmed);
      if (whole != null && whole.isObject() && whole.has("events")) {
        return fromObject(whole);
      }
    }
    // JSON Lines
    Vector<TraceStep> steps = Vector.empty();
    int lineNo = 0;
    int index = 0;
    for (String line : trimmed.split("\r?\n")) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = Json.MAPPER.readTree(line);
      } catch (JsonProcessingException e) {
        throw new TraceFormatException("line " + lineNo + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
      }
      steps = steps.append(step(node, index++));
    }
    return new Trace("", "", List.empty(), "openai-chat", "", DialectOptions.defaults(), steps, Option.none());
  }

  private static JsonNode tryParse(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static Trace fromObject(JsonNode root) {
    JsonNode events = root.get("events");
    if (!events.isArray()) {
      throw new TraceFormatException("'events' must be an array");
    }
    Vector<TraceStep> steps = Vector.empty();
    for (int i = 0; i < events.size(); i++) {
      steps = steps.append(step(events.get(i), i));
    }
    JsonNode opts = root.path("options");
    boolean thinking = opts.path("thinking").asBoolean(false);
    Option<String> system = opts.hasNonNull("system") ? Option.some(opts.get("system").asText()) : Option.none();
    Vector<ToolSpec> tools = Vector.empty();
    if (opts.has("tools")) {
      if (!opts.get("tools").isArray()) {
        throw new TraceFormatException("options.tools must be an array");
      }
      for (JsonNode t : opts.get("tools")) {
        String name = t.path("name").asText("");
        if (name.isBlank()) {
          throw new TraceFormatException("options.tools: every tool needs a name");
        }
        JsonNode params = t.has("parameters") ? t.get("parameters")
            : Json.NODES.objectNode().put("type", "object").set("properties", Json.NODES.objectNode());
        tools = tools.append(new ToolSpec(name, t.path("description").asText(""), params));
      }
    }
    List<String> rules = List.empty();
    if (root.path("rules").isArray()) {
      for (JsonNode r : root.get("rules")) {
        rules = rules.append(r.asText());
      }
    }
    return new Trace(
        root.path("id").asText(""),
        root.path("description").asText(""),
        rules,
        root.path("dialect").asText("openai-chat"),
        opts.path("model").asText(""),
        new DialectOptions(thinking, system, tools),
        steps,
        root.has("expect") ? Option.some(root.get("expect")) : Option.none());
  }

  /** One event object to a step. */
  public static TraceStep step(JsonNode n, int index) {
    if (n == null || !n.isObject()) {
      throw new TraceFormatException("event " + index + ": expected a JSON object");
    }
    String type = n.path("type").asText("");
    Fields f = new Fields(n, index, type);
    return switch (type) {
      case "user" -> deliver(new Event.UserPrompt(f.requiredText("text")));
      case "steer" -> deliver(new Event.Steer(f.requiredText("text"), f.origin()));
      case "model_reply" -> deliver(new Event.ModelReply(
          f.text("text", ""), f.optionalText("reasoning"), f.optionalText("signature"), f.calls(),
          f.optionalText("finish").map(s -> f.wrap("finish", () -> Finish.parse(s))), f.optionalLong("request")));
      case "model_error" -> deliver(new Event.ModelError(
          (int) f.optionalLong("status").getOrElse(0L).longValue(), f.text("message", ""), f.optionalLong("request")));
      case "switch" -> deliver(new Event.Switch(f.optionalText("dialect"), f.optionalText("model")));
      case "tool_started" -> deliver(new Event.ToolStarted(new CallRef.Raw(f.requiredText("id"))));
      case "tool_result" -> deliver(new Event.ToolResult(
          new CallRef.Raw(f.requiredText("id")), f.anyAsText("output", ""), f.bool("error")));
      case "interrupt" -> deliver(new Event.Interrupt(f.optionalText("reason")));
      case "compact" -> deliver(new Event.Compact());
      case "compaction_done" -> deliver(new Event.CompactionDone(f.requiredText("summary")));
      case "compaction_failed" -> deliver(new Event.CompactionFailed(f.optionalText("message")));
      case "crash" -> new TraceStep.Crash((int) f.optionalLong("torn_bytes").getOrElse(0L).longValue());
      case "" -> throw new TraceFormatException("event " + index + ": missing 'type'");
      default -> throw new TraceFormatException("event " + index + ": unknown event type '" + type
          + "'; expected one of " + EVENT_TYPES.mkString(", "));
    };
  }

  private static TraceStep deliver(Event e) {
    return new TraceStep.Deliver(e);
  }

  /** Typed field access with errors that name the event and field. */
  private record Fields(JsonNode n, int index, String type) {
    private TraceFormatException bad(String field, String what) {
      return new TraceFormatException("event " + index + " (" + type + "): '" + field + "' " + what);
    }

    String requiredText(String field) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        throw bad(field, "is required");
      }
      if (!v.isTextual()) {
        throw bad(field, "must be a string");
      }
      return v.asText();
    }

    String text(String field, String dflt) {
      return optionalText(field).getOrElse(dflt);
    }

    Option<String> optionalText(String field) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        return Option.none();
      }
      if (!v.isTextual()) {
        throw bad(field, "must be a string");
      }
      return Option.some(v.asText());
    }

    /** A string, or any other JSON value as its JSON text (tool outputs are sometimes objects). */
    String anyAsText(String field, String dflt) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        return dflt;
      }
      return v.isTextual() ? v.asText() : v.toString();
    }

    Option<Long> optionalLong(String field) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        return Option.none();
      }
      if (!v.canConvertToLong() || !v.isIntegralNumber()) {
        throw bad(field, "must be an integer");
      }
      if (v.asLong() < 0) {
        throw bad(field, "must not be negative");
      }
      return Option.some(v.asLong());
    }

    boolean bool(String field) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        return false;
      }
      if (!v.isBoolean()) {
        throw bad(field, "must be true or false");
      }
      return v.asBoolean();
    }

    Origin origin() {
      return optionalText("origin").map(s -> wrap("origin", () -> Origin.parse(s))).getOrElse(Origin.USER);
    }

    <T> T wrap(String field, java.util.function.Supplier<T> f) {
      try {
        return f.get();
      } catch (IllegalArgumentException e) {
        throw bad(field, "is invalid: " + e.getMessage());
      }
    }

    Vector<RawCall> calls() {
      JsonNode v = n.get("tool_calls");
      if (v == null || v.isNull()) {
        return Vector.empty();
      }
      if (!v.isArray()) {
        throw bad("tool_calls", "must be an array");
      }
      Vector<RawCall> out = Vector.empty();
      for (int i = 0; i < v.size(); i++) {
        JsonNode c = v.get(i);
        if (!c.isObject()) {
          throw bad("tool_calls[" + i + "]", "must be an object");
        }
        JsonNode args = c.get("arguments");
        String raw = args == null || args.isNull() ? "" : args.isTextual() ? args.asText() : args.toString();
        JsonNode id = c.get("id");
        JsonNode name = c.get("name");
        if (id != null && !id.isNull() && !id.isTextual()) {
          throw bad("tool_calls[" + i + "].id", "must be a string");
        }
        if (name != null && !name.isNull() && !name.isTextual()) {
          throw bad("tool_calls[" + i + "].name", "must be a string");
        }
        out = out.append(new RawCall(id == null || id.isNull() ? "" : id.asText(),
            name == null || name.isNull() ? "" : name.asText(), raw));
      }
      return out;
    }
  }

}
