package dev.lockstep.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Finish;
import dev.lockstep.machine.RawCall;
import dev.lockstep.model.Origin;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;

/**
 * Encodes every {@link Event} as one UTF-8 JSON object and back, losslessly: {@code decode(encode(e))}
 * equals {@code e} for every event (rule D3 depends on it: recovery folds what was decoded). The
 * object carries the codec version {@code "v": 1} and a {@code "type"}; type names and fields follow
 * TRACE-FORMAT v1 where an event exists there, see {@code docs/journal.md} for the full table. Absent
 * optional values are absent fields. Unknown fields are ignored; an unknown type, a newer version or a
 * missing or mistyped field is an {@link EventCodecException} naming the problem, never a parser's
 * internal exception.
 */
public final class EventCodec {
  /** The version this codec writes and the newest it reads. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private EventCodec() {}

  /** The JSON bytes of {@code event}. */
  public static byte[] encode(Event event) {
    ObjectNode o = NODES.objectNode();
    o.put("v", VERSION);
    switch (event) {
      case Event.UserPrompt p -> {
        o.put("type", "user");
        o.put("text", p.text());
      }
      case Event.Steer s -> {
        o.put("type", "steer");
        o.put("text", s.text());
        o.put("origin", s.origin().wire());
      }
      case Event.ModelReply r -> {
        o.put("type", "model_reply");
        o.put("text", r.text());
        r.reasoning().forEach(v -> o.put("reasoning", v));
        r.signature().forEach(v -> o.put("signature", v));
        ArrayNode calls = o.putArray("tool_calls");
        for (RawCall c : r.calls()) {
          ObjectNode call = calls.addObject();
          call.put("id", c.id());
          call.put("name", c.name());
          call.put("arguments", c.arguments());
        }
        r.finish().forEach(f -> o.put("finish", finishWire(f)));
        r.request().forEach(v -> o.put("request", v));
      }
      case Event.ModelError e -> {
        o.put("type", "model_error");
        o.put("status", e.status());
        o.put("message", e.message());
        e.request().forEach(v -> o.put("request", v));
      }
      case Event.RequestBlocked b -> {
        o.put("type", "request_blocked");
        o.put("request", b.request());
        o.put("reason", b.reason());
      }
      case Event.Switch s -> {
        o.put("type", "switch");
        s.dialect().forEach(v -> o.put("dialect", v));
        s.model().forEach(v -> o.put("model", v));
      }
      case Event.ToolStarted t -> {
        o.put("type", "tool_started");
        putCall(o, t.call());
      }
      case Event.ToolResult t -> {
        o.put("type", "tool_result");
        putCall(o, t.call());
        o.put("output", t.output());
        o.put("error", t.error());
      }
      case Event.Interrupt i -> {
        o.put("type", "interrupt");
        i.reason().forEach(v -> o.put("reason", v));
      }
      case Event.Compact c -> o.put("type", "compact");
      case Event.CompactionDone d -> {
        o.put("type", "compaction_done");
        o.put("summary", d.summary());
      }
      case Event.CompactionFailed f -> {
        o.put("type", "compaction_failed");
        f.message().forEach(v -> o.put("message", v));
      }
      case Event.Recovered r -> o.put("type", "recovered");
    }
    try {
      return MAPPER.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      // A tree of strings, numbers and booleans always serializes.
      throw new IllegalStateException("cannot encode " + event.getClass().getSimpleName(), e);
    }
  }

