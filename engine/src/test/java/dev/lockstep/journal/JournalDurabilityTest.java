package dev.lockstep.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules D1, D3, D5, D6: what persist promises, failures, the lock, replay determinism. */
class JournalDurabilityTest {
  @TempDir Path dir;

  /**
   * Drives {@code events} through a journal on {@code disk} in random batches, folding each batch only
   * after persist returned (the actor's contract); returns the acknowledged prefix length, stopping at
   * the first failure.
   */
  private static int drive(Path p, SimulatedDisk disk, DurabilityPolicy policy, Vector<Event> events, Random r)
      throws IOException {
    int acked = 0;
    try (RecoveredSession rs = Journals.open(p, policy, disk)) {
      long seq = rs.nextSeq();
      while (acked < events.size()) {
        int k = Math.min(events.size() - acked, 1 + r.nextInt(5));
        try {
          rs.journal().persist(seq, events.slice(acked, acked + k));
        } catch (JournalFailedException e) {
          assertTrue(rs.journal().failure().isDefined(), "journal marked failed");
          // D6: every later persist throws as well, without touching the disk.
          JournalFailedException again = assertThrows(JournalFailedException.class,
              () -> rs.journal().persist(rs.journal().nextSeq(), Vector.of(new Event.Compact())));
          assertTrue(again.getMessage().contains("stopped"), again.getMessage());
          return acked;
        }
        seq += k;
        acked += k;
      }
    }
    return acked;
  }

  @Test
  void powerLossAtAnyMoment_losesNoAcknowledgedEvent_underFsyncEachAndGroupCommit() throws IOException {
    Vector<Event> events = TestEvents.busyRun(5, 120);
    for (DurabilityPolicy policy : new DurabilityPolicy[] {DurabilityPolicy.FSYNC_EACH, DurabilityPolicy.GROUP_COMMIT}) {
      Random r = new Random(policy.ordinal());
      for (int trial = 0; trial < 60; trial++) {
        // Stop the run after a random number of batches by exhausting the force budget: the batch whose
        // force "fails" is the moment of the power loss (it was never acknowledged).
        SimulatedDisk disk = new SimulatedDisk().failForce(2 + r.nextInt(40));
        Path p = dir.resolve(policy + "-" + trial + ".lsj");
        int acked = drive(p, disk, policy, events, r);
        byte[] image = disk.powerLoss(r);
        try (RecoveredSession rs = Journals.open(p, DurabilityPolicy.NONE, new SimulatedDisk(image))) {
          long present = rs.report().recordsRead();
          assertTrue(present >= acked, policy + ": acknowledged " + acked + " but only " + present + " survived");
          assertEquals(Journals.resumed(Journals.fold(events.take((int) present))), rs.state());
          Journals.assertValid(rs.state());
        }
      }
    }
  }

  @Test
  void withoutForce_aPowerLossLosesAcknowledgedEvents_whichIsWhatPolicyNoneMeans() throws IOException {
    // Documents the NONE policy and proves the power-loss test above can fail: without a force,
    // acknowledged events are gone after a power loss.
    Vector<Event> events = TestEvents.busyRun(5, 120);
    Random r = new Random(3);
    int lost = 0;
    for (int trial = 0; trial < 20; trial++) {
      SimulatedDisk disk = new SimulatedDisk();
      Path p = dir.resolve("none-" + trial + ".lsj");
      int acked = drive(p, disk, DurabilityPolicy.NONE, events, r);
      try (RecoveredSession rs = Journals.open(p, DurabilityPolicy.NONE, new SimulatedDisk(disk.powerLoss(r)))) {
        lost += rs.report().recordsRead() < acked ? 1 : 0;
      }
    }
    assertTrue(lost > 10, "NONE loses acknowledged events on power loss in most trials, lost in " + lost);
  }

  @Test
  void diskFull_atManyByteOffsets_stopsTheJournal_andARestartRecoversEveryAcknowledgedEvent() throws IOException {
    Vector<Event> events = TestEvents.busyRun(8, 40);
    Path probe = dir.resolve("probe.lsj");
    SimulatedDisk full = new SimulatedDisk();
    drive(probe, full, DurabilityPolicy.GROUP_COMMIT, events, new Random(0));
    int size = full.content().length;
    int failures = 0;
    for (int budget = JournalFormat.HEADER_SIZE; budget < size; budget += 11) {
      for (DurabilityPolicy policy : DurabilityPolicy.values()) {
        SimulatedDisk disk = new SimulatedDisk().failWritesAfter(budget);
        Path p = dir.resolve("full-" + budget + policy + ".lsj");
        int acked = drive(p, disk, policy, events, new Random(budget));
        failures += acked < events.size() ? 1 : 0;
        // "Restart" on the same bytes with space freed: recovery cuts the partial record.
        try (RecoveredSession rs = Journals.open(p, DurabilityPolicy.NONE, new SimulatedDisk(disk.content()))) {
          assertTrue(rs.report().recordsRead() >= acked);
          assertEquals(Journals.resumed(Journals.fold(events.take((int) rs.report().recordsRead()))), rs.state());
          Journals.assertValid(rs.state());
        }
      }
    }
    assertTrue(failures > 30, "the disk did fill up: " + failures);
  }

