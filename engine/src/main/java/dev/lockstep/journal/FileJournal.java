package dev.lockstep.journal;

import dev.lockstep.machine.Event;
import dev.lockstep.runtime.Durability;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead journal of one session (rules D1, D2, D5, D6), the file-backed {@link Durability}.
 * Obtain one from {@link JournalRecovery#recover}, which takes the session's lock, recovers the journal
 * and leaves this object positioned after the last valid record.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>{@link #persist} returns only once every record of the batch is written and, under {@link
 *       DurabilityPolicy#FSYNC_EACH} and {@link DurabilityPolicy#GROUP_COMMIT}, forced to the device.
 *   <li>Sequence numbers are contiguous: {@code persist(firstSeq, …)} must continue exactly where the
 *       previous batch ended ({@link #nextSeq()}), otherwise it throws before writing anything.
 *   <li>Any failed write or force stops the journal for good (D6): that call and every later one throw
 *       {@link JournalFailedException}; the force is never retried (after a failed fsync the kernel may
 *       have dropped the dirty pages, so a retry could "succeed" without the data). Bytes of a failed
 *       batch may or may not be on disk; the batch was not acknowledged, and the next open treats a
 *       partial record as a torn tail.
 *   <li>Exactly one writer per session: the lock taken by recovery is held until {@link #close()}.
 * </ul>
 *
 * <p>Concurrency: the session actor is the only caller of {@link #persist}; the methods are
 * synchronized anyway, so misuse serializes instead of interleaving records.
 */
public final class FileJournal implements Durability {
  private static final Logger LOG = LoggerFactory.getLogger(FileJournal.class);

  private final Path path;
  private final DurabilityPolicy policy;
  private final JournalChannel channel;
  private final SessionLock lock;
  private long nextSeq;
  private long end;
  private Option<Throwable> failure = Option.none();
  private boolean closed;

  FileJournal(Path path, DurabilityPolicy policy, JournalChannel channel, SessionLock lock, long nextSeq, long end) {
    this.path = Objects.requireNonNull(path, "path");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.lock = Objects.requireNonNull(lock, "lock");
    this.nextSeq = nextSeq;
    this.end = end;
  }

  @Override
  public synchronized void persist(long firstSeq, Vector<Event> events) throws IOException {
    if (closed) {
      throw new JournalException(path, "journal is closed");
    }
    if (failure.isDefined()) {
      throw new JournalFailedException(path, "journal stopped after an earlier write or force failure; "
          + "restart the session to recover from disk", failure.get());
    }
    if (firstSeq != nextSeq) {
      throw new IllegalArgumentException("persist(" + firstSeq + ", …) but the journal continues at seq " + nextSeq);
    }
    if (events.isEmpty()) {
      return;
    }
    byte[][] frames = new byte[events.size()][];
    int total = 0;
    for (int i = 0; i < frames.length; i++) {
      frames[i] = JournalFormat.record(firstSeq + i, EventCodec.encode(events.get(i)));
      total += frames[i].length;
    }
    long at = end;
    try {
      switch (policy) {
        case FSYNC_EACH -> {
          for (byte[] f : frames) {
            writeFully(ByteBuffer.wrap(f), at);
            at += f.length;
            channel.force();
          }
        }
        case GROUP_COMMIT, NONE -> {
          ByteBuffer all = ByteBuffer.allocate(total);
          for (byte[] f : frames) {
            all.put(f);
          }
          writeFully(all.flip(), at);
          at += total;
          if (policy == DurabilityPolicy.GROUP_COMMIT) {
            channel.force();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      failure = Option.some(e);
      LOG.error("journal {}: write or force failed at seq {}..{}; the session stops (D6)", path, firstSeq,
          firstSeq + frames.length - 1, e);
      throw new JournalFailedException(path, "write or force failed for seq " + firstSeq + ".."
          + (firstSeq + frames.length - 1) + " (" + e + "); the journal is stopped and nothing of this batch "
          + "was acknowledged", e);
    }
    end = at;
    nextSeq = firstSeq + frames.length;
  }

  private void writeFully(ByteBuffer b, long at) throws IOException {
    long pos = at;
    while (b.hasRemaining()) {
      int w = channel.write(b, pos);
      if (w < 0) {
        throw new IOException("write returned " + w);
      }
      pos += w;
    }
  }

  /** The journal file. */
  public Path path() {
    return path;
  }

  /** The policy chosen at open. */
  public DurabilityPolicy policy() {
    return policy;
  }

  /** The sequence number the next {@link #persist} must start with. */
  public synchronized long nextSeq() {
    return nextSeq;
  }

  /** Byte offset where the next record goes. */
  public synchronized long endOffset() {
    return end;
  }

  /** The failure that stopped this journal, if any (D6). */
  public synchronized Option<Throwable> failure() {
    return failure;
  }

  /** Closes the file and releases the session's lock. Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.close();
    } finally {
      lock.close();
    }
  }
}
