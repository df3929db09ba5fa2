package dev.lockstep.journal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.json.TreeFaithfulWalk;
import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Finish;
import dev.lockstep.machine.RawCall;
import dev.lockstep.model.Origin;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;

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

  /**
   * Writes payloads, and makes decode's parsers: decode keeps the verdicts this mapper's {@code readTree}
   * gave (trailing tokens refused) and checks trailing tokens itself.
   */
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

  /**
   * The event encoded in {@code bytes}.
   *
   * <p>Decodes in one streaming pass (no JSON tree) but behaves exactly as the tree decoder it replaced
   * ({@code readTree} with trailing tokens refused, then field lookups): the parser sees the same calls
   * in the same order, so the same bytes are accepted, and a refusal carries the same message. In
   * particular the whole payload is read before any field is judged (a syntax error anywhere wins over a
   * mistyped field), fields may come in any order, a repeated field keeps its last value, and unknown
   * fields are read past whatever they hold.
   */
  public static Event decode(byte[] bytes) throws EventCodecException {
    Fields f = new Fields();
    boolean object;
    try (JsonParser p = MAPPER.createParser(bytes)) {
      JsonToken first = p.nextToken();
      object = first == JsonToken.START_OBJECT;
      if (first != null) {
        if (object) {
          readFields(p, f);
        } else if (first != JsonToken.VALUE_NULL) {
          TreeFaithfulWalk.skip(p);
        }
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
          throw TreeFaithfulWalk.trailingToken(p, trailing);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new EventCodecException("payload is not valid JSON: " + e.getMessage(), e);
    }
    if (!object) {
      throw new EventCodecException("payload is not a JSON object");
    }
    if (!(f.v instanceof Number v)) {
      throw new EventCodecException("missing codec version field 'v'");
    }
    if (v.longValue() < 1 || v.longValue() > VERSION) {
      throw new EventCodecException("codec version " + v + " is not supported (this build reads 1.." + VERSION + ")");
    }
    String type = string(f.type, "type");
    try {
      return switch (type) {
        case "user" -> new Event.UserPrompt(string(f.text, "text"));
        case "steer" -> new Event.Steer(string(f.text, "text"), Origin.parse(string(f.origin, "origin")));
        case "model_reply" -> new Event.ModelReply(
            string(f.text, "text"), optString(f.reasoning, "reasoning"), optString(f.signature, "signature"),
            calls(f.toolCalls), optString(f.finish, "finish").map(Finish::parse), optLong(f.request, "request"));
        case "model_error" -> new Event.ModelError(
            integer(f.status, "status"), string(f.message, "message"), optLong(f.request, "request"));
        case "request_blocked" -> new Event.RequestBlocked(longValue(f.request, "request"), string(f.reason, "reason"));
        case "switch" -> new Event.Switch(optString(f.dialect, "dialect"), optString(f.model, "model"));
        case "tool_started" -> new Event.ToolStarted(call(f));
        case "tool_result" -> new Event.ToolResult(call(f), string(f.output, "output"), bool(f.error, "error"));
        case "interrupt" -> new Event.Interrupt(optString(f.reason, "reason"));
        case "compact" -> new Event.Compact();
        case "compaction_done" -> new Event.CompactionDone(string(f.summary, "summary"));
        case "compaction_failed" -> new Event.CompactionFailed(optString(f.message, "message"));
        case "recovered" -> new Event.Recovered();
        default -> throw new EventCodecException("unknown event type '" + type + "'");
      };
    } catch (IllegalArgumentException e) {
      // Origin.parse / Finish.parse on an unknown spelling.
      throw new EventCodecException("event '" + type + "': " + e.getMessage(), e);
    }
  }

  // ---- streaming read ----------------------------------------------------------------------------
  //
  // Each known field is read into a slot: null when absent, otherwise what the tree decoder's node
  // would have answered to the questions decode asks. A string field holds its String; a number field
  // holds an Integer, Long or BigInteger (the tree's IntNode, LongNode, BigIntegerNode: the parser picks
  // the smallest that fits); a boolean field a Boolean; 'tool_calls' a Vector of calls or a BadCalls.
  // Any other value (null included: the tree stores a NullNode, so the field is present) is OTHER.
  // The parser calls mirror BaseNodeDeserializer's: nextFieldName/nextToken to move, and for every
  // scalar the accessor the tree calls (getText, getNumberType then the typed getter, getDoubleValue),
  // so that whatever the parser refuses (malformed text, constraint limits) is refused here too.

  /** A present value of a type its field does not take. */
  private static final Object OTHER = new Object();

  /** 'tool_calls' was present and an array, but an element is wrong; {@code reason} is the first. */
  private record BadCalls(String reason) {}

  /** The slots of the fields decode knows; unknown fields are read past. */
  private static final class Fields {
    Object v;
    Object type;
    Object text;
    Object origin;
    Object reasoning;
    Object signature;
    Object toolCalls;
    Object finish;
    Object request;
    Object status;
    Object message;
    Object reason;
    Object dialect;
    Object model;
    Object id;
    Object ref;
    Object output;
    Object error;
    Object summary;
  }

  /** Reads the members of the root object (the parser is on its START_OBJECT) into {@code f}. */
  private static void readFields(JsonParser p, Fields f) throws IOException {
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "v" -> f.v = integral(p, t);
        case "type" -> f.type = text(p, t);
        case "text" -> f.text = text(p, t);
        case "origin" -> f.origin = text(p, t);
        case "reasoning" -> f.reasoning = text(p, t);
        case "signature" -> f.signature = text(p, t);
        case "tool_calls" -> f.toolCalls = toolCalls(p, t);
        case "finish" -> f.finish = text(p, t);
        case "request" -> f.request = integral(p, t);
        case "status" -> f.status = integral(p, t);
        case "message" -> f.message = text(p, t);
        case "reason" -> f.reason = text(p, t);
        case "dialect" -> f.dialect = text(p, t);
        case "model" -> f.model = text(p, t);
        case "id" -> f.id = text(p, t);
        case "ref" -> f.ref = text(p, t);
        case "output" -> f.output = text(p, t);
        case "error" -> f.error = switch (t) {
          case VALUE_TRUE -> Boolean.TRUE;
          case VALUE_FALSE -> Boolean.FALSE;
          default -> skimAsOther(p);
        };
        case "summary" -> f.summary = text(p, t);
        default -> TreeFaithfulWalk.skip(p);
      }
    }
  }

  private static Object text(JsonParser p, JsonToken t) throws IOException {
    return t == JsonToken.VALUE_STRING ? p.getText() : skimAsOther(p);
  }

  private static Object integral(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT) {
      return skimAsOther(p);
    }
    return switch (p.getNumberType()) {
      case INT -> p.getIntValue();
      case LONG -> p.getLongValue();
      default -> p.getBigIntegerValue();
    };
  }

  /** The 'tool_calls' value: a Vector of calls, a BadCalls, or OTHER when it is not an array. */
  private static Object toolCalls(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      return skimAsOther(p);
    }
    ArrayList<RawCall> calls = new ArrayList<>(4);
    String bad = null;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        TreeFaithfulWalk.skip(p);
        bad = bad != null ? bad : "each of 'tool_calls' must be an object";
        continue;
      }
      Object id = null;
      Object name = null;
      Object arguments = null;
      String field;
      while ((field = p.nextFieldName()) != null) {
        JsonToken vt = p.nextToken();
        switch (field) {
          case "id" -> id = text(p, vt);
          case "name" -> name = text(p, vt);
          case "arguments" -> arguments = text(p, vt);
          default -> TreeFaithfulWalk.skip(p);
        }
      }
      if (bad == null) {
        // The tree decoder checks each call in order: id, name, arguments; the first failure is reported.
        if (!(id instanceof String i)) {
          bad = "field 'id' must be a string";
        } else if (!(name instanceof String n)) {
          bad = "field 'name' must be a string";
        } else if (!(arguments instanceof String a)) {
          bad = "field 'arguments' must be a string";
        } else {
          calls.add(new RawCall(i, n, a));
        }
      }
    }
    return bad != null ? new BadCalls(bad) : Vector.ofAll(calls);
  }

  private static Object skimAsOther(JsonParser p) throws IOException {
    TreeFaithfulWalk.skip(p);
    return OTHER;
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

  private static CallRef call(Fields f) throws EventCodecException {
    String id = string(f.id, "id");
    String ref = string(f.ref, "ref");
    return switch (ref) {
      case "raw" -> new CallRef.Raw(id);
      case "exact" -> new CallRef.Exact(id);
      default -> throw new EventCodecException("field 'ref' must be raw or exact, got '" + ref + "'");
    };
  }

  @SuppressWarnings("unchecked")
  private static Vector<RawCall> calls(Object slot) throws EventCodecException {
    if (slot instanceof BadCalls bad) {
      throw new EventCodecException(bad.reason());
    }
    if (!(slot instanceof Vector<?> calls)) {
      throw new EventCodecException("field 'tool_calls' must be an array");
    }
    return (Vector<RawCall>) calls;
  }

  private static String string(Object slot, String field) throws EventCodecException {
    if (!(slot instanceof String s)) {
      throw new EventCodecException("field '" + field + "' must be a string");
    }
    return s;
  }

  private static Option<String> optString(Object slot, String field) throws EventCodecException {
    return slot != null ? Option.some(string(slot, field)) : Option.none();
  }

  private static long longValue(Object slot, String field) throws EventCodecException {
    if (!(slot instanceof Number n) || (n instanceof BigInteger b && b.bitLength() > 63)) {
      throw new EventCodecException("field '" + field + "' must be an integer");
    }
    return n.longValue();
  }

  private static Option<Long> optLong(Object slot, String field) throws EventCodecException {
    return slot != null ? Option.some(longValue(slot, field)) : Option.none();
  }

  private static int integer(Object slot, String field) throws EventCodecException {
    boolean fits = switch (slot) {
      case Integer i -> true;
      case Long l -> l == (int) (long) l;
      case BigInteger b -> b.bitLength() <= 31;
      case null, default -> false;
    };
    if (!fits) {
      throw new EventCodecException("field '" + field + "' must be a 32-bit integer");
    }
    return ((Number) slot).intValue();
  }

  private static boolean bool(Object slot, String field) throws EventCodecException {
    if (!(slot instanceof Boolean b)) {
      throw new EventCodecException("field '" + field + "' must be a boolean");
    }
    return b;
  }
}
