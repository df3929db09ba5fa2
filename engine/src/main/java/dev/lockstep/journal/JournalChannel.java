package dev.lockstep.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The few file operations the journal needs, behind an interface so that tests can inject failures
 * (a full disk, a failing {@code force}) or simulate a power loss. Production code uses {@link
 * Factory#files()}, a thin layer over {@link FileChannel}. Positions are absolute; the journal tracks
 * its own end offset.
 */
public interface JournalChannel extends Closeable {

  /** Current size of the file in bytes. */
  long size() throws IOException;

  /** Reads into {@code dst} from {@code position}; returns the bytes read, -1 at end of file. */
  int read(ByteBuffer dst, long position) throws IOException;

  /** Writes {@code src} at {@code position}; returns the bytes written (possibly fewer than asked). */
  int write(ByteBuffer src, long position) throws IOException;

  /** Forces written data (and the metadata needed to read it back, such as the size) to the device. */
  void force() throws IOException;

  /** Cuts the file to {@code size} bytes. */
  void truncate(long size) throws IOException;

  /** Opens journal files. */
  interface Factory {
    /** Opens {@code path} for reading and writing, creating an empty file when it does not exist. */
    JournalChannel open(Path path) throws IOException;

    /**
     * Makes the creation or renaming of a file inside {@code dir} durable (fsync of the directory).
     * A new journal is not durable until its directory entry is.
     */
    void syncDirectory(Path dir) throws IOException;

    /** Real files through {@link FileChannel}; {@link #force()} is {@code force(false)} (fdatasync). */
    static Factory files() {
      return FileFactory.INSTANCE;
    }
  }

  /** The production factory. */
  final class FileFactory implements Factory {
    static final FileFactory INSTANCE = new FileFactory();

    private FileFactory() {}

    @Override
    public JournalChannel open(Path path) throws IOException {
      FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      return new OnFile(ch);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
      // Opening a directory for reading and forcing it is how the JDK exposes fsync(dirfd) on Linux and
      // macOS. On platforms that refuse to open directories (Windows) there is nothing to sync.
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      } catch (java.nio.file.AccessDeniedException | UnsupportedOperationException e) {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
          throw e;
        }
      }
    }
  }

  /** A {@link JournalChannel} over one {@link FileChannel}. */
  final class OnFile implements JournalChannel {
    private final FileChannel ch;

    OnFile(FileChannel ch) {
      this.ch = ch;
    }

    @Override
    public long size() throws IOException {
      return ch.size();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return ch.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      return ch.write(src, position);
    }

    @Override
    public void force() throws IOException {
      ch.force(false);
    }

    @Override
    public void truncate(long size) throws IOException {
      ch.truncate(size);
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }
}
