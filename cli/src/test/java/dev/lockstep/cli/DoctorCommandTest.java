package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.journal.DurabilityPolicy;
import dev.lockstep.journal.JournalRecovery;
import dev.lockstep.journal.JournalScan;
import dev.lockstep.journal.RecoveredSession;
import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Limits;
import dev.lockstep.machine.Phase;
import dev.lockstep.machine.RawCall;
import dev.lockstep.machine.Target;
import dev.lockstep.model.Origin;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lockstep doctor}: inspect without changing, salvage without deleting, documented exit codes. */
class DoctorCommandTest {
  private static final Target TARGET = new Target("openai-chat", "unknown");

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** Twelve events: three finished turns of prompt, reply with a call, tool start, result, answer; and more. */
  private static Vector<Event> finishedTurns(int turns) {
    Vector<Event> v = Vector.empty();
    for (int i = 0; i < turns; i++) {
      v = v.appendAll(Vector.of(
          new Event.UserPrompt("task " + i),
          Event.ModelReply.calls("", new RawCall("c" + i, "read", "{\"path\":\"f" + i + "\"}")),
          new Event.ToolStarted(new CallRef.Raw("c" + i)),
          new Event.ToolResult(new CallRef.Raw("c" + i), "content " + i, false),
          Event.ModelReply.text("done " + i)));
    }
    return v;
  }

  private static Path write(Path p, Vector<Event> events) throws IOException {
    try (RecoveredSession rs = JournalRecovery.recover(p, TARGET, Limits.defaults(), DurabilityPolicy.NONE)) {
      rs.journal().persist(rs.nextSeq(), events);
    }
    return p;
  }

  private static JournalScan scan(Path p) throws IOException {
    return JournalScan.of(p, Files.readAllBytes(p), false);
  }

  @Test
  void healthyJournal_exitZero_reportsRecordsLastSeqAndState_andChangesNothing() throws IOException {
    Path j = write(dir.resolve("ok.lsj"), finishedTurns(3));
    byte[] before = Files.readAllBytes(j);
    Run r = run("doctor", j.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("records      15 valid (seq 1..15)"), r.out());
    assertTrue(r.out().contains("last seq 15"), r.out());
    assertTrue(r.out().contains("status       HEALTHY"), r.out());
    assertTrue(r.out().contains("phase      IDLE"), r.out());
    assertTrue(r.out().contains("transcript 12 message(s)"), r.out());
    assertTrue(r.out().contains("invariants OK"), r.out());
    assertTrue(r.out().contains("next open  resumes as is"), r.out());
    assertArrayEquals(before, Files.readAllBytes(j), "doctor changes nothing");
  }

  @Test
  void midTurnJournal_listsOpenCallsAndWaitingInput_andWhatTheNextOpenDoes() throws IOException {
    Path j = write(dir.resolve("mid.lsj"), Vector.of(
        new Event.UserPrompt("read both"),
        Event.ModelReply.calls("", new RawCall("a", "read", "{\"path\":\"x\"}"), new RawCall("b", "read", "{\"path\":\"y\"}")),
        new Event.ToolStarted(new CallRef.Raw("a")),
        new Event.Steer("also z", Origin.USER),
        new Event.UserPrompt("next task")));
    Run r = run("doctor", j.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("phase      " + Phase.AWAITING_TOOLS), r.out());
    assertTrue(r.out().contains("open calls 2: a read (started), b read (not started)"), r.out());
    assertTrue(r.out().contains("1 deferred steer(s), 0 late-result note(s), 1 queued prompt(s)"), r.out());
    assertTrue(r.out().contains("appends one Recovered record: a -> UNKNOWN, b -> INTERRUPTED"), r.out());
  }

  @Test
  void tornTail_exitZero_reportsTheTornBytes_changesNothing_andSalvageHasNothingToDo() throws IOException {
    Path j = write(dir.resolve("torn.lsj"), finishedTurns(2));
    byte[] whole = Files.readAllBytes(j);
    byte[] torn = Arrays.copyOf(whole, whole.length + 9);
    torn[whole.length] = 0; // a partial record head: nine bytes of an append that never finished
    torn[whole.length + 3] = 40;
    Files.write(j, torn);
    Run r = run("doctor", j.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("status       TORN TAIL: 9 byte(s) after offset " + whole.length), r.out());
    assertTrue(r.out().contains("records      10 valid"), r.out());
    assertArrayEquals(torn, Files.readAllBytes(j));

    Run s = run("doctor", "--salvage", j.toString());
    assertEquals(0, s.code(), s.out() + s.err());
    assertTrue(s.out().contains("nothing to salvage: only a torn tail"), s.out());
    assertArrayEquals(torn, Files.readAllBytes(j), "salvage leaves a torn tail to the next open");
    assertEquals(1, siblings(j).length, "no copy made");
  }

