package dev.lockstep.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * An in-memory file that remembers what a power loss would keep: bytes are durable only once {@link
 * JournalChannel#force()} has been called after they were written. {@link #powerLoss} returns the file
 * as a machine that lost power would find it: the durable bytes plus a random prefix of the bytes
 * appended since (the kernel may have written some of them back on its own). Also injects failures:
 * writes fail with "No space left on device" beyond a byte budget, and force can be made to fail.
 */
final class SimulatedDisk implements JournalChannel.Factory {
  private byte[] current;
  private byte[] durable;
  private long writeBudget = Long.MAX_VALUE;
  private int forcesUntilFailure = Integer.MAX_VALUE;
  int forces;

  SimulatedDisk(byte[] initial) {
    this.current = initial.clone();
    this.durable = initial.clone();
  }

  SimulatedDisk() {
    this(new byte[0]);
  }

  /** Every write beyond {@code bytes} more bytes fails (the bytes up to the limit are written). */
  SimulatedDisk failWritesAfter(long bytes) {
    this.writeBudget = bytes;
    return this;
  }

  /** The {@code n}-th force from now (1 = the next) throws, and so does every later one. */
  SimulatedDisk failForce(int n) {
    this.forcesUntilFailure = n;
    return this;
  }

  byte[] content() {
    return current.clone();
  }

  /** The file after a power loss now. */
  synchronized byte[] powerLoss(Random r) {
    boolean appendOnly = current.length >= durable.length
        && Arrays.equals(current, 0, durable.length, durable, 0, durable.length);
    if (!appendOnly) {
      return durable.clone();
    }
    int extra = r.nextInt(current.length - durable.length + 1);
    return Arrays.copyOf(current, durable.length + extra);
  }

  @Override
  public JournalChannel open(Path path) {
    return new JournalChannel() {
      @Override
      public long size() {
        synchronized (SimulatedDisk.this) {
          return current.length;
        }
      }

      @Override
      public int read(ByteBuffer dst, long position) {
        synchronized (SimulatedDisk.this) {
          if (position >= current.length) {
            return -1;
          }
          int n = (int) Math.min(dst.remaining(), current.length - position);
          dst.put(current, (int) position, n);
          return n;
        }
      }

      @Override
      public int write(ByteBuffer src, long position) throws IOException {
        synchronized (SimulatedDisk.this) {
          if (writeBudget <= 0) {
            throw new IOException("No space left on device");
          }
          int n = (int) Math.min(src.remaining(), writeBudget);
          writeBudget -= n;
          long end = position + n;
          if (end > current.length) {
            current = Arrays.copyOf(current, (int) end);
          }
          src.get(current, (int) position, n);
          return n;
        }
      }

      @Override
      public void force() throws IOException {
        synchronized (SimulatedDisk.this) {
          forces++;
          if (--forcesUntilFailure <= 0) {
            throw new IOException("Input/output error (simulated fsync failure)");
          }
          durable = current.clone();
        }
      }

      @Override
      public void truncate(long size) {
        synchronized (SimulatedDisk.this) {
          if (size < current.length) {
            current = Arrays.copyOf(current, (int) size);
          }
        }
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void syncDirectory(Path dir) {}
}
