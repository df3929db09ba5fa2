package dev.lockstep.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.SessionState;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules D2, D3 with the pipelined recovery ({@link ScanAndFold}): scanning on one thread while folding
 * on another gives exactly the scan and the state of scanning, then folding, on one thread — for whole
 * journals, torn tails and corruption — and a failing fold stops the scanning thread.
 */
class ScanAndFoldTest {
  @TempDir Path dir;
  Path journal;
  Vector<Event> events;
  byte[] bytes;

  @BeforeEach
  void write() throws IOException {
    journal = dir.resolve("big.lsj");
    events = TestEvents.busyRun(7, 6_000);
    Journals.write(journal, events, 3);
    bytes = Files.readAllBytes(journal);
  }

  /** The single-threaded reference: scan, then fold every record. */
  private ScanAndFold.Result inline(byte[] b) throws IOException {
    return ScanAndFold.run(journal, b, TestEvents.initial(), ScanAndFold::fold, Integer.MAX_VALUE, 1024, 16);
  }

  private ScanAndFold.Result pipelined(byte[] b) throws IOException {
    return ScanAndFold.run(journal, b, TestEvents.initial(), ScanAndFold::fold, 0, 100, 4);
  }

  @Test
  void wholeJournal_pipelineGivesTheSameScanAndState() throws IOException {
    ScanAndFold.Result a = inline(bytes);
    ScanAndFold.Result b = pipelined(bytes);
    assertEquals(events.size(), b.scan().records().size());
    assertEquals(a.scan(), b.scan());
    assertEquals(a.state(), b.state());
    assertEquals(Journals.fold(events), b.state(), "the fold of every journaled event (D3)");
  }

  @Test
  void tornTailsAndCorruption_pipelineGivesTheSameScanAndState() throws IOException {
    JournalScan golden = JournalScan.of(journal, bytes, false);
    int[] cuts = {bytes.length - 1, bytes.length - 7, (int) golden.records().get(4_000).offset() + 3};
    for (int cut : cuts) {
      byte[] torn = java.util.Arrays.copyOf(bytes, cut);
      ScanAndFold.Result a = inline(torn);
      ScanAndFold.Result b = pipelined(torn);
      assertEquals(a.scan(), b.scan(), "cut at " + cut);
      assertEquals(a.state(), b.state(), "cut at " + cut);
      assertTrue(b.scan().damage().isDefined());
    }
    // Flip one payload byte in the middle: corruption (valid records follow), same report both ways.
    byte[] flipped = bytes.clone();
    JournalScan.Record mid = golden.records().get(3_000);
    flipped[(int) mid.offset() + JournalFormat.RECORD_HEAD + 2] ^= 0x10;
    ScanAndFold.Result a = inline(flipped);
    ScanAndFold.Result b = pipelined(flipped);
    assertTrue(b.scan().corrupted());
    assertEquals(a.scan(), b.scan());
    assertEquals(a.state(), b.state());
  }

  @Test
  void largeJournalRecovery_usesThePipeline_andMatchesTheFold() throws IOException {
    assertTrue(bytes.length >= ScanAndFold.PIPELINE_MIN_BYTES, "the fixture must exceed the pipeline threshold: " + bytes.length);
    try (RecoveredSession rs = Journals.open(journal, DurabilityPolicy.NONE)) {
      assertEquals(events.size(), rs.report().recordsRead());
      assertEquals(Journals.resumed(Journals.fold(events)), rs.state());
    }
  }

  @Test
  void foldFailure_isReported_andTheScanningThreadStops() throws Exception {
    // Small chunks and a two-chunk queue: the scan is far ahead and blocked on a full queue when the fold fails.
    AtomicLong folded = new AtomicLong();
    ScanAndFold.Step failing = (path, s, seq, e) -> {
      if (folded.incrementAndGet() == 1_500) {
        throw new JournalException(path, "seeded reducer failure at seq " + seq);
      }
      return s;
    };
    JournalException e = assertThrows(JournalException.class,
        () -> ScanAndFold.run(journal, bytes, TestEvents.initial(), failing, 0, 16, 2));
    assertTrue(e.getMessage().contains("seeded reducer failure"), e.getMessage());
    awaitNoScanRunning();
  }

  @Test
  void notAJournal_isRethrownFromTheScanningThread() throws Exception {
    byte[] junk = new byte[ScanAndFold.PIPELINE_MIN_BYTES + 10];
    java.util.Arrays.fill(junk, (byte) 'x');
    assertThrows(JournalFormatException.class, () -> pipelined(junk));
    awaitNoScanRunning();
  }

  @Test
  void interruptedCaller_getsInterruptedIOException_andTheScanStops() throws Exception {
    ScanAndFold.Step slow = (path, s, seq, e) -> {
      if (seq == 100) {
        Thread.currentThread().interrupt(); // the caller is interrupted while folding
      }
      return s;
    };
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
    Thread t = Thread.ofPlatform().start(() -> {
      try {
        ScanAndFold.run(journal, bytes, TestEvents.initial(), slow, 0, 16, 2);
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    t.join(TimeUnit.SECONDS.toMillis(30));
    assertTrue(thrown.get() instanceof java.io.InterruptedIOException, () -> "got " + thrown.get());
    awaitNoScanRunning();
  }

  private static void awaitNoScanRunning() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (ScanAndFold.RUNNING_SCANS.get() != 0) {
      assertTrue(System.nanoTime() < deadline, "a scanning thread is still running after the pipeline gave up");
      Thread.sleep(5);
    }
  }
}
