package dev.lockstep.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer guarantee (rule D5): an exclusive OS lock on {@code <journal>.lock}, held for as long
 * as the journal is open and released by the OS when the process dies (so a SIGKILL never leaves a
 * stale lock). The lock file is never deleted: deleting it would let two writers lock two different
 * files.
 *
 * <p>Design note: POSIX record locks belong to the process, and closing <em>any</em> descriptor of
 * the file releases them (the {@link FileLock} Javadoc warns about this). A second opener in the same
 * JVM must therefore be refused before it opens the lock file at all; a static registry of held lock
 * files (by real path) does that, and the OS lock covers other processes.
 */
final class SessionLock implements AutoCloseable {
  private static final ConcurrentHashMap<Path, Boolean> HELD = new ConcurrentHashMap<>();

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private SessionLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file that guards {@code journal}. */
  static Path lockFileOf(Path journal) {
    return journal.resolveSibling(journal.getFileName() + ".lock");
  }

  /** Takes the lock of {@code journal} or throws {@link JournalLockedException} at once. */
  static SessionLock acquire(Path journal) throws IOException {
    Path lockFile = lockFileOf(journal);
    try {
      Files.createFile(lockFile);
    } catch (FileAlreadyExistsException e) {
      // Fine: lock files are permanent.
    }
    Path key = lockFile.toRealPath();
    if (HELD.putIfAbsent(key, Boolean.TRUE) != null) {
      throw new JournalLockedException(journal,
          "journal is already open by another writer in this JVM (lock file " + lockFile + "); one writer per session (D5)");
    }
    FileChannel ch = null;
    try {
      ch = FileChannel.open(lockFile, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        throw new JournalLockedException(journal,
            "journal is locked by another process (lock file " + lockFile + "); one writer per session (D5)");
      }
      return new SessionLock(key, ch, l);
    } catch (IOException | RuntimeException e) {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      HELD.remove(key);
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      HELD.remove(key);
    }
  }
}
