package dev.lockstep.stress.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The short run of {@link SessionSoak} in the default build ({@code -Dsoak.seconds}, default 10;
 * {@code -Pstress}: 300). It must apply events on many sessions and find no violation.
 */
class SessionSoakTest {
  @Test
  void manySessionsAndProducers_randomEvents_noViolationAfterAnyRun() throws Exception {
    long seconds = Long.getLong("soak.seconds", 10);
    SessionSoak.Report r = SessionSoak.run(Duration.ofSeconds(seconds), 8, 3, 64);
    System.out.println(r);
    assertEquals(0, r.violations(), r::toString);
    assertTrue(r.sessions() >= 8 && r.events() >= 8L * 3 * 64, () -> "the soak did too little work: " + r);
    assertTrue(r.rejected() > 0 && r.rejected() < r.events(), () -> "events should be a mix of applied and rejected: " + r);
  }

  /** Negative control: a drain executor that runs every drain twice at once must be caught. */
  @Test
  void brokenExecutorThatDrainsTwiceAtOnce_isCaughtByTheSoakChecks() throws Exception {
    SessionSoak.Report r = SessionSoak.run(Duration.ofSeconds(2), 8, 3, 64, true);
    System.out.println("negative control (double drain): " + r);
    assertTrue(r.violations() > 0, () -> "the soak's checks missed a double drain: " + r);
  }
}
