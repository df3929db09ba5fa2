package dev.lockstep.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The byte layout of a journal file (rule D2), documented in {@code docs/journal.md}. All integers are
 * big-endian.
 *
 * <pre>
 * header (16 bytes):  magic "LSJOURNL" (8) | format version u16 | reserved u16 (0) | crc32c u32 of bytes 0..11
 * record (17 + L):    length L u32 | crc32c u32 | type u8 | seq u64 | payload (L bytes)
 *                     crc32c covers the length (bytes 0..3) and type, seq, payload (bytes 8..16+L)
 * </pre>
 *
 * <p>Type 1 is an event whose payload is {@link EventCodec} JSON. Sequence numbers start at 1 and grow
 * by exactly one per record. Payloads are 1 byte to {@link #MAX_PAYLOAD} bytes.
 */
public final class JournalFormat {
  /** The eight magic bytes at offset 0. */
  public static final byte[] MAGIC = "LSJOURNL".getBytes(StandardCharsets.US_ASCII);
  /** The format version this build writes and the newest it reads. */
  public static final int FORMAT_VERSION = 1;
  /** Size of the file header. */
  public static final int HEADER_SIZE = 16;
  /** Size of a record's fixed part (length, crc, type, seq). */
  public static final int RECORD_HEAD = 17;
  /** Largest payload accepted (16 MiB); anything larger is treated as damage, not allocated. */
  public static final int MAX_PAYLOAD = 16 * 1024 * 1024;
  /** Record type: one event. */
  public static final byte TYPE_EVENT = 1;
  /** Sequence number of the first record of a journal. */
  public static final long FIRST_SEQ = 1;

  private JournalFormat() {}

  /** The header this build writes. */
  public static byte[] header() {
    ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
    b.put(MAGIC).putShort((short) FORMAT_VERSION).putShort((short) 0);
    b.putInt(crc(b.array(), 0, 12));
    return b.array();
  }

  /** One framed record. */
  public static byte[] record(long seq, byte[] payload) {
    if (payload.length < 1 || payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("payload of " + payload.length + " bytes (allowed 1.." + MAX_PAYLOAD + ")");
    }
    ByteBuffer b = ByteBuffer.allocate(RECORD_HEAD + payload.length);
    b.putInt(payload.length).putInt(0).put(TYPE_EVENT).putLong(seq).put(payload);
    byte[] a = b.array();
    ByteBuffer.wrap(a).putInt(4, recordCrc(a, 0, payload.length));
    return a;
  }

  /** The checksum of the record starting at {@code at} in {@code a} whose payload is {@code len} bytes. */
  static int recordCrc(byte[] a, int at, int len) {
    CRC32C c = new CRC32C();
    c.update(a, at, 4);
    c.update(a, at + 8, RECORD_HEAD - 8 + len);
    return (int) c.getValue();
  }

  static int crc(byte[] a, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(a, off, len);
    return (int) c.getValue();
  }
}
