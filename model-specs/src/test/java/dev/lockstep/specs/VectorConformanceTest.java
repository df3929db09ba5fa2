package dev.lockstep.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.lockstep.dialect.Dialects;
import dev.lockstep.dialect.Json;
import dev.lockstep.specs.vectors.VectorGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * CI gate for the conformance vectors: every committed vector is schema-valid, replays on the reference
 * model to exactly its {@code expect} (compared as every port is), matches what the fillers generate now,
 * and together they cover every rule of RULES.md and every implemented dialect. With
 * {@code -Dlockstep.regenerate=true} the vectors are rewritten from the fillers first.
 */
class VectorConformanceTest {
  /** Rules whose behaviour is not observable through a TRACE-FORMAT v1 trace (see RULES.md). */
  static final Set<String> NOT_TRACE_LEVEL = Set.of("D1", "D5", "D6", "S5");
  static final int MIN_VECTORS = 60;

  @BeforeAll
  static void regenerateWhenAsked() {
    if (VectorGenerator.regenerating()) {
      Map<String, ObjectNode> generated = VectorGenerator.generate();
      int n = VectorGenerator.write(Paths.vectors(), generated);
      System.out.println("[vectors] regenerated " + n + " vectors under " + Paths.vectors());
    }
    List<String> pending = VectorGenerator.pending();
    if (!pending.isEmpty()) {
      System.out.println("[vectors] fillers waiting for a dialect: " + pending);
    }
  }

  static List<Path> files() {
    return Vectors.find(Paths.vectors());
  }

  @Test
  void thereAreEnoughVectors() {
    int n = files().size();
    System.out.println("[vectors] " + n + " vector files under " + Paths.vectors());
    assertTrue(n >= MIN_VECTORS, "expected at least " + MIN_VECTORS + " vectors, found " + n);
  }

  @TestFactory
  Stream<DynamicTest> everyVectorMatchesTheSchema() throws IOException {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    JsonSchema schema = factory.getSchema(Files.readString(Paths.schema(), StandardCharsets.UTF_8));
    return files().stream().map(f -> DynamicTest.dynamicTest(rel(f), () -> {
      Set<ValidationMessage> errors = schema.validate(Vectors.read(f));
      assertTrue(errors.isEmpty(), () -> rel(f) + " breaks the schema: " + errors);
    }));
  }

  @Test
  void theSchemaRejectsABrokenVector() throws IOException {
    // Negative control: the schema must be able to fail.
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(Files.readString(Paths.schema(), StandardCharsets.UTF_8));
    ObjectNode v = Vectors.read(files().get(0));
    ObjectNode broken = v.deepCopy();
    ((ObjectNode) broken.get("events").get(0)).put("type", "tool_resutl");
    broken.remove("expect");
    assertTrue(schema.validate(broken).size() >= 2, "a misspelt event type and a missing expect must fail");
  }

  @TestFactory
  Stream<DynamicTest> everyVectorReplaysToItsExpect() {
    return files().stream().map(f -> DynamicTest.dynamicTest(rel(f), () -> {
      ObjectNode v = Vectors.read(f);
      List<String> diffs = ReplayComparison.differences(v.get("expect"), VectorGenerator.replay(v));
      assertTrue(diffs.isEmpty(), () -> rel(f) + " differs from the reference:\n  " + String.join("\n  ", diffs));
    }));
  }

