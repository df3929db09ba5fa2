package dev.lockstep.journal;

import dev.lockstep.machine.Event;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * What a journal file contains: its longest valid prefix of records and, if the file does not end
 * there, what the first damage is (rule D2). Computed from the file's bytes by {@link #of}, a pure
 * function that never throws anything but {@link JournalFormatException} (not a journal at all).
 *
 * @param headerValid false when the file is empty or its creation was interrupted (a short or zero
 *     header); such a file holds no records and is re-initialized by the next open
 * @param records the valid prefix, decoded
 * @param validEnd byte offset just after the last valid record (the header's end when none)
 * @param fileSize the file's size
 * @param damage the first damage, if the valid prefix does not reach the end of the file
 */
public record JournalScan(
    boolean headerValid, Vector<Record> records, long validEnd, long fileSize, Option<Damage> damage) {

  /** One valid record. {@code size} counts its head and payload. */
  public record Record(long seq, long offset, int size, Event event) {}

  /** How a file ends when it does not end right after a valid record. */
  public enum DamageKind {
    /** Only the tail is bad (nothing valid follows): an interrupted append. Truncated on open. */
    TORN_TAIL,
    /** Damage with valid records after it, a damaged header, or an unusable valid record. Refused. */
    CORRUPTION
  }

  /** The first damage: where, what, and (for corruption) where valid records resume. */
  public record Damage(DamageKind kind, long offset, String reason, Option<Long> validRecordAt) {}

  /** The sequence number the next record must carry. */
  public long nextSeq() {
    return records.isEmpty() ? JournalFormat.FIRST_SEQ : records.last().seq() + 1;
  }

  /** True when the file is damaged in a way that refuses an open. */
  public boolean corrupted() {
    return damage.exists(d -> d.kind() == DamageKind.CORRUPTION);
  }

  /**
   * Scans {@code a}, the whole content of the journal at {@code path} (named in errors only). With
   * {@code ignoreHeaderChecksum} (salvage) a header with a bad checksum is read past.
   */
  public static JournalScan of(Path path, byte[] a, boolean ignoreHeaderChecksum) throws JournalFormatException {
    return of(path, a, ignoreHeaderChecksum, r -> {});
  }

  /**
   * {@link #of(Path, byte[], boolean)}, handing every record of the valid prefix to {@code onRecord}
   * as soon as it is decoded, in order (recovery folds them while the scan goes on). Records handed
   * over are final: damage found later never takes back a record before it.
   */
  public static JournalScan of(Path path, byte[] a, boolean ignoreHeaderChecksum, Consumer<Record> onRecord)
      throws JournalFormatException {
    int n = a.length;
    byte[] header = JournalFormat.header();
    if (n < JournalFormat.HEADER_SIZE) {
      if (n == 0) {
        return new JournalScan(false, Vector.empty(), 0, 0, Option.none());
      }
      if (allZero(a, 0, n) || Arrays.equals(a, 0, Math.min(n, 8), JournalFormat.MAGIC, 0, Math.min(n, 8))) {
        return new JournalScan(false, Vector.empty(), 0, n, Option.some(new Damage(
            DamageKind.TORN_TAIL, 0, "file shorter than its header (creation was interrupted)", Option.none())));
      }
      throw new JournalFormatException(path, "not a Lockstep journal (bad magic)");
    }
    if (allZero(a, 0, n)) {
      return new JournalScan(false, Vector.empty(), 0, n, Option.some(new Damage(
          DamageKind.TORN_TAIL, 0, "file holds only zeros (creation was interrupted)", Option.none())));
    }
    int magicDiff = 0;
    for (int i = 0; i < 8; i++) {
      magicDiff += a[i] != JournalFormat.MAGIC[i] ? 1 : 0;
    }
    if (magicDiff > 2) {
      throw new JournalFormatException(path, "not a Lockstep journal (bad magic)");
    }
    ByteBuffer b = ByteBuffer.wrap(a);
    boolean headerCrcOk = b.getInt(12) == JournalFormat.crc(a, 0, 12);
    int version = Short.toUnsignedInt(b.getShort(8));
    if (headerCrcOk && magicDiff == 0 && (version < 1 || version > JournalFormat.FORMAT_VERSION)) {
      throw new JournalFormatException(path, "journal format version " + version
          + " is not supported (this build reads 1.." + JournalFormat.FORMAT_VERSION + ")");
    }
    if ((!headerCrcOk || magicDiff > 0) && !ignoreHeaderChecksum) {
      return new JournalScan(true, Vector.empty(), JournalFormat.HEADER_SIZE, n, Option.some(new Damage(
          DamageKind.CORRUPTION, 0, "header damaged (magic or checksum mismatch)", Option.none())));
    }

    // Collected in a Java list and turned into one Vector per scan (Vector.append per record is slow).
    ArrayList<Record> records = new ArrayList<>();
    int pos = JournalFormat.HEADER_SIZE;
    long expect = JournalFormat.FIRST_SEQ;
    while (pos < n) {
      String bad = frameProblem(a, pos);
      if (bad != null) {
        long resume = findFrame(a, pos + 1, expect);
        Damage d = resume < 0
            ? new Damage(DamageKind.TORN_TAIL, pos, bad + " (nothing valid follows: torn tail)", Option.none())
            : new Damage(DamageKind.CORRUPTION, pos, bad + "; a valid record follows at offset " + resume, Option.some(resume));
        return new JournalScan(true, Vector.ofAll(records), pos, n, Option.some(d));
      }
      int len = b.getInt(pos);
      byte type = a[pos + 8];
      long seq = b.getLong(pos + 9);
      String unusable = null;
      Event event = null;
      if (type != JournalFormat.TYPE_EVENT) {
        unusable = "record type " + type + " is unknown (written by a newer version?)";
      } else if (seq != expect) {
        unusable = "sequence number " + seq + " where " + expect + " was expected";
      } else {
        try {
          event = EventCodec.decode(Arrays.copyOfRange(a, pos + JournalFormat.RECORD_HEAD, pos + JournalFormat.RECORD_HEAD + len));
        } catch (EventCodecException e) {
          unusable = "record seq " + seq + " has a valid checksum but cannot be decoded: " + e.getMessage();
        }
      }
      if (unusable != null) {
        return new JournalScan(true, Vector.ofAll(records), pos, n, Option.some(
            new Damage(DamageKind.CORRUPTION, pos, unusable, Option.none())));
      }
      int size = JournalFormat.RECORD_HEAD + len;
      Record record = new Record(seq, pos, size, event);
      records.add(record);
      onRecord.accept(record);
      pos += size;
      expect++;
    }
    return new JournalScan(true, Vector.ofAll(records), pos, n, Option.none());
  }

  /** Why the bytes at {@code pos} are not a whole record with a matching checksum; null when they are. */
  private static String frameProblem(byte[] a, int pos) {
    int n = a.length;
    if (n - pos < JournalFormat.RECORD_HEAD) {
      return "partial record head at offset " + pos + " (" + (n - pos) + " of " + JournalFormat.RECORD_HEAD + " bytes)";
    }
    int len = ByteBuffer.wrap(a).getInt(pos);
    if (len < 1 || len > JournalFormat.MAX_PAYLOAD) {
      return "impossible record length " + Integer.toUnsignedString(len) + " at offset " + pos;
    }
    if ((long) n - pos - JournalFormat.RECORD_HEAD < len) {
      return "partial record at offset " + pos + " (payload of " + len + " bytes, "
          + (n - pos - JournalFormat.RECORD_HEAD) + " present)";
    }
    if (ByteBuffer.wrap(a).getInt(pos + 4) != JournalFormat.recordCrc(a, pos, len)) {
      return "checksum mismatch in record at offset " + pos;
    }
    return null;
  }

  /**
   * The offset of the first whole, checksum-valid event record at or after {@code from} whose sequence
   * number is at least {@code minSeq} and plausible for the bytes left; -1 when there is none. Cheap
   * filters run before the checksum, so scanning a tail of garbage or zeros costs little.
   */
  private static long findFrame(byte[] a, int from, long minSeq) {
    ByteBuffer b = ByteBuffer.wrap(a);
    int n = a.length;
    long maxSeq = minSeq + (n - from) / (JournalFormat.RECORD_HEAD + 1) + 1;
    for (int p = from; p + JournalFormat.RECORD_HEAD < n; p++) {
      int len = b.getInt(p);
      if (len < 1 || len > JournalFormat.MAX_PAYLOAD || (long) n - p - JournalFormat.RECORD_HEAD < len) {
        continue;
      }
      if (a[p + 8] != JournalFormat.TYPE_EVENT) {
        continue;
      }
      long seq = b.getLong(p + 9);
      if (seq < minSeq || seq > maxSeq) {
        continue;
      }
      if (b.getInt(p + 4) == JournalFormat.recordCrc(a, p, len)) {
        return p;
      }
    }
    return -1;
  }

  private static boolean allZero(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
