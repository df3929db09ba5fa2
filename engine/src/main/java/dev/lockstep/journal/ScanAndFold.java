package dev.lockstep.journal;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Scans a journal and folds the reducer over its valid prefix (rules D2, D3) — the CPU part of
 * recovery. The result is exactly {@code JournalScan.of(path, bytes, false)} and the fold of its
 * records from {@code initial}; only the schedule differs.
 *
 * <h2>Pipeline</h2>
 *
 * <p>Decoding (framing, CRC32C, JSON) and folding each cost about half of recovery, and neither
 * needs the other's thread. For a journal of at least {@value #PIPELINE_MIN_BYTES} bytes, a virtual
 * thread runs the scan and hands the decoded records, in chunks of {@value #CHUNK}, through a bounded
 * queue to the calling thread, which folds them as they come. A record handed over is final (damage
 * found later never takes back a record before it), so folding it before the scan ends gives the same
 * state. The queue holds at most {@value #QUEUE} chunks; the scan's own record list is kept either way
 * (it is the {@link JournalScan} result).
 *
 * <p>Failure: an exception in the scan (not a journal at all) is rethrown to the caller after the
 * chunks before it were folded; an exception in the fold (a reducer bug) or an interrupt of the caller
 * abandons the pipeline — the scanning thread sees the flag at its next hand-over and stops, so it
 * never stays blocked on a full queue. Smaller journals are scanned and folded on the caller's thread.
 */
final class ScanAndFold {
  /** Journals smaller than this are scanned and folded on the calling thread. */
  static final int PIPELINE_MIN_BYTES = 256 * 1024;

  static final int CHUNK = 1024;
  static final int QUEUE = 16;

  private static final JournalScan.Record[] END = new JournalScan.Record[0];

  /** The scan and the state folded from its records. */
  record Result(JournalScan scan, SessionState state) {}

  /** Scanning threads that have not finished yet (tests check none is left behind). */
  static final AtomicInteger RUNNING_SCANS = new AtomicInteger();

  private ScanAndFold() {}

  /** One fold step (the reducer; tests substitute a failing one). */
  @FunctionalInterface
  interface Step {
    SessionState apply(Path journal, SessionState s, long seq, Event event) throws JournalException;
  }

  static Result run(Path journal, byte[] bytes, SessionState initial) throws IOException {
    return run(journal, bytes, initial, ScanAndFold::fold, PIPELINE_MIN_BYTES, CHUNK, QUEUE);
  }

  /**
   * {@link #run(Path, byte[], SessionState)} with the fold step, the pipeline threshold, the chunk size
   * and the queue's capacity (in chunks) given.
   */
  static Result run(Path journal, byte[] bytes, SessionState initial, Step step, int pipelineMinBytes,
      int chunk, int queue) throws IOException {
    if (bytes.length < pipelineMinBytes) {
      JournalScan scan = JournalScan.of(journal, bytes, false);
      SessionState state = initial;
      for (JournalScan.Record r : scan.records()) {
        state = step.apply(journal, state, r.seq(), r.event());
      }
      return new Result(scan, state);
    }
    return new Pipeline(journal, bytes, step, chunk, queue).run(initial);
  }

  /** One reducer step of recovery; a reducer failure names the record (it is a bug). */
  static SessionState fold(Path journal, SessionState s, long seq, Event event) throws JournalException {
    try {
      return Reducer.decide(s, event).state();
    } catch (RuntimeException e) {
      throw new JournalException(journal, "the reducer failed on record seq " + seq + " (a bug, please report)", e);
    }
  }

  /** One pipelined scan-and-fold; used once. */
  private static final class Pipeline implements Consumer<JournalScan.Record> {
    private final Path journal;
    private final byte[] bytes;
    private final Step step;
    private final ArrayBlockingQueue<JournalScan.Record[]> chunks;
    private final int chunkSize;
    private final CompletableFuture<JournalScan> scanned = new CompletableFuture<>();
    /** Set by the folding side when it gives up; the scanning side then stops at its next hand-over. */
    private volatile boolean abandoned;
    // Scanning side only.
    private JournalScan.Record[] chunk;
    private int filled;

    Pipeline(Path journal, byte[] bytes, Step step, int chunkSize, int queue) {
      this.journal = journal;
      this.bytes = bytes;
      this.step = step;
      this.chunkSize = chunkSize;
      this.chunks = new ArrayBlockingQueue<>(queue);
      this.chunk = new JournalScan.Record[chunkSize];
    }

    Result run(SessionState initial) throws IOException {
      Thread.ofVirtual().name("lockstep-journal-scan").start(this::scan);
      SessionState state = initial;
      try {
        for (JournalScan.Record[] c = chunks.take(); c != END; c = chunks.take()) {
          for (JournalScan.Record r : c) {
            state = step.apply(journal, state, r.seq(), r.event());
          }
        }
      } catch (InterruptedException e) {
        abandoned = true;
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while recovering " + journal);
      } catch (IOException | RuntimeException | Error e) {
        abandoned = true;
        throw e;
      }
      try {
        return new Result(scanned.join(), state);
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw io;
        }
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new JournalException(journal, "scanning failed: " + cause, cause);
      }
    }

    /** The scanning thread. */
    private void scan() {
      RUNNING_SCANS.incrementAndGet();
      try {
        JournalScan scan = JournalScan.of(journal, bytes, false, this);
        if (filled > 0) {
          hand(Arrays.copyOf(chunk, filled));
        }
        scanned.complete(scan);
      } catch (Throwable t) {
        scanned.completeExceptionally(t);
      } finally {
        hand(END);
        RUNNING_SCANS.decrementAndGet();
      }
    }

    /** Called by the scan for each record, in order. */
    @Override
    public void accept(JournalScan.Record record) {
      chunk[filled++] = record;
      if (filled == chunkSize) {
        if (!hand(chunk)) {
          throw new CancellationException("recovery abandoned the scan");
        }
        chunk = new JournalScan.Record[chunkSize];
        filled = 0;
      }
    }

    /** Puts {@code c} on the queue; false when the folding side gave up. */
    private boolean hand(JournalScan.Record[] c) {
      try {
        while (!abandoned) {
          if (chunks.offer(c, 10, TimeUnit.MILLISECONDS)) {
            return true;
          }
        }
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
