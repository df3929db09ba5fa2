package dev.lockstep.replay;

import dev.lockstep.dialect.DialectOptions;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A parsed trace: its metadata, the dialect and options it asks for, and its steps in arrival order.
 * {@code expect} (conformance vectors) is kept as raw JSON text when present.
 */
public record Trace(
    String id,
    String description,
    List<String> rules,
    String dialect,
    String model,
    DialectOptions options,
    Vector<TraceStep> steps,
    Option<com.fasterxml.jackson.databind.JsonNode> expect) {
  public Trace {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(steps, "steps");
    Objects.requireNonNull(expect, "expect");
  }

  /** A copy targeting another dialect (the command line's {@code --dialect}). */
  public Trace withDialect(String d) {
    return new Trace(id, description, rules, d, model, options, steps, expect);
  }

  /** A copy with another model (the command line's {@code --model}). */
  public Trace withModel(String m) {
    return new Trace(id, description, rules, dialect, m, options, steps, expect);
  }

  /** A copy with other options. */
  public Trace withOptions(DialectOptions o) {
    return new Trace(id, description, rules, dialect, model, o, steps, expect);
  }
}
