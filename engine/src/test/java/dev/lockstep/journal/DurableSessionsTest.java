package dev.lockstep.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.Phase;
import dev.lockstep.machine.RawCall;
import dev.lockstep.machine.SessionState;
import dev.lockstep.model.Message;
import dev.lockstep.model.Outcome;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.ToolResultMessage;
import dev.lockstep.model.UserMessage;
import dev.lockstep.runtime.ModelResponse;
import dev.lockstep.runtime.Receipt;
import dev.lockstep.runtime.Session;
import dev.lockstep.runtime.SessionListener;
import dev.lockstep.runtime.SessionStoppedException;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DurableSessions#open}: a real session on a journal (rules D1–D6). */
class DurableSessionsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private static Receipt join(CompletableFuture<Receipt> r) {
    return r.join();
  }

  private static JournalScan scan(Path journal) throws IOException {
    return JournalScan.of(journal, Files.readAllBytes(journal), false);
  }

  /** Records every acknowledged event by sequence number. */
  private static final class Acks implements SessionListener {
    final Map<Long, Event> bySeq = new ConcurrentSkipListMap<>();

    @Override
    public void onApplied(Session session, Receipt receipt) {
      bySeq.put(receipt.sequence(), receipt.event());
    }
  }

  @Test
  void freshSession_startsAtSeqOne_closeReleasesTheLock_andReopenContinuesTheSequence() throws Exception {
    SessionState before;
    try (DurableSession ds = DurableSessions.open(dir, "s1", DurabilityPolicy.GROUP_COMMIT, Agents.builder(Agents.answering()))) {
      assertTrue(ds.report().created());
      assertFalse(ds.resumed());
      assertEquals(dir.resolve("s1.lsj"), ds.journal());
      assertEquals("s1", ds.session().id());
      assertEquals(JournalFormat.FIRST_SEQ, join(ds.session().prompt("hello")).sequence());
      assertTrue(ds.session().awaitIdle(WAIT));
      before = ds.session().snapshot();
    }
    // The journal holds prompt and reply as seq 1 and 2.
    assertEquals(Vector.of(1L, 2L), scan(dir.resolve("s1.lsj")).records().map(JournalScan.Record::seq));

    Agents.ScriptedModel model = Agents.answering();
    try (DurableSession ds = DurableSessions.open(dir, "s1", DurabilityPolicy.FSYNC_EACH, Agents.builder(model))) {
      assertTrue(ds.resumed());
      assertEquals(2, ds.report().recordsRead());
      assertFalse(ds.report().repaired());
      assertEquals(before, ds.session().snapshot(), "same state after reopening (D3)");
      assertEquals(3, join(ds.session().prompt("again")).sequence(), "continues exactly at the journal's next seq");
      assertTrue(ds.session().awaitIdle(WAIT));
      assertEquals(4, ds.session().transcript().size());
      assertTrue(model.violations.isEmpty(), model.violations::toString);
    }
    assertEquals(4, scan(dir.resolve("s1.lsj")).records().size());
  }

  @Test
  void secondOpenWhileOpen_isRefusedByTheLock() throws Exception {
    try (DurableSession ds = DurableSessions.open(dir, "s", DurabilityPolicy.NONE, Agents.builder(Agents.answering()))) {
      JournalLockedException e = assertThrows(JournalLockedException.class,
          () -> DurableSessions.open(dir, "s", DurabilityPolicy.NONE, Agents.builder(Agents.answering())));
      assertTrue(e.getMessage().contains("D5"), e.getMessage());
      join(ds.session().prompt("still mine"));
    }
  }

  @Test
  void crashMidTool_resumedSessionIsIdleAndUsableAtOnce_steerAndPromptEnterWithTheNextPrompt() throws Exception {
    Path journal = dir.resolve("mid.lsj");
    Journals.write(journal, ResumeExactlyOnceTest.MID_TOOL, 11); // a started, b not; a steer and a prompt waiting
    Agents.ScriptedModel model = Agents.answering();
    try (DurableSession ds = DurableSessions.open(dir, "mid", DurabilityPolicy.GROUP_COMMIT, Agents.builder(model))) {
      assertEquals(Option.some(6L), ds.report().recoveredSeq(), "Recovered appended after the 5 records");
      Session s = ds.session();
      assertEquals(Phase.IDLE, s.snapshot().phase(), "the Recovered record closed the turn");
      assertEquals(1, s.snapshot().deferredSteers());
      assertEquals(1, s.snapshot().queuedPrompts());
      assertEquals(0, model.received.get(), "recovery never re-sends a model request (D4)");

      Receipt r = join(s.prompt("go on"));
      assertEquals(7, r.sequence());
      assertFalse(r.rejected());
      assertTrue(s.awaitIdle(WAIT));
      Vector<Message> t = s.transcript();
      Vector<ToolResultMessage> results = t.filter(m -> m instanceof ToolResultMessage).map(ToolResultMessage.class::cast);
      assertEquals(Vector.of(Outcome.UNKNOWN, Outcome.INTERRUPTED), results.map(ToolResultMessage::outcome));
      // S2: what waited enters first, in arrival order, then the new prompt; then the answer.
      int steer = t.indexWhere(m -> m instanceof SteerMessage && m.text().equals("also check z"));
      int queued = t.indexWhere(m -> m instanceof UserMessage && m.text().equals("next task"));
      int fresh = t.indexWhere(m -> m instanceof UserMessage && m.text().equals("go on"));
      assertTrue(steer >= 0 && queued == steer + 1 && fresh == queued + 1, t::toString);
      assertEquals("answer 0", t.last().text());
      assertEquals(1, model.received.get());
      assertTrue(model.violations.isEmpty(), model.violations::toString);
    }
    // Reopen: nothing is open, so no second Recovered.
    try (DurableSession ds = DurableSessions.open(dir, "mid", DurabilityPolicy.GROUP_COMMIT, Agents.builder(Agents.answering()))) {
      assertTrue(ds.report().recoveredSeq().isEmpty());
    }
    assertEquals(1, scan(journal).records().count(rec -> rec.event() instanceof Event.Recovered));
  }

  /** A failing disk: the session stops loudly (D6) and a restart recovers every acknowledged event. */
  private void failureStopsLoudly_andReopenRecoversAcknowledged(SimulatedDisk disk, DurabilityPolicy policy)
      throws Exception {
    Acks acks = new Acks();
    // Each prompt makes a turn with one tool call: prompt, reply, tool_started, tool_result, reply.
    Agents.ScriptedModel model = new Agents.ScriptedModel(n -> n % 2 == 0
        ? ModelResponse.Reply.calls("", new RawCall("c" + n, "read", "{\"path\":\"f\"}"))
        : ModelResponse.Reply.text("done " + n));
    DurableSession ds = DurableSessions.open(dir, "d6", policy, Agents.builder(model).listener(acks), disk);
    Session s = ds.session();
    SessionStoppedException stopped = null;
    for (int i = 0; i < 1000 && stopped == null; i++) {
      try {
        CompletableFuture<Receipt> r = s.prompt("p" + i);
        r.join();
        s.awaitIdle(WAIT);
      } catch (SessionStoppedException e) {
        stopped = e; // tell refused: already stopped by an effect's event
      } catch (CompletionException e) {
        stopped = assertInstanceOf(SessionStoppedException.class, e.getCause());
      }
    }
    assertTrue(stopped != null, "the failing disk stopped the session");
    assertTrue(s.isStopped());
    assertTrue(s.stopCause().isDefined());
    assertTrue(s.stopCause().get().getMessage().contains("D6"), s.stopCause().get().getMessage());
    assertInstanceOf(JournalFailedException.class, s.stopCause().get().getCause());
    assertThrows(SessionStoppedException.class, () -> s.prompt("after the stop"), "fails fast (S5)");
    assertFalse(acks.bySeq.isEmpty(), "events were acknowledged before the failure (no vacuous pass)");

    // A restart, without closing the stopped session first: its lock was released on the failure.
    SimulatedDisk restarted = new SimulatedDisk(disk.content());
    try (DurableSession again = DurableSessions.open(dir, "d6", policy, Agents.builder(Agents.answering()), restarted)) {
      Journals.assertValid(again.session().snapshot());
      JournalScan scan = JournalScan.of(ds.journal(), restarted.content(), false);
      assertTrue(scan.damage().isEmpty(), scan.damage()::toString);
      for (Map.Entry<Long, Event> a : acks.bySeq.entrySet()) {
        assertTrue(a.getKey() <= scan.records().size(), "acknowledged seq " + a.getKey() + " lost");
        assertEquals(a.getValue(), scan.records().get((int) (a.getKey() - 1)).event(), "seq " + a.getKey());
      }
      assertTrue(Agents.projectedViolations(again.session().snapshot()).isEmpty());
    }
    ds.close(); // closing the stopped session is harmless
  }

  @Test
  void failedForce_stopsTheSessionLoudly_andReopenRecoversEveryAcknowledgedEvent() throws Exception {
    failureStopsLoudly_andReopenRecoversAcknowledged(new SimulatedDisk().failForce(9), DurabilityPolicy.GROUP_COMMIT);
  }

  @Test
  void fullDisk_stopsTheSessionLoudly_andReopenRecoversEveryAcknowledgedEvent() throws Exception {
    failureStopsLoudly_andReopenRecoversAcknowledged(new SimulatedDisk().failWritesAfter(1500), DurabilityPolicy.FSYNC_EACH);
  }

  @Test
  void tornTail_isCutAndReportedThroughTheReturnedObject() throws Exception {
    Path journal = dir.resolve("torn.lsj");
    Journals.write(journal, Vector.of(new Event.UserPrompt("hi"), Event.ModelReply.text("hello")), 5);
    byte[] whole = Files.readAllBytes(journal);
    Files.write(journal, java.util.Arrays.copyOf(whole, whole.length + 7)); // seven zero bytes: a torn append
    try (DurableSession ds = DurableSessions.open(dir, "torn", DurabilityPolicy.GROUP_COMMIT, Agents.builder(Agents.answering()))) {
      assertEquals(7, ds.report().bytesTruncated());
      assertTrue(ds.report().tornTail().isDefined());
      assertEquals(2, ds.report().recordsRead());
      assertEquals(3, join(ds.session().prompt("next")).sequence());
    }
    assertTrue(scan(journal).damage().isEmpty());
  }

  @Test
  void corruptMiddle_refusesToOpen_namesDoctorAndOffset_changesNothing_andSalvageLetsItOpen() throws Exception {
    Path journal = dir.resolve("bad.lsj");
    Journals.write(journal, TestEvents.busyRun(3, 30), 3);
    JournalScan healthy = scan(journal);
    long at = healthy.records().get(10).offset();
    byte[] bytes = Files.readAllBytes(journal);
    bytes[(int) at + 20] ^= 0x10;
    Files.write(journal, bytes);

    JournalCorruptedException e = assertThrows(JournalCorruptedException.class,
        () -> DurableSessions.open(dir, "bad", DurabilityPolicy.GROUP_COMMIT, Agents.builder(Agents.answering())));
    assertEquals(at, e.offset());
    assertTrue(e.getMessage().contains("lockstep doctor --salvage " + journal), e.getMessage());
    assertArrayEquals(bytes, Files.readAllBytes(journal), "refusing to open changes nothing");

    JournalSalvage.SalvageReport salvaged = JournalSalvage.salvage(journal); // the lock was released
    assertEquals(10, salvaged.recordsKept());
    try (DurableSession ds = DurableSessions.open(dir, "bad", DurabilityPolicy.GROUP_COMMIT, Agents.builder(Agents.answering()))) {
      assertEquals(10, ds.report().recordsRead());
      assertEquals(Journals.resumed(Journals.fold(TestEvents.busyRun(3, 30).take(10))), ds.session().snapshot());
    }
  }

  @Test
  void builderThatCannotStart_failsClearly_andReleasesTheLock() throws Exception {
    Session.Builder noModel = Session.builder().target(TestEvents.TARGET).limits(TestEvents.LIMITS);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> DurableSessions.open(dir, "x", DurabilityPolicy.NONE, noModel));
    assertTrue(e.getMessage().contains("model client"), e.getMessage());
    try (DurableSession ds = DurableSessions.open(dir, "x", DurabilityPolicy.NONE, Agents.builder(Agents.answering()))) {
      assertEquals(1, join(ds.session().prompt("hi")).sequence());
    }
    IllegalStateException noTarget = assertThrows(IllegalStateException.class,
        () -> DurableSessions.open(dir, "y", DurabilityPolicy.NONE, Session.builder().modelClient(Agents.answering())));
    assertTrue(noTarget.getMessage().contains("target"), noTarget.getMessage());
    assertFalse(Files.exists(dir.resolve("y.lsj")), "nothing created without a target");
  }

  @Test
  void sessionIdThatIsNotAPlainFileName_isRejected() {
    for (String bad : new String[] {"", "../x", "a/b", ".hidden", "..", "a b", "x".repeat(201)}) {
      assertThrows(IllegalArgumentException.class,
          () -> DurableSessions.open(dir, bad, DurabilityPolicy.NONE, Agents.builder(Agents.answering())), bad);
    }
  }
}
