package dev.lockstep.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
 * Rules D1, D5, D6 against a real process death: a child JVM ({@link CrashChild}) runs a busy session
 * on a journal and is killed with SIGKILL ({@code destroyForcibly}) at random moments. After every kill
 * the session recovers, every event the child acknowledged is in the journal byte for byte, and the
 * recovered state is valid. The number of kills is {@code -Dlockstep.crash.kills} (5 by default; the
 * {@code crash} Maven profile runs many more). SIGKILL keeps the OS page cache, so it exercises torn
 * writes and recovery, not a lost fsync: that is {@link JournalDurabilityTest}'s simulated power loss.
 */
class KillTest {
  private static final int KILLS = Integer.getInteger("lockstep.crash.kills", 5);
  private static final long SEED = Long.getLong("lockstep.crash.seed", 20261124L);
  private static final int KILLS_PER_JOURNAL = 10;

  @TempDir Path dir;

  @Test
  void sigkillAtRandomMoments_losesNoAcknowledgedEvent_andTheSessionAlwaysRecovers() throws Exception {
    Random r = new Random(SEED);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Map<Long, Long> acked = new ConcurrentHashMap<>();
    long totalAcks = 0;
    long recoveredAppended = 0;
    long tornBytes = 0;
    long tornTails = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      if (kill % KILLS_PER_JOURNAL == 0) {
        acked.clear(); // a fresh journal, so recovery time stays bounded in long runs
      }
      Path journal = dir.resolve("session-" + (kill / KILLS_PER_JOURNAL) + ".lsj");
      DurabilityPolicy policy = kill % 2 == 0 ? DurabilityPolicy.FSYNC_EACH : DurabilityPolicy.GROUP_COMMIT;
      Path err = dir.resolve("child-" + kill + ".err");
      Process child = new ProcessBuilder(java, "-cp", cp, CrashChild.class.getName(), journal.toString(),
          policy.name(), Long.toString(r.nextLong()))
          .redirectError(err.toFile())
          .start();
      CountDownLatch ready = new CountDownLatch(1);
      AtomicInteger acksThisRun = new AtomicInteger();
      List<String> garbage = new ArrayList<>();
      Thread reader = Thread.ofPlatform().daemon().start(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            String[] f = line.split(" ");
            if (f.length == 2 && f[0].equals("READY")) {
              ready.countDown();
            } else if (f.length == 3 && f[0].equals("ACK")) {
              acked.put(Long.parseLong(f[1]), Long.parseLong(f[2]));
              acksThisRun.incrementAndGet();
            } else if (!line.isEmpty()) {
              // A line cut by the kill is possible only as the very last line; anything else is a bug.
              synchronized (garbage) {
                garbage.add(line);
              }
            }
          }
        } catch (IOException e) {
          // The pipe closes when the child dies.
        }
      });
      try {
        if (!ready.await(120, TimeUnit.SECONDS)) {
          fail("child did not start: " + Files.readString(err));
        }
        // One writer per session across processes (D5): the child holds the OS lock.
        JournalLockedException locked = assertThrows(JournalLockedException.class,
            () -> Journals.open(journal, DurabilityPolicy.GROUP_COMMIT));
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
      assertTrue(acksThisRun.get() >= 1, "the child acknowledged events before the kill (no vacuous pass)");
      assertTrue(garbage.size() <= 1, "unexpected child output " + garbage);
      totalAcks += acksThisRun.get();

      SessionState first;
      try (RecoveredSession rs = Journals.open(journal, DurabilityPolicy.GROUP_COMMIT)) {
        Journals.assertValid(rs.state());
        first = rs.state();
        recoveredAppended += rs.report().recoveredSeq().isDefined() ? 1 : 0;
        tornBytes += rs.report().bytesTruncated();
        tornTails += rs.report().tornTail().isDefined() ? 1 : 0;
      }
      JournalScan scan = JournalScan.of(journal, Files.readAllBytes(journal), false);
      assertTrue(scan.damage().isEmpty(), "recovery left a clean journal: " + scan.damage());
      Map<Long, JournalScan.Record> bySeq = new java.util.HashMap<>();
      scan.records().forEach(rec -> bySeq.put(rec.seq(), rec));
      for (Map.Entry<Long, Long> a : acked.entrySet()) {
        JournalScan.Record rec = bySeq.get(a.getKey());
        assertTrue(rec != null, "acknowledged seq " + a.getKey() + " lost (journal has " + scan.records().size() + ")");
        assertEquals(a.getValue().longValue(), CrashChild.crc(rec.event()), "acknowledged seq " + a.getKey() + " changed");
      }
      // Replay determinism across processes: recovering again gives the same state (D3).
      try (RecoveredSession again = Journals.open(journal, DurabilityPolicy.GROUP_COMMIT)) {
        assertEquals(first, again.state());
        assertTrue(again.report().recoveredSeq().isEmpty(), "Recovered is written at most once");
      }
    }
    System.out.printf("KillTest: %d kills, %d acknowledged events checked, %d torn tails (%d bytes) cut, "
        + "%d Recovered records appended by the parent%n", KILLS, totalAcks, tornTails, tornBytes, recoveredAppended);
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "(" + e + ")";
    }
  }
}
