package dev.lockstep.specs.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.specs.Paths;
import dev.lockstep.specs.Vectors;
import dev.lockstep.specs.vectors.VectorGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mutation table: every seeded bug in {@link Mutant#all()} must be caught by the model checker,
 * with its counterexample printed and written out as a conformance vector (under
 * {@code target/counterexamples/}, and under {@code vectors/v1/counterexamples/} when regenerating).
 * {@code -Dlockstep.mutant=M3} runs one mutant only.
 */
class MutationTableTest {

  @Test
  void everySeededBugIsCaughtWithACounterexample() {
    String only = System.getProperty("lockstep.mutant", "");
    List<String> rows = new ArrayList<>();
    List<String> escaped = new ArrayList<>();
    Path out = Paths.module().resolve("target/counterexamples");
    for (Mutant m : Mutant.all()) {
      if (!only.isEmpty() && !only.equalsIgnoreCase(m.id())) {
        continue;
      }
      ModelChecker.Result r = new ModelChecker(m.machine(), Bounds.mutants(), true).run();
      if (r.counterexample().isEmpty()) {
        escaped.add(m.id());
        rows.add(String.format("| %-4s | %-44s | %-4s | NOT CAUGHT (%,d states) | | |", m.id(), m.description(), m.rule(), r.states()));
        continue;
      }
      ModelChecker.Counterexample c = r.counterexample().get();
      System.out.println("[mutant " + m.id() + "] " + m.description() + " — " + Counterexamples.describe(c));
      ObjectNode vector = Counterexamples.vector(m, c);
      String file = Vectors.idOf(Path.of("x.json"), vector) + ".json";
      VectorGenerator.writeOne(out.resolve(file), vector);
      Path committed = Paths.vectors().resolve("counterexamples").resolve(file);
      if (VectorGenerator.regenerating() && only.isEmpty()) {
        VectorGenerator.writeOne(committed, vector);
      }
      if (only.isEmpty()) {
        assertTrue(Files.exists(committed), "counterexample vector " + committed + " is not committed (regenerate)");
        assertEquals(vector.get("events"), Vectors.read(committed).get("events"),
            "the committed counterexample of " + m.id() + " is stale (regenerate)");
      }
      rows.add(String.format("| %-4s | %-44s | %-4s | %-60s | %2d | %,9d | %,6d ms |", m.id(), m.description(), m.rule(),
          c.property().length() > 60 ? c.property().substring(0, 57) + "..." : c.property(), c.path().size(), r.states(), r.millis()));
    }
    System.out.println("[mutation table] bound " + Bounds.mutants());
    System.out.println("| id   | seeded bug                                   | rule | caught by (first failing property)                           | len | states    | time      |");
    rows.forEach(System.out::println);
    assertTrue(escaped.isEmpty(), "mutants not caught: " + escaped);
  }
}