  @Test
  void fsyncFailure_isNeverRetried_andNothingOfTheBatchIsAcknowledged() throws IOException {
    SimulatedDisk disk = new SimulatedDisk();
    Path p = dir.resolve("eio.lsj");
    try (RecoveredSession rs = Journals.open(p, DurabilityPolicy.GROUP_COMMIT, disk)) {
      rs.journal().persist(1, Vector.of(new Event.UserPrompt("one")));
      disk.failForce(1);
      int forcesBefore = disk.forces;
      JournalFailedException e = assertThrows(JournalFailedException.class,
          () -> rs.journal().persist(2, Vector.of(new Event.UserPrompt("two"))));
      assertInstanceOf(IOException.class, e.getCause());
      assertTrue(e.getMessage().contains(p.toString()), "names the journal: " + e.getMessage());
      assertThrows(JournalFailedException.class, () -> rs.journal().persist(2, Vector.of(new Event.UserPrompt("two"))));
      assertEquals(forcesBefore + 1, disk.forces, "the failed force is not retried");
    }
  }

  @Test
  void persistWithAGapInSequenceNumbers_isRefusedBeforeWriting() throws IOException {
    Path p = dir.resolve("gap.lsj");
    try (RecoveredSession rs = Journals.open(p, DurabilityPolicy.GROUP_COMMIT)) {
      rs.journal().persist(1, Vector.of(new Event.UserPrompt("one")));
      long size = Files.size(p);
      assertThrows(IllegalArgumentException.class, () -> rs.journal().persist(3, Vector.of(new Event.UserPrompt("x"))));
      assertEquals(size, Files.size(p));
      rs.journal().persist(2, Vector.of(new Event.UserPrompt("two")));
    }
  }

  @Test
  void secondWriterInTheSameJvm_failsNamingThePath_andTheFirstKeepsWriting() throws IOException {
    Path p = dir.resolve("one-writer.lsj");
    try (RecoveredSession first = Journals.open(p, DurabilityPolicy.GROUP_COMMIT)) {
      JournalLockedException e = assertThrows(JournalLockedException.class, () -> Journals.open(p, DurabilityPolicy.GROUP_COMMIT));
      assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
      assertThrows(JournalLockedException.class, () -> JournalSalvage.salvage(p));
      first.journal().persist(1, Vector.of(new Event.UserPrompt("still mine")));
    }
    try (RecoveredSession again = Journals.open(p, DurabilityPolicy.GROUP_COMMIT)) {
      // seq 1 was the first writer's prompt (its turn was open, so recovery closed it with seq 2).
      assertEquals(io.vavr.control.Option.some(2L), again.report().recoveredSeq());
      assertEquals(1, again.report().recordsRead());
    }
  }

  @Test
  void replayingAJournalTwice_givesEqualStates_equalToTheLiveState() throws IOException {
    Vector<Event> events = TestEvents.busyRun(77, 2000);
    Path p = dir.resolve("det.lsj");
    SessionState live = TestEvents.initial();
    Random r = new Random(77);
    try (RecoveredSession rs = Journals.open(p, DurabilityPolicy.GROUP_COMMIT)) {
      long seq = rs.nextSeq();
      int i = 0;
      while (i < events.size()) {
        int k = Math.min(events.size() - i, 1 + r.nextInt(8));
        Vector<Event> batch = events.slice(i, i + k);
        rs.journal().persist(seq, batch);
        for (Event e : batch) {
          live = Reducer.decide(live, e).state();
        }
        seq += k;
        i += k;
      }
    }
    byte[] bytes = Files.readAllBytes(p);
    SessionState first;
    try (RecoveredSession rs = Journals.open(p, DurabilityPolicy.GROUP_COMMIT)) {
      first = rs.state();
      assertEquals(Journals.resumed(live), first);
    }
    Files.write(p, bytes); // undo a Recovered record, if one was appended
    try (RecoveredSession rs = Journals.open(p, DurabilityPolicy.GROUP_COMMIT)) {
      assertEquals(first, rs.state());
    }
    assertArrayEquals(bytes, java.util.Arrays.copyOf(Files.readAllBytes(p), bytes.length));
  }
}