  @Test
  void corruptMiddle_exitOne_reportsTheOffset_andHowToSalvage_changesNothing() throws IOException {
    Path j = write(dir.resolve("bad.lsj"), finishedTurns(4));
    long at = scan(j).records().get(7).offset();
    byte[] bytes = Files.readAllBytes(j);
    bytes[(int) at + 19] ^= 0x01;
    Files.write(j, bytes);
    Run r = run("doctor", j.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("status       CORRUPTED at byte offset " + at + ": checksum mismatch"), r.out());
    assertTrue(r.out().contains("keeps the 7 record(s) before the damage"), r.out());
    assertTrue(r.out().contains("to salvage: lockstep doctor --salvage " + j), r.out());
    // The state of the valid prefix: turn 2 ended inside its step (seq 6 prompt, 7 reply with a call).
    assertTrue(r.out().contains("open calls 1: c1 read (not started)"), r.out());
    assertArrayEquals(bytes, Files.readAllBytes(j), "doctor changes nothing");
    assertEquals(1, siblings(j).length);
  }

  @Test
  void salvageThenRecover_keepsThePrefix_savesTheOriginal_andTheSessionOpens() throws IOException {
    Path j = write(dir.resolve("s.lsj"), finishedTurns(4));
    long at = scan(j).records().get(10).offset(); // the first record of turn 3
    byte[] bytes = Files.readAllBytes(j);
    bytes[(int) at + 30] ^= 0x40;
    Files.write(j, bytes);

    Run s = run("doctor", "--salvage", j.toString());
    assertEquals(0, s.code(), s.out() + s.err());
    assertTrue(s.out().contains("damage       at byte offset " + at), s.out());
    assertTrue(s.out().contains("salvaged     kept 10 record(s) (seq 1..10); dropped " + (bytes.length - at) + " byte(s)"), s.out());
    Path[] copies = Stream.of(siblings(j)).filter(p -> p.getFileName().toString().startsWith("s.lsj.damaged-")).toArray(Path[]::new);
    assertEquals(1, copies.length, Arrays.toString(siblings(j)));
    assertTrue(s.out().contains("saved        the original, byte for byte: " + copies[0]), s.out());
    assertArrayEquals(bytes, Files.readAllBytes(copies[0]), "never deletes data: the original is kept");

    Run again = run("doctor", j.toString());
    assertEquals(0, again.code(), again.out());
    assertTrue(again.out().contains("HEALTHY"), again.out());
    try (RecoveredSession rs = JournalRecovery.recover(j, TARGET, Limits.defaults(), DurabilityPolicy.GROUP_COMMIT)) {
      assertEquals(10, rs.report().recordsRead());
      assertEquals(11, rs.nextSeq());
      assertEquals(8, rs.state().transcript().size(), "two whole turns");
      assertTrue(rs.report().recoveredSeq().isEmpty());
    }
  }

  @Test
  void unreadable_exitTwo_withAClearMessage() throws IOException {
    Run missing = run("doctor", dir.resolve("nope.lsj").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("no such file"), missing.err());
    assertFalse(Files.exists(dir.resolve("nope.lsj.lock")), "no lock file left behind for a missing journal");

    Path notJournal = dir.resolve("notes.txt");
    Files.writeString(notJournal, "these are not the records you are looking for\n", StandardCharsets.UTF_8);
    Run bad = run("doctor", notJournal.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("not a Lockstep journal"), bad.err());
    Run badSalvage = run("doctor", "--salvage", notJournal.toString());
    assertEquals(2, badSalvage.code());
    assertEquals("these are not the records you are looking for\n", Files.readString(notJournal));

    Path j = write(dir.resolve("busy.lsj"), finishedTurns(1));
    try (RecoveredSession open = JournalRecovery.recover(j, TARGET, Limits.defaults(), DurabilityPolicy.NONE)) {
      Run locked = run("doctor", "--salvage", j.toString());
      assertEquals(2, locked.code());
      assertTrue(locked.err().contains("stop it first"), locked.err());
    }
    assertEquals(2, run("doctor").code(), "missing FILE is a usage error");
  }

  private Path[] siblings(Path j) throws IOException {
    try (Stream<Path> s = Files.list(j.getParent())) {
      return s.filter(p -> p.getFileName().toString().startsWith(j.getFileName().toString())
          && !p.getFileName().toString().endsWith(".lock")).toArray(Path[]::new);
    }
  }
}
