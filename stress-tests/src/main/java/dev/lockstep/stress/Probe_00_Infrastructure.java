package dev.lockstep.stress;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Infrastructure probe and negative control: a plain racy counter whose lost update jcstress must
 * observe. If this test ever passes, the harness (forking, CPU allocation, mode) is too weak to find
 * races and every other result is suspect.
 *
 * <p>Run: {@code java -jar stress-tests/target/jcstress.jar -t Probe_00 -m quick -sc false -iters 5 -time 200}
 * (the default build's settings). Result of the committed run (stress-tests/JCSTRESS-RESULTS.md):
 *
 * <pre>
 *   RESULT     SAMPLES   EXPECT      DESCRIPTION
 *        1  19,188,247   Forbidden   lost update
 *        2  60,087,804   Acceptable  both increments seen
 * </pre>
 */
public class Probe_00_Infrastructure {
  @JCStressTest
  @Outcome(id = "2", expect = ACCEPTABLE, desc = "both increments seen")
  @Outcome(id = "1", expect = FORBIDDEN, desc = "lost update")
  @Outcome(expect = FORBIDDEN, desc = "anything else")
  @State
  public static class Naive {
    int v;

    @Actor
    public void a() {
      v++;
    }

    @Actor
    public void b() {
      v++;
    }

    @Arbiter
    public void arbiter(I_Result r) {
      r.r1 = v;
    }
  }
}
