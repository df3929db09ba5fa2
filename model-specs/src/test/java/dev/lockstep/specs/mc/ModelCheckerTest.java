package dev.lockstep.specs.mc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the explicit-state model checker on the real reducer at the selected bound ({@code default}, or
 * {@code deep} with {@code -Pdeep}) and proves: no property fails in any explored transition, every
 * "sometimes" property is reached, and the explored space is at least as large as the stated floor (a
 * shrinking state space fails the build).
 */
class ModelCheckerTest {

  @Test
  void referenceReducerSatisfiesEveryPropertyWithinTheBound() {
    Bounds bounds = Bounds.selected();
    ModelChecker checker = new ModelChecker(Machine.REFERENCE, bounds, true);
    checker.verbose = true;
    ModelChecker.Result r = checker.run();
    System.out.printf("[model-checker] bound %s%n", bounds);
    System.out.printf("[model-checker] %,d states, %,d transitions, depth %d, %,d liveness runs, %,d ms%n",
        r.states(), r.transitions(), r.depthReached(), r.livenessChecks(), r.millis());
    r.counterexample().forEach(c -> System.out.println(Counterexamples.describe(c)));
    assertTrue(r.counterexample().isEmpty(), () -> "property violated: " + r.counterexample().get().property());
    System.out.println("[model-checker] sometimes properties (transitions that reached them):");
    for (Map.Entry<String, Long> e : r.sometimes().entrySet()) {
      System.out.printf("  %-62s %,d%n", e.getKey(), e.getValue());
    }
    r.sometimes().forEach((k, v) -> assertTrue(v > 0, "never reached: " + k));
    assertTrue(r.depthReached() == bounds.depth(), "the search stopped at depth " + r.depthReached());
    assertTrue(r.states() >= bounds.minStates(), "only " + r.states() + " states, floor " + bounds.minStates());
    assertTrue(r.transitions() >= bounds.minTransitions(), "only " + r.transitions() + " transitions, floor " + bounds.minTransitions());
  }
}
