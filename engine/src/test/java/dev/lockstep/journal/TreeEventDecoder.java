package dev.lockstep.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Finish;
import dev.lockstep.machine.RawCall;
import dev.lockstep.model.Origin;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;

/**
 * The oracle for {@link EventCodec#decode}: the tree-based decoder the codec used before it decoded by
 * streaming (commit 0db12ac), kept unchanged so {@code EventCodecDifferentialTest} can check that the
 * streaming decoder accepts, returns and refuses (with the same message) exactly what this one does.
 * Test code only: do not "improve" it, its behaviour is the specification.
 */
final class TreeEventDecoder {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private TreeEventDecoder() {}

  static Event decode(byte[] bytes) throws EventCodecException {
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
    if (v.asLong() < 1 || v.asLong() > EventCodec.VERSION) {
      throw new EventCodecException("codec version " + v.asText() + " is not supported (this build reads 1.."
          + EventCodec.VERSION + ")");
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
      throw new EventCodecException("event '" + type + "': " + e.getMessage(), e);
    }
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