  @Test
  void committedVectorsAreExactlyWhatTheFillersGenerate() throws IOException {
    Map<String, ObjectNode> generated = VectorGenerator.generate();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> e : generated.entrySet()) {
      Path f = Paths.vectors().resolve(e.getKey());
      if (!Files.exists(f)) {
        problems.add("missing " + e.getKey() + " (run with -Dlockstep.regenerate=true)");
      } else if (!Vectors.read(f).equals(e.getValue())) {
        problems.add("stale " + e.getKey() + " (run with -Dlockstep.regenerate=true and review the diff)");
      }
    }
    for (Path f : files()) {
      String key = Paths.vectors().relativize(f).toString().replace('\\', '/');
      if (!key.startsWith("counterexamples/") && !generated.containsKey(key)) {
        problems.add("orphan vector " + key + " has no filler");
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void everyRuleOfRulesMdHasAVector() throws IOException {
    Set<String> rules = rulesInRulesMd();
    assertTrue(rules.size() >= 25, "RULES.md should number at least 25 rules, found " + rules);
    Set<String> covered = new TreeSet<>();
    for (Path f : files()) {
      Vectors.read(f).get("rules").forEach(r -> covered.add(r.asText()));
    }
    Set<String> missing = new TreeSet<>(rules);
    missing.removeAll(covered);
    missing.removeAll(NOT_TRACE_LEVEL);
    assertTrue(missing.isEmpty(), "rules without a vector: " + missing);
    Set<String> unknown = new TreeSet<>(covered);
    unknown.removeAll(rules);
    assertTrue(unknown.isEmpty(), "vectors name rules RULES.md does not define: " + unknown);
  }

  @Test
  void everyImplementedDialectHasVectors() {
    Set<String> seen = new TreeSet<>();
    for (Path f : files()) {
      seen.add(Vectors.read(f).get("dialect").asText());
    }
    for (String d : Dialects.implemented()) {
      long n = files().stream().filter(f -> Vectors.read(f).get("dialect").asText().equals(d)).count();
      assertTrue(n >= 10, "dialect " + d + " has only " + n + " vectors (regenerate after adding a dialect)");
    }
    assertTrue(seen.containsAll(Dialects.implemented().toJavaList()));
  }

  @Test
  void everySeedScenarioHasAVector() {
    Set<String> ids = new TreeSet<>();
    files().forEach(f -> ids.add(Vectors.idOf(f, Vectors.read(f))));
    for (String seed : List.of("seed-000", "seed-001", "seed-002", "seed-003", "seed-004")) {
      assertTrue(ids.stream().anyMatch(i -> i.startsWith(seed)), "no vector for " + seed);
    }
  }

  static Set<String> rulesInRulesMd() throws IOException {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^### ([PSCDV][0-9]+)\\b").matcher(Files.readString(Paths.rules()));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static String rel(Path f) {
    return Paths.vectors().relativize(f).toString();
  }

  @Test
  void comparisonIgnoresOnlyProse() throws IOException {
    JsonNode e = Json.MAPPER.readTree("{\"requests\":[],\"transcript\":[{\"role\":\"tool\",\"content\":\"[lockstep:interrupted] x\"}],"
        + "\"state\":{},\"rejected\":[{\"event\":3,\"reason\":\"stale: a\"}],\"violations\":[]}");
    JsonNode sameUpToProse = Json.MAPPER.readTree("{\"requests\":[],\"transcript\":[{\"role\":\"tool\",\"content\":\"[lockstep:interrupted] other words\"}],"
        + "\"state\":{},\"rejected\":[{\"event\":3,\"reason\":\"different words\"}],\"violations\":[]}");
    JsonNode otherMarker = Json.MAPPER.readTree("{\"requests\":[],\"transcript\":[{\"role\":\"tool\",\"content\":\"[lockstep:unknown] x\"}],"
        + "\"state\":{},\"rejected\":[{\"event\":3,\"reason\":\"stale: a\"}],\"violations\":[]}");
    JsonNode otherEvent = Json.MAPPER.readTree("{\"requests\":[],\"transcript\":[{\"role\":\"tool\",\"content\":\"[lockstep:interrupted] x\"}],"
        + "\"state\":{},\"rejected\":[{\"event\":4,\"reason\":\"stale: a\"}],\"violations\":[]}");
    assertEquals(List.of(), ReplayComparison.differences(e, sameUpToProse));
    assertEquals(1, ReplayComparison.differences(e, otherMarker).size());
    assertEquals(1, ReplayComparison.differences(e, otherEvent).size());
  }
}
