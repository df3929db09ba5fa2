package dev.lockstep.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Conformance vector files: {@code vectors/v<spec>/<rule-group>/<id>.json}, each one TRACE-FORMAT trace
 * object plus {@code spec_version} and {@code expect} (the replay output the reference model produced).
 */
public final class Vectors {
  /** The version of the rules in {@code model-specs/RULES.md}, independent of the library version. */
  public static final int SPEC_VERSION = 1;

  private Vectors() {}

  /** Every {@code *.json} file under {@code dir}, sorted by path, so runs are reproducible. */
  public static List<Path> find(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list vectors in " + dir, e);
    }
  }

  /** One vector file as a JSON object. */
  public static ObjectNode read(Path file) {
    try {
      JsonNode n = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (!(n instanceof ObjectNode o)) {
        throw new IllegalArgumentException(file + ": a vector must be one JSON object");
      }
      return o;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read vector " + file, e);
    }
  }

  /** The vector's id (its {@code id} field, else the file name without {@code .json}). */
  public static String idOf(Path file, JsonNode vector) {
    String id = vector.path("id").asText("");
    if (!id.isEmpty()) {
      return id;
    }
    String name = file.getFileName().toString();
    return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
  }

  /** The trace a port receives: the vector without {@code expect}, so a port cannot echo the answer. */
  public static String traceText(ObjectNode vector) {
    ObjectNode trace = vector.deepCopy();
    trace.remove("expect");
    try {
      return Json.MAPPER.writeValueAsString(trace);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
