package dev.lockstep.specs.vectors;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Dialects;
import dev.lockstep.dialect.Json;
import dev.lockstep.replay.Replayer;
import dev.lockstep.replay.TraceReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills every {@link Fillers} case with the reference model's replay output. Run by the conformance
 * test when {@code -Dlockstep.regenerate=true}; otherwise the test only compares. The reference output
 * must itself be sound: a vector whose expected output lists validator violations is refused, because
 * that would be a bug in the engine, not a behaviour to freeze.
 */
public final class VectorGenerator {
  /** Where {@code -Dlockstep.regenerate=true} is read. */
  public static final String REGENERATE = "lockstep.regenerate";

  private VectorGenerator() {}

  public static boolean regenerating() {
    return Boolean.getBoolean(REGENERATE);
  }

  /** Every generated vector by relative path ({@code group/id.json}), in filler order. */
  public static Map<String, ObjectNode> generate() {
    List<String> implemented = Dialects.implemented().toJavaList();
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    for (Filler f : Fillers.all()) {
      for (Filler.Variant v : f.variants(implemented)) {
        ObjectNode vector = f.toTrace(v);
        vector.set("expect", replay(vector));
        JsonNode violations = vector.get("expect").get("violations");
        if (!violations.isEmpty()) {
          throw new IllegalStateException("reference output of " + v.id() + " has violations: " + violations);
        }
        String key = f.group + "/" + v.id() + ".json";
        if (out.put(key, vector) != null) {
          throw new IllegalStateException("two fillers generate " + key);
        }
      }
    }
    return out;
  }

  /** Fillers whose dialect is not implemented yet (they appear once it is, after regenerating). */
  public static List<String> pending() {
    List<String> implemented = Dialects.implemented().toJavaList();
    List<String> out = new ArrayList<>();
    for (Filler f : Fillers.all()) {
      if (f.variants(implemented).isEmpty()) {
        out.add(f.id + " (" + f.dialect + ")");
      }
    }
    return out;
  }

  /** The reference model's replay output for a vector (its {@code expect} is ignored). */
  public static ObjectNode replay(ObjectNode vector) {
    try {
      ObjectNode trace = vector.deepCopy();
      trace.remove("expect");
      return Replayer.replay(TraceReader.parse(Json.MAPPER.writeValueAsString(trace))).toJson();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes vectors under {@code root} (e.g. {@code vectors/v1}); returns the number written. */
  public static int write(Path root, Map<String, ObjectNode> vectors) {
    for (Map.Entry<String, ObjectNode> e : vectors.entrySet()) {
      writeOne(root.resolve(e.getKey()), e.getValue());
    }
    return vectors.size();
  }

  /** Writes one vector file with stable two-space indentation and a final newline. */
  public static void writeOne(Path file, ObjectNode vector) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, WRITER.writeValueAsString(vector) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static final ObjectWriter WRITER = Json.MAPPER.writer(
      new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n")));
}
