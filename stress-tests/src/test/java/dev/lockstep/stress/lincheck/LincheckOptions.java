package dev.lockstep.stress.lincheck;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Quick defaults for every lincheck run (Caffeine's style): model checking 25 iterations × 400
 * invocations, stress 30 × 3000, two threads. Override for long runs with {@code -Dlincheck.iterations},
 * {@code -Dlincheck.invocations}, {@code -Dlincheck.stress.iterations},
 * {@code -Dlincheck.stress.invocations}, {@code -Dlincheck.actorsPerThread}.
 *
 * <p>Model checking does not look inside pure code: the reducer, the invariant checker, the vavr
 * persistent collections and the test's own describers work on immutable values only, so they hold no
 * interleaving worth exploring; lincheck runs them as single steps ({@code ignore()}). Every shared
 * mutable location of the session actor (mailbox, drain status, published state, receipts) stays
 * fully analyzed.
 */
final class LincheckOptions {
  private LincheckOptions() {}

  static ModelCheckingOptions modelChecking() {
    return new ModelCheckingOptions()
        .iterations(Integer.getInteger("lincheck.iterations", 25))
        .invocationsPerIteration(Integer.getInteger("lincheck.invocations", 400))
        .threads(2)
        .actorsPerThread(Integer.getInteger("lincheck.actorsPerThread", 3))
        .actorsBefore(2)
        .actorsAfter(2)
        .addGuarantee(forClasses(LincheckOptions::pure).allMethods().ignore());
  }

  /** Classes that only compute on immutable values. */
  private static boolean pure(String className) {
    return className.startsWith("io.vavr.")
        || className.equals("dev.lockstep.machine.Reducer")
        || className.equals("dev.lockstep.machine.Invariants")
        || className.startsWith("dev.lockstep.stress.lincheck.Describe")
        || className.startsWith("dev.lockstep.stress.Fixture");
  }

  static StressOptions stress() {
    return new StressOptions()
        .iterations(Integer.getInteger("lincheck.stress.iterations", 30))
        .invocationsPerIteration(Integer.getInteger("lincheck.stress.invocations", 3000))
        .threads(2)
        .actorsPerThread(Integer.getInteger("lincheck.actorsPerThread", 3))
        .actorsBefore(2)
        .actorsAfter(2);
  }
}
