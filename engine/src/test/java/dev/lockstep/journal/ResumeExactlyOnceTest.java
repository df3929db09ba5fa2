package dev.lockstep.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Phase;
import dev.lockstep.machine.RawCall;
import dev.lockstep.machine.SessionState;
import dev.lockstep.model.Origin;
import dev.lockstep.model.Outcome;
import dev.lockstep.model.ToolResultMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule D4: resume closes open steps durably and exactly once, across repeated crashes. */
class ResumeExactlyOnceTest {
  @TempDir Path dir;
  Path journal;

  /** A turn killed mid-tool: call a started, call b not; a steer and a prompt waiting. */
  static final Vector<Event> MID_TOOL = Vector.of(
      new Event.UserPrompt("read both files"),
      Event.ModelReply.calls("", new RawCall("a", "read", "{\"path\":\"x\"}"), new RawCall("b", "read", "{\"path\":\"y\"}")),
      new Event.ToolStarted(new CallRef.Raw("a")),
      new Event.Steer("also check z", Origin.USER),
      new Event.UserPrompt("next task"));

  @BeforeEach
  void setUp() {
    journal = dir.resolve("s.lsj");
  }

  private static Vector<ToolResultMessage> results(SessionState s) {
    return s.transcript().filter(m -> m instanceof ToolResultMessage).map(ToolResultMessage.class::cast);
  }

  private static void assertClosedOnce(SessionState s) {
    Journals.assertValid(s);
    assertEquals(Phase.IDLE, s.phase());
    Vector<ToolResultMessage> r = results(s);
    assertEquals(2, r.size(), "exactly one result per call: " + r);
    assertEquals(Outcome.UNKNOWN, r.get(0).outcome(), "a had started");
    assertEquals(Outcome.INTERRUPTED, r.get(1).outcome(), "b had not");
    assertEquals(1, s.deferredSteers(), "the steer survives the crash (S2)");
    assertEquals(1, s.queuedPrompts(), "the prompt survives the crash (S2)");
  }

  private long recoveredRecords() throws IOException {
    return JournalScan.of(journal, Files.readAllBytes(journal), false).records()
        .count(r -> r.event() instanceof Event.Recovered);
  }

  @Test
  void openTurn_isClosedByOneDurableRecoveredRecord() throws IOException {
    Journals.write(journal, MID_TOOL, 3);
    try (RecoveredSession rs = Journals.open(journal, DurabilityPolicy.FSYNC_EACH)) {
      assertEquals(Option.some(6L), rs.report().recoveredSeq());
      assertEquals(7, rs.nextSeq());
      assertClosedOnce(rs.state());
    }
    assertEquals(1, recoveredRecords());
  }

  @Test
  void crashingAgainAfterResume_neverAddsASecondResult() throws IOException {
    Journals.write(journal, MID_TOOL, 3);
    SessionState first;
    try (RecoveredSession rs = Journals.open(journal, DurabilityPolicy.FSYNC_EACH)) {
      first = rs.state();
    }
    for (int crash = 0; crash < 3; crash++) {
      try (RecoveredSession rs = Journals.open(journal, DurabilityPolicy.FSYNC_EACH)) {
        assertTrue(rs.report().recoveredSeq().isEmpty(), "nothing open: no second Recovered");
        assertEquals(first, rs.state(), "same state after every restart (D3)");
        assertClosedOnce(rs.state());
      }
    }
    assertEquals(1, recoveredRecords());
  }

  @Test
  void crashWhileAppendingRecovered_writesItOnceOnTheNextStart() throws IOException {
    Journals.write(journal, MID_TOOL, 3);
    byte[] before = Files.readAllBytes(journal);
    try (RecoveredSession rs = Journals.open(journal, DurabilityPolicy.FSYNC_EACH)) {
      assertClosedOnce(rs.state());
    }
    byte[] withRecovered = Files.readAllBytes(journal);
    // Every torn form of the Recovered record: the next start cuts it and writes it once.
    for (int cut = before.length; cut < withRecovered.length; cut++) {
      Files.write(journal, Arrays.copyOf(withRecovered, cut));
      try (RecoveredSession rs = Journals.open(journal, DurabilityPolicy.FSYNC_EACH)) {
        assertEquals(cut - before.length, rs.report().bytesTruncated());
        assertEquals(Option.some(6L), rs.report().recoveredSeq());
        assertClosedOnce(rs.state());
      }
      assertEquals(1, recoveredRecords(), "cut at " + cut);
    }
  }

  @Test
  void aDuplicateRecoveredRecord_isHarmless() throws IOException {
    // Even if some embedder journaled Recovered twice, folding it again changes nothing (idempotent).
    Journals.write(journal, MID_TOOL.append(new Event.Recovered()).append(new Event.Recovered()), 3);
    try (RecoveredSession rs = Journals.open(journal, DurabilityPolicy.NONE)) {
      assertTrue(rs.report().recoveredSeq().isEmpty());
      assertClosedOnce(rs.state());
      assertEquals(Journals.fold(MID_TOOL.append(new Event.Recovered())), rs.state());
    }
  }

  @Test
  void compactionInFlight_isDroppedOnResume() throws IOException {
    Vector<Event> events = Vector.of(new Event.UserPrompt("hi"), Event.ModelReply.text("hello"), new Event.Compact());
    assertTrue(Journals.fold(events).compacting(), "setup: compaction in flight");
    Journals.write(journal, events, 3);
    try (RecoveredSession rs = Journals.open(journal, DurabilityPolicy.NONE)) {
      assertTrue(rs.report().recoveredSeq().isDefined());
      assertFalse(rs.state().compacting());
      assertEquals(Journals.fold(events.take(2)).transcript(), rs.state().transcript(), "transcript unchanged");
    }
  }

  @Test
  void idleSession_isNotTouched() throws IOException {
    Vector<Event> events = Vector.of(new Event.UserPrompt("hi"), Event.ModelReply.text("hello"));
    Journals.write(journal, events, 3);
    byte[] before = Files.readAllBytes(journal);
    try (RecoveredSession rs = Journals.open(journal, DurabilityPolicy.NONE)) {
      assertFalse(rs.report().repaired());
      assertEquals(Journals.fold(events), rs.state());
    }
    assertTrue(Arrays.equals(before, Files.readAllBytes(journal)));
  }
}
