package dev.lockstep.specs.mc;

/**
 * What the environment may still do (budgets) plus ghost variables the properties need: how many
 * steers and prompts were sent (the k-th is called {@code s<k>} / {@code u<k>}, so the alphabet is
 * bounded) and which of them have entered the transcript (bit k-1).
 */
public record Env(
    int prompts, int steers, int replies, int interrupts, int compacts, int crashes,
    int steersSent, int promptsSent, long steersDelivered, long promptsDelivered) {

  static Env budget(Bounds b) {
    return new Env(b.prompts(), b.steers(), b.replies(), b.interrupts(), b.compacts(), b.crashes(), 0, 0, 0, 0);
  }

  Env sentPrompt() {
    return new Env(prompts - 1, steers, replies, interrupts, compacts, crashes, steersSent, promptsSent + 1, steersDelivered, promptsDelivered);
  }

  Env sentSteer() {
    return new Env(prompts, steers - 1, replies, interrupts, compacts, crashes, steersSent + 1, promptsSent, steersDelivered, promptsDelivered);
  }

  Env usedReply() {
    return new Env(prompts, steers, replies - 1, interrupts, compacts, crashes, steersSent, promptsSent, steersDelivered, promptsDelivered);
  }

  Env usedInterrupt() {
    return new Env(prompts, steers, replies, interrupts - 1, compacts, crashes, steersSent, promptsSent, steersDelivered, promptsDelivered);
  }

  Env usedCompact() {
    return new Env(prompts, steers, replies, interrupts, compacts - 1, crashes, steersSent, promptsSent, steersDelivered, promptsDelivered);
  }

  Env usedCrash() {
    return new Env(prompts, steers, replies, interrupts, compacts, crashes - 1, steersSent, promptsSent, steersDelivered, promptsDelivered);
  }

  Env delivered(long steerBits, long promptBits) {
    return new Env(prompts, steers, replies, interrupts, compacts, crashes, steersSent, promptsSent,
        steersDelivered | steerBits, promptsDelivered | promptBits);
  }

  /** A run that adds no new user input from here on (the liveness environment). */
  Env quiescent() {
    return new Env(0, 0, replies, 0, 0, 0, steersSent, promptsSent, steersDelivered, promptsDelivered);
  }
}
