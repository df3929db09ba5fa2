package dev.lockstep.specs.mc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Json;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.RawCall;
import dev.lockstep.model.Origin;
import dev.lockstep.specs.Vectors;
import dev.lockstep.specs.vectors.VectorGenerator;
import java.util.Locale;

/** Prints counterexamples and turns them into TRACE-FORMAT conformance vectors. */
public final class Counterexamples {
  private Counterexamples() {}

  static String describe(ModelChecker.Counterexample c) {
    StringBuilder b = new StringBuilder("counterexample: " + c.property() + "\n");
    int i = 0;
    for (Event e : c.path()) {
      b.append(String.format("  %2d  %s%n", i++, eventJson(e)));
    }
    b.append("  end state: ").append(c.stateSummary());
    return b.toString();
  }

  /** One event as a TRACE-FORMAT v1 event object ({@code Recovered} is the {@code crash} line). */
  static ObjectNode eventJson(Event e) {
    ObjectNode o = Json.NODES.objectNode();
    switch (e) {
      case Event.UserPrompt p -> o.put("type", "user").put("text", p.text());
      case Event.Steer s -> {
        o.put("type", "steer").put("text", s.text());
        if (s.origin() == Origin.BACKGROUND) {
          o.put("origin", "background");
        }
      }
      case Event.ModelReply r -> {
        o.put("type", "model_reply").put("text", r.text());
        r.reasoning().forEach(x -> o.put("reasoning", x));
        r.signature().forEach(x -> o.put("signature", x));
        if (!r.calls().isEmpty()) {
          ArrayNode calls = o.putArray("tool_calls");
          for (RawCall c : r.calls()) {
            calls.addObject().put("id", c.id()).put("name", c.name()).put("arguments", c.arguments());
          }
        }
        r.finish().forEach(f -> o.put("finish", f.name().toLowerCase(Locale.ROOT)));
        r.request().forEach(x -> o.put("request", x.intValue()));
      }
      case Event.ModelError m -> {
        o.put("type", "model_error").put("status", m.status()).put("message", m.message());
        m.request().forEach(x -> o.put("request", x.intValue()));
      }
      case Event.Switch s -> {
        o.put("type", "switch");
        s.dialect().forEach(d -> o.put("dialect", d));
        s.model().forEach(m -> o.put("model", m));
      }
      case Event.ToolStarted t -> o.put("type", "tool_started").put("id", t.call().value());
      case Event.ToolResult t -> {
        o.put("type", "tool_result").put("id", t.call().value()).put("output", t.output());
        if (t.error()) {
          o.put("error", true);
        }
      }
      case Event.Interrupt i -> o.put("type", "interrupt");
      case Event.Compact c -> o.put("type", "compact");
      case Event.CompactionDone d -> o.put("type", "compaction_done").put("summary", d.summary());
      case Event.CompactionFailed f -> {
        o.put("type", "compaction_failed");
        f.message().forEach(m -> o.put("message", m));
      }
      case Event.Recovered r -> o.put("type", "crash");
      case Event.RequestBlocked b -> throw new IllegalArgumentException("RequestBlocked is the runtime's own event, not a trace event");
    }
    return o;
  }

  /** A conformance vector for a mutant's counterexample, with the reference model's expected output. */
  static ObjectNode vector(Mutant mutant, ModelChecker.Counterexample c) {
    ObjectNode v = Json.NODES.objectNode();
    v.put("spec_version", Vectors.SPEC_VERSION);
    v.put("id", "mutant-" + mutant.id().toLowerCase(Locale.ROOT) + "-" + mutant.slug());
    v.put("description", "Counterexample that catches the seeded bug '" + mutant.description()
        + "' (" + c.property() + "). The expected output is the reference model's.");
    v.putArray("rules").add(mutant.rule());
    v.put("dialect", "openai-chat");
    v.putObject("options").put("thinking", false);
    ArrayNode events = v.putArray("events");
    c.path().forEach(e -> events.add(eventJson(e)));
    v.set("expect", VectorGenerator.replay(v));
    return v;
  }
}
