package dev.lockstep.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.SessionState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules D1–D6 against a real process death. A child JVM ({@link CrashChild}) runs a busy real {@link
 * dev.lockstep.runtime.Session} opened with {@link DurableSessions#open} (scripted model, quick tools on
 * virtual threads, a steering thread, prompts, interrupts, compactions; policies {@code FSYNC_EACH} and
 * {@code GROUP_COMMIT} alternate) and prints every acknowledged sequence number; the parent kills it
 * with SIGKILL ({@code destroyForcibly}) at a random moment. After every kill:
 *
 * <ul>
 *   <li>the child acknowledged at least one event this run (no vacuous pass), and its lock kept the
 *       parent out while it ran (D5);
 *   <li>{@link DurableSessions#open} recovers the session (a torn tail is cut, an open turn is closed
 *       by {@code Recovered}), every acknowledged event is in the journal byte for byte, {@code
 *       Invariants.check} is empty, and the requests projected from the recovered state pass the
 *       {@code openai-chat} validator;
 *   <li>a second recovery gives the same state (D3) and appends no second {@code Recovered} (D4).
 * </ul>
 *
 * The next child continues the same journal (every {@value #KILLS_PER_JOURNAL} kills a fresh one), so
 * children also resume from journals their predecessors left. The number of kills is {@code
 * -Dlockstep.crash.kills} (6 by default; {@code ./mvnw -B -pl engine -Pcrash test} runs 200). SIGKILL
 * keeps the OS page cache, so it exercises torn writes and recovery, not a lost fsync: that is {@link
 * JournalDurabilityTest}'s simulated power loss and {@link DurableSessionsTest}'s failing disk.
 */
class KillTest {
  private static final int KILLS = Integer.getInteger("lockstep.crash.kills", 6);
  private static final long SEED = Long.getLong("lockstep.crash.seed", 20261124L);
  private static final int KILLS_PER_JOURNAL = 10;

  @TempDir Path dir;

  @Test
  void sigkillOfABusySession_losesNoAcknowledgedEvent_andItAlwaysRecoversValid() throws Exception {
    Random r = new Random(SEED);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Map<Long, Long> acked = new ConcurrentHashMap<>();
    long totalAcks = 0;
    long recoveredAppended = 0;
    long tornBytes = 0;
    long tornTails = 0;
    long maxRecords = 0;
    Map<String, Integer> phases = new java.util.TreeMap<>();
    for (int kill = 0; kill < KILLS; kill++) {
      if (kill % KILLS_PER_JOURNAL == 0) {
        acked.clear(); // a fresh journal, so recovery time stays bounded in long runs
      }
      String id = "session-" + (kill / KILLS_PER_JOURNAL);
      Path journal = DurableSessions.journalPath(dir, id);
      DurabilityPolicy policy = kill % 2 == 0 ? DurabilityPolicy.FSYNC_EACH : DurabilityPolicy.GROUP_COMMIT;
      Path err = dir.resolve("child-" + kill + ".err");
      Process child = new ProcessBuilder(java, "-cp", cp, CrashChild.class.getName(), dir.toString(), id,
          policy.name(), Long.toString(r.nextLong()))
          .redirectError(err.toFile())
          .start();
      CountDownLatch ready = new CountDownLatch(1);
      AtomicInteger acksThisRun = new AtomicInteger();
      List<String> garbage = new ArrayList<>();
      List<String> violations = new ArrayList<>();
      Thread reader = Thread.ofPlatform().daemon().start(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            String[] f = line.split(" ");
            if (f.length == 2 && f[0].equals("READY")) {
              ready.countDown();
            } else if (f.length == 3 && f[0].equals("ACK")) {
              acked.put(Long.parseLong(f[1]), Long.parseLong(f[2]));
              acksThisRun.incrementAndGet();
            } else if (line.startsWith("VIOLATION ")) {
              synchronized (violations) {
                violations.add(line);
              }
            } else if (!line.isEmpty()) {
              // A line cut by the kill is possible only as the very last line; anything else is a bug.
              synchronized (garbage) {
                garbage.add(line);
              }
            }
          }
        } catch (IOException | NumberFormatException e) {
          // The pipe closes when the child dies; a cut last line may not parse.
        }
      });
      try {
        if (!ready.await(120, TimeUnit.SECONDS)) {
          fail("child did not start: " + readQuietly(err));
        }
        // One writer per session across processes (D5): the child holds the OS lock.
        JournalLockedException locked = assertThrows(JournalLockedException.class,
            () -> DurableSessions.open(dir, id, DurabilityPolicy.GROUP_COMMIT, Agents.builder(Agents.answering())));
        assertTrue(locked.getMessage().contains("another process"), locked.getMessage());

        int target = 1 + r.nextInt(400);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acksThisRun.get() < target && child.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        assertTrue(child.isAlive(), () -> "child died by itself: " + readQuietly(err));
        Thread.sleep(r.nextInt(15));
      } finally {
        child.destroyForcibly();
        child.waitFor();
        reader.join(TimeUnit.SECONDS.toMillis(30));
      }
      int acksBeforeKill = acksThisRun.get();
      assertTrue(acksBeforeKill >= 1, "the child acknowledged events before the kill (no vacuous pass)");
      assertTrue(violations.isEmpty(), () -> "the child's model received invalid requests: " + violations);
      assertTrue(garbage.size() <= 1, "unexpected child output " + garbage);
      totalAcks += acksBeforeKill;

      // Where the kill landed, read without changing the journal (the doctor's API).
      JournalSalvage.Diagnosis atKill = JournalSalvage.diagnose(journal, TestEvents.TARGET, TestEvents.LIMITS);
      assertFalse(atKill.scan().corrupted(), () -> "a kill can only tear the tail: " + atKill.scan().damage());
      phases.merge(atKill.state().phase() + (atKill.state().turn().flatMap(t -> t.step())
          .exists(st -> st.openSlots().exists(sl -> sl.started())) ? " (a tool had started)" : ""), 1, Integer::sum);

      // Recover through the same API the child used; the parent's model must never be called.
      Agents.ScriptedModel parentModel = Agents.answering();
      SessionState first;
      try (DurableSession ds = DurableSessions.open(dir, id, DurabilityPolicy.GROUP_COMMIT, Agents.builder(parentModel))) {
        first = ds.session().snapshot();
        Journals.assertValid(first);
        assertTrue(first.turn().isEmpty() && !first.compacting(), "recovery closed the turn and dropped a compaction");
        assertEquals(io.vavr.collection.List.empty(), Agents.projectedViolations(first),
            "projected requests of the recovered session are valid openai-chat requests");
        recoveredAppended += ds.report().recoveredSeq().isDefined() ? 1 : 0;
        tornBytes += ds.report().bytesTruncated();
        tornTails += ds.report().tornTail().isDefined() ? 1 : 0;
      }
      assertEquals(0, parentModel.received.get(), "recovery never re-sends a model request (D4)");
      JournalScan scan = JournalScan.of(journal, Files.readAllBytes(journal), false);
      assertTrue(scan.damage().isEmpty(), "recovery left a clean journal: " + scan.damage());
      maxRecords = Math.max(maxRecords, scan.records().size());
      Map<Long, JournalScan.Record> bySeq = new java.util.HashMap<>();
      scan.records().forEach(rec -> bySeq.put(rec.seq(), rec));
      for (Map.Entry<Long, Long> a : acked.entrySet()) {
        JournalScan.Record rec = bySeq.get(a.getKey());
        assertTrue(rec != null, "acknowledged seq " + a.getKey() + " lost (journal has " + scan.records().size() + ")");
        assertEquals(a.getValue().longValue(), CrashChild.crc(rec.event()), "acknowledged seq " + a.getKey() + " changed");
      }
      long recoveredRecords = scan.records().count(rec -> rec.event() instanceof Event.Recovered);
      // Replay determinism across processes (D3) and exactly-once closing (D4): recovering again changes nothing.
      try (DurableSession again = DurableSessions.open(dir, id, DurabilityPolicy.GROUP_COMMIT, Agents.builder(Agents.answering()))) {
        assertEquals(first, again.session().snapshot());
        assertTrue(again.report().recoveredSeq().isEmpty(), "Recovered is written at most once");
        assertFalse(again.report().repaired());
      }
      assertEquals(recoveredRecords, JournalScan.of(journal, Files.readAllBytes(journal), false).records()
          .count(rec -> rec.event() instanceof Event.Recovered), "no second Recovered record");
    }
    System.out.printf("KillTest: %d kills of a real session, %d acknowledged events checked, %d torn tails (%d bytes) "
        + "cut, %d Recovered records appended by the parent, longest journal %d records; phase at the kill: %s%n",
        KILLS, totalAcks, tornTails, tornBytes, recoveredAppended, maxRecords, phases);
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "(" + e + ")";
    }
  }
}