  /** The event encoded in {@code bytes}. */
  public static Event decode(byte[] bytes) throws EventCodecException {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (IOException | RuntimeException e) {
      throw new EventCodecException("payload is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new EventCodecException("payload is not a JSON object");
    }
    JsonNode v = root.get("v");
    if (v == null || !v.isIntegralNumber()) {
      throw new EventCodecException("missing codec version field 'v'");
    }
    if (v.asLong() < 1 || v.asLong() > VERSION) {
      throw new EventCodecException("codec version " + v.asText() + " is not supported (this build reads 1.." + VERSION + ")");
    }
    String type = string(root, "type");
    try {
      return switch (type) {
        case "user" -> new Event.UserPrompt(string(root, "text"));
        case "steer" -> new Event.Steer(string(root, "text"), Origin.parse(string(root, "origin")));
        case "model_reply" -> new Event.ModelReply(
            string(root, "text"), optString(root, "reasoning"), optString(root, "signature"),
            calls(root), optString(root, "finish").map(Finish::parse), optLong(root, "request"));
        case "model_error" -> new Event.ModelError(
            integer(root, "status"), string(root, "message"), optLong(root, "request"));
        case "request_blocked" -> new Event.RequestBlocked(longValue(root, "request"), string(root, "reason"));
        case "switch" -> new Event.Switch(optString(root, "dialect"), optString(root, "model"));
        case "tool_started" -> new Event.ToolStarted(call(root));
        case "tool_result" -> new Event.ToolResult(call(root), string(root, "output"), bool(root, "error"));
        case "interrupt" -> new Event.Interrupt(optString(root, "reason"));
        case "compact" -> new Event.Compact();
        case "compaction_done" -> new Event.CompactionDone(string(root, "summary"));
        case "compaction_failed" -> new Event.CompactionFailed(optString(root, "message"));
        case "recovered" -> new Event.Recovered();
        default -> throw new EventCodecException("unknown event type '" + type + "'");
      };
    } catch (IllegalArgumentException e) {
      // Origin.parse / Finish.parse on an unknown spelling.
      throw new EventCodecException("event '" + type + "': " + e.getMessage(), e);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static String finishWire(Finish f) {
    return switch (f) {
      case STOP -> "stop";
      case TOOL_CALLS -> "tool_calls";
      case LENGTH -> "length";
    };
  }

  private static void putCall(ObjectNode o, CallRef call) {
    o.put("id", call.value());
    o.put("ref", switch (call) {
      case CallRef.Raw r -> "raw";
      case CallRef.Exact e -> "exact";
    });
  }

  private static CallRef call(JsonNode o) throws EventCodecException {
    String id = string(o, "id");
    String ref = string(o, "ref");
    return switch (ref) {
      case "raw" -> new CallRef.Raw(id);
      case "exact" -> new CallRef.Exact(id);
      default -> throw new EventCodecException("field 'ref' must be raw or exact, got '" + ref + "'");
    };
  }

  private static Vector<RawCall> calls(JsonNode o) throws EventCodecException {
    JsonNode a = o.get("tool_calls");
    if (a == null || !a.isArray()) {
      throw new EventCodecException("field 'tool_calls' must be an array");
    }
    Vector<RawCall> out = Vector.empty();
    for (JsonNode c : a) {
      if (!c.isObject()) {
        throw new EventCodecException("each of 'tool_calls' must be an object");
      }
      out = out.append(new RawCall(string(c, "id"), string(c, "name"), string(c, "arguments")));
    }
    return out;
  }

  private static String string(JsonNode o, String field) throws EventCodecException {
    JsonNode n = o.get(field);
    if (n == null || !n.isTextual()) {
      throw new EventCodecException("field '" + field + "' must be a string");
    }
    return n.textValue();
  }

  private static Option<String> optString(JsonNode o, String field) throws EventCodecException {
    return o.has(field) ? Option.some(string(o, field)) : Option.none();
  }

  private static long longValue(JsonNode o, String field) throws EventCodecException {
    JsonNode n = o.get(field);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new EventCodecException("field '" + field + "' must be an integer");
    }
    return n.longValue();
  }

  private static Option<Long> optLong(JsonNode o, String field) throws EventCodecException {
    return o.has(field) ? Option.some(longValue(o, field)) : Option.none();
  }

  private static int integer(JsonNode o, String field) throws EventCodecException {
    JsonNode n = o.get(field);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new EventCodecException("field '" + field + "' must be a 32-bit integer");
    }
    return n.intValue();
  }

  private static boolean bool(JsonNode o, String field) throws EventCodecException {
    JsonNode n = o.get(field);
    if (n == null || !n.isBoolean()) {
      throw new EventCodecException("field '" + field + "' must be a boolean");
    }
    return n.booleanValue();
  }
}
