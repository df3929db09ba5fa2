package dev.lockstep.specs.vectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Json;
import dev.lockstep.specs.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written conformance case before the reference model fills in its {@code expect}: the trace
 * (TRACE-FORMAT v1 events), the rules it exercises and the dialects it runs under. A filler marked
 * {@link #everyDialect()} expands into one vector per implemented dialect and thinking setting, so a
 * newly added dialect gets covered by rerunning the generator.
 */
public final class Filler {
  final String group;
  final String id;
  final String description;
  final List<String> rules;
  String dialect = "openai-chat";
  boolean thinking;
  String model = "";
  String system;
  List<String> tools = List.of();
  boolean everyDialect;
  final ArrayNode events = Json.NODES.arrayNode();

  private Filler(String group, String id, String description, List<String> rules) {
    this.group = group;
    this.id = id;
    this.description = description;
    this.rules = rules;
  }

  /** A new case in {@code vectors/v1/<group>/<id>.json}. */
  public static Filler of(String group, String id, String description, String... rules) {
    return new Filler(group, id, description, List.of(rules));
  }

  /** A raw tool call for {@link #calls}. */
  public record Call(String id, String name, String arguments) {}

  public static Call call(String id, String name, String arguments) {
    return new Call(id, name, arguments);
  }

  // ---- options --------------------------------------------------------------------------------

  public Filler dialect(String d) {
    dialect = d;
    return this;
  }

  public Filler thinking() {
    thinking = true;
    return this;
  }

  public Filler model(String m) {
    model = m;
    return this;
  }

  public Filler system(String s) {
    system = s;
    return this;
  }

  public Filler tools(String... names) {
    tools = List.of(names);
    return this;
  }

  /** Expand into one vector per implemented dialect, thinking off and on. */
  public Filler everyDialect() {
    everyDialect = true;
    return this;
  }

  // ---- events ---------------------------------------------------------------------------------

  private ObjectNode ev(String type) {
    return events.addObject().put("type", type);
  }

  public Filler user(String text) {
    ev("user").put("text", text);
    return this;
  }

  public Filler steer(String text) {
    ev("steer").put("text", text);
    return this;
  }

  public Filler background(String text) {
    ev("steer").put("text", text).put("origin", "background");
    return this;
  }

  public Filler reply(String text) {
    ev("model_reply").put("text", text);
    return this;
  }

  public Filler replyTo(int request, String text) {
    ev("model_reply").put("text", text).put("request", request);
    return this;
  }

  public Filler replyWithReasoning(String text, String reasoning) {
    ev("model_reply").put("text", text).put("reasoning", reasoning);
    return this;
  }

  public Filler replyCut(String text) {
    ev("model_reply").put("text", text).put("finish", "length");
    return this;
  }

  public Filler calls(Call... calls) {
    return callsFull("", null, null, calls);
  }

  public Filler callsWithText(String text, Call... calls) {
    return callsFull(text, null, null, calls);
  }

  public Filler callsWithReasoning(String reasoning, Call... calls) {
    return callsFull("", reasoning, null, calls);
  }

  public Filler callsCut(Call... calls) {
    return callsFull("", null, "length", calls);
  }

  private Filler callsFull(String text, String reasoning, String finish, Call... calls) {
    ObjectNode e = ev("model_reply").put("text", text);
    if (reasoning != null) {
      e.put("reasoning", reasoning);
    }
    if (finish != null) {
      e.put("finish", finish);
    }
    ArrayNode list = e.putArray("tool_calls");
    for (Call c : calls) {
      list.addObject().put("id", c.id()).put("name", c.name()).put("arguments", c.arguments());
    }
    return this;
  }

  public Filler modelError(int status, String message) {
    ev("model_error").put("status", status).put("message", message);
    return this;
  }

  public Filler modelErrorFor(int request, int status, String message) {
    ev("model_error").put("status", status).put("message", message).put("request", request);
    return this;
  }

  public Filler switchTo(String dialect, String model) {
    ObjectNode e = ev("switch");
    if (dialect != null) {
      e.put("dialect", dialect);
    }
    if (model != null) {
      e.put("model", model);
    }
    return this;
  }

  public Filler started(String id) {
    ev("tool_started").put("id", id);
    return this;
  }

  public Filler result(String id, String output) {
    ev("tool_result").put("id", id).put("output", output);
    return this;
  }

  public Filler failed(String id, String output) {
    ev("tool_result").put("id", id).put("output", output).put("error", true);
    return this;
  }

  public Filler interrupt() {
    ev("interrupt").put("reason", "user pressed Esc");
    return this;
  }

  public Filler compact() {
    ev("compact");
    return this;
  }

  public Filler compactionDone(String summary) {
    ev("compaction_done").put("summary", summary);
    return this;
  }

  public Filler compactionFailed(String message) {
    ev("compaction_failed").put("message", message);
    return this;
  }

  public Filler crash() {
    ev("crash");
    return this;
  }

  public Filler crashTorn(int bytes) {
    ev("crash").put("torn_bytes", bytes);
    return this;
  }

  // ---- output ---------------------------------------------------------------------------------

  /** The dialect variants this filler expands to: {@code [dialect, thinking]} pairs with an id suffix. */
  List<Variant> variants(List<String> implemented) {
    List<Variant> out = new ArrayList<>();
    if (!everyDialect) {
      if (implemented.contains(dialect)) {
        out.add(new Variant(id, dialect, thinking));
      }
      return out;
    }
    for (String d : implemented) {
      out.add(new Variant(id + "." + d, d, false));
      out.add(new Variant(id + "." + d + "-thinking", d, true));
    }
    return out;
  }

  record Variant(String id, String dialect, boolean thinking) {}

  /** The vector object without {@code expect}, for one variant. */
  ObjectNode toTrace(Variant v) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("spec_version", Vectors.SPEC_VERSION);
    o.put("id", v.id());
    o.put("description", description);
    ArrayNode r = o.putArray("rules");
    rules.forEach(r::add);
    o.put("dialect", v.dialect());
    ObjectNode opts = o.putObject("options");
    opts.put("thinking", v.thinking());
    if (!model.isEmpty()) {
      opts.put("model", model);
    }
    if (system != null) {
      opts.put("system", system);
    }
    if (!tools.isEmpty()) {
      ArrayNode ts = opts.putArray("tools");
      for (String t : tools) {
        ObjectNode spec = ts.addObject().put("name", t).put("description", "the " + t + " tool");
        spec.putObject("parameters").put("type", "object").putObject("properties");
      }
    }
    o.set("events", events.deepCopy());
    return o;
  }
}
