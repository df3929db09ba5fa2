package dev.lockstep.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.Invariants;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/** Shared steps of the journal tests. */
final class Journals {
  private Journals() {}

  static RecoveredSession open(Path p, DurabilityPolicy policy) throws IOException {
    return JournalRecovery.recover(p, TestEvents.TARGET, TestEvents.LIMITS, policy);
  }

  static RecoveredSession open(Path p, DurabilityPolicy policy, JournalChannel.Factory files) throws IOException {
    return JournalRecovery.recover(p, TestEvents.TARGET, TestEvents.LIMITS, policy, files);
  }

  /** The reducer folded over {@code events} from the initial state (what recovery must compute, D3). */
  static SessionState fold(Iterable<Event> events) {
    SessionState s = TestEvents.initial();
    for (Event e : events) {
      s = Reducer.decide(s, e).state();
    }
    return s;
  }

  /** {@code s} after recovery's own step: one {@code Recovered} when a turn or compaction was open. */
  static SessionState resumed(SessionState s) {
    return s.turn().isDefined() || s.compaction().isDefined()
        ? Reducer.decide(s, new Event.Recovered()).state()
        : s;
  }

  /** Creates a journal at {@code p} holding exactly {@code events}, persisted in random batches. */
  static void write(Path p, Vector<Event> events, long seed) throws IOException {
    Random r = new Random(seed);
    try (RecoveredSession rs = openFresh(p)) {
      long seq = rs.nextSeq();
      int i = 0;
      while (i < events.size()) {
        int k = Math.min(events.size() - i, 1 + r.nextInt(4));
        rs.journal().persist(seq, events.slice(i, i + k));
        seq += k;
        i += k;
      }
    }
  }

  private static RecoveredSession openFresh(Path p) throws IOException {
    RecoveredSession rs = open(p, DurabilityPolicy.NONE);
    assertEquals(JournalFormat.FIRST_SEQ, rs.nextSeq(), "fresh journal");
    return rs;
  }

  static void assertValid(SessionState s) {
    assertTrue(Invariants.check(s).isEmpty(), () -> "invariants: " + Invariants.check(s));
  }
}
