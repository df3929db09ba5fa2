package dev.lockstep.specs.mc;

/**
 * The stated bound of one model-checker run: the environment's budgets, the BFS depth, and the step
 * limit the reducer runs with (small, so rule S5 is reachable).
 */
public record Bounds(
    String name, int depth, int prompts, int steers, int replies, int interrupts, int compacts, int crashes,
    int maxStepsPerTurn, long minStates, long minTransitions) {

  /** The default build: a few minutes at most on two shared cores. */
  static Bounds standard() {
    return new Bounds("default", 8, 2, 2, 4, 1, 1, 1, 3, 1_500_000, 3_500_000);
  }

  /** {@code -Pdeep}: more input of every kind and a deeper horizon. */
  static Bounds deep() {
    return new Bounds("deep", 10, 2, 3, 5, 2, 1, 1, 3, 10_000_000, 20_000_000);
  }

  /** Bounds used to hunt seeded bugs: small, since each mutant must be caught quickly. */
  static Bounds mutants() {
    return new Bounds("mutants", 8, 2, 2, 4, 1, 1, 1, 3, 0, 0);
  }

  static Bounds selected() {
    Bounds b = "deep".equals(System.getProperty("lockstep.mc.profile", "default")) ? deep() : standard();
    Integer depth = Integer.getInteger("lockstep.mc.depth");
    return depth == null ? b : new Bounds(b.name() + "+depth", depth, b.prompts(), b.steers(), b.replies(),
        b.interrupts(), b.compacts(), b.crashes(), b.maxStepsPerTurn(), 0, 0);
  }

  @Override
  public String toString() {
    return name + ": depth " + depth + ", prompts " + prompts + ", steers " + steers + ", replies " + replies
        + ", interrupts " + interrupts + ", compacts " + compacts + ", crashes " + crashes
        + ", max steps/turn " + maxStepsPerTurn;
  }
}
