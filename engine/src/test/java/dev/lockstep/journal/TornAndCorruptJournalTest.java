package dev.lockstep.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.SessionState;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule D2: longest valid prefix, torn tails cut and reported, corruption in the middle refused. */
class TornAndCorruptJournalTest {
  @TempDir Path dir;
  Path journal;
  Vector<Event> events;
  byte[] original;
  JournalScan golden;

  @BeforeEach
  void writeGolden() throws IOException {
    journal = dir.resolve("session.lsj");
    events = TestEvents.busyRun(42, 40);
    Journals.write(journal, events, 1);
    original = Files.readAllBytes(journal);
    golden = JournalScan.of(journal, original, false);
    assertEquals(events.size(), golden.records().size());
    assertEquals(events, golden.records().map(JournalScan.Record::event));
  }

  /** Recovers the journal after replacing it with {@code bytes}; closes it again. */
  private RecoveredSession recoverFrom(byte[] bytes) throws IOException {
    Files.write(journal, bytes);
    RecoveredSession rs = Journals.open(journal, DurabilityPolicy.GROUP_COMMIT);
    rs.close();
    // A torn tail is cut, not merely overwritten: the file now ends right after its last valid record.
    JournalScan after = JournalScan.of(journal, Files.readAllBytes(journal), false);
    assertTrue(after.damage().isEmpty(), () -> "garbage left in the file after recovery: " + after.damage());
    assertEquals(rs.journal().endOffset(), Files.size(journal));
    return rs;
  }

  private int recordsWithin(long cut) {
    return golden.records().count(r -> r.offset() + r.size() <= cut);
  }

  private void assertRecoveredPrefix(RecoveredSession rs, int kept) {
    SessionState expected = Journals.resumed(Journals.fold(events.take(kept)));
    assertEquals(kept, rs.report().recordsRead());
    assertEquals(expected, rs.state());
    Journals.assertValid(rs.state());
  }

  @Test
  void cutAtEveryByteOfTheLastRecord_recoversAllButTheLastRecord() throws IOException {
    JournalScan.Record last = golden.records().last();
    for (long cut = last.offset(); cut < original.length; cut++) {
      RecoveredSession rs = recoverFrom(Arrays.copyOf(original, (int) cut));
      assertRecoveredPrefix(rs, events.size() - 1);
      assertEquals(cut - last.offset(), rs.report().bytesTruncated(), "cut at " + cut);
      assertEquals(cut > last.offset(), rs.report().tornTail().isDefined(), "torn tail reported at cut " + cut);
    }
    // The uncut file recovers everything and reports nothing torn.
    RecoveredSession whole = recoverFrom(original);
    assertRecoveredPrefix(whole, events.size());
    assertEquals(0, whole.report().bytesTruncated());
  }

  @Test
  void cutAtRandomOffsets_recoversEveryCompleteRecord() throws IOException {
    Random r = new Random(99);
    for (int i = 0; i < 150; i++) {
      int cut = r.nextInt(original.length + 1);
      RecoveredSession rs = recoverFrom(Arrays.copyOf(original, cut));
      assertRecoveredPrefix(rs, recordsWithin(cut));
      if (cut < JournalFormat.HEADER_SIZE) {
        assertTrue(rs.report().created(), "a cut header is an interrupted creation");
      }
    }
  }

  @Test
  void tornTail_isCutBeforeTheNextAppend_andLaterAppendsRoundTrip() throws IOException {
    JournalScan.Record last = golden.records().last();
    Files.write(journal, Arrays.copyOf(original, (int) last.offset() + 5));
    Event extra = new Event.UserPrompt("after the tear");
    SessionState before;
    try (RecoveredSession rs = Journals.open(journal, DurabilityPolicy.GROUP_COMMIT)) {
      assertEquals(5, rs.report().bytesTruncated());
      before = rs.state();
      rs.journal().persist(rs.nextSeq(), Vector.of(extra));
    }
    JournalScan after = JournalScan.of(journal, Files.readAllBytes(journal), false);
    assertTrue(after.damage().isEmpty(), "no garbage left between records: " + after.damage());
    assertEquals(extra, after.records().last().event());
    try (RecoveredSession rs = Journals.open(journal, DurabilityPolicy.GROUP_COMMIT)) {
      assertEquals(Journals.resumed(dev.lockstep.machine.Reducer.decide(before, extra).state()), rs.state());
    }
  }

  @Test
  void trailingZeros_areTruncatedAndReported() throws IOException {
    byte[] padded = Arrays.copyOf(original, original.length + 4096);
    RecoveredSession rs = recoverFrom(padded);
    assertRecoveredPrefix(rs, events.size());
    assertEquals(4096, rs.report().bytesTruncated());
    assertTrue(rs.report().tornTail().isDefined());
    assertTrue(Files.size(journal) <= original.length + 64, "the zeros are gone, not just overwritten");
  }

  @Test
  void everySingleBitFlip_givesTheLongestValidPrefixOrACorruptionAtTheDamagedRecord() throws IOException {
    JournalScan.Record last = golden.records().last();
    int corruptions = 0;
    int torn = 0;
    for (int at = 0; at < original.length; at++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] b = original.clone();
        b[at] ^= (byte) (1 << bit);
        JournalScan s;
        try {
          s = JournalScan.of(journal, b, false);
        } catch (JournalFormatException e) {
          fail("a single flip at " + at + " made the file unrecognizable: " + e.getMessage());
          return;
        }
        assertTrue(s.damage().isDefined(), "flip at " + at + " bit " + bit + " undetected");
        JournalScan.Damage d = s.damage().get();
        if (at < JournalFormat.HEADER_SIZE) {
          assertEquals(JournalScan.DamageKind.CORRUPTION, d.kind());
          assertEquals(0, d.offset());
          corruptions++;
        } else if (at >= last.offset()) {
          assertEquals(JournalScan.DamageKind.TORN_TAIL, d.kind(), "flip in the last record at " + at);
          assertEquals(events.size() - 1, s.records().size());
          torn++;
        } else {
          final int pos = at;
          JournalScan.Record hit = golden.records().find(r -> r.offset() <= pos && pos < r.offset() + r.size()).get();
          assertEquals(JournalScan.DamageKind.CORRUPTION, d.kind(), "flip in the middle at " + at);
          assertEquals(hit.offset(), d.offset(), "corruption reported at the damaged record's offset");
          assertEquals(hit.seq() - 1, s.records().size(), "valid prefix kept");
          corruptions++;
        }
      }
    }
    assertTrue(corruptions > 0 && torn > 0);
  }

  @Test
  void randomBitFlips_neverOpenAnInvalidSession() throws IOException {
    Random r = new Random(1234);
    int refused = 0;
    int opened = 0;
    for (int i = 0; i < 120; i++) {
      byte[] b = original.clone();
      int flips = 1 + r.nextInt(3);
      for (int k = 0; k < flips; k++) {
        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
      }
      try {
        RecoveredSession rs = recoverFrom(b);
        int kept = (int) rs.report().recordsRead();
        assertRecoveredPrefix(rs, kept);
        opened++;
      } catch (JournalCorruptedException e) {
        assertTrue(e.getMessage().contains("byte offset " + e.offset()), e.getMessage());
        assertTrue(e.getMessage().contains(journal.toString()), "names the file");
        refused++;
      } catch (JournalFormatException e) {
        refused++;
      }
    }
    assertTrue(refused > 0 && opened > 0, "refused=" + refused + " opened=" + opened);
  }

  @Test
  void corruptionInTheMiddle_refusesWithItsOffset_andSalvageKeepsThePrefixAndTheOriginal() throws IOException {
    JournalScan.Record hit = golden.records().get(10);
    byte[] b = original.clone();
    b[(int) hit.offset() + JournalFormat.RECORD_HEAD + 2] ^= 0x20;
    Files.write(journal, b);
    JournalCorruptedException e = assertThrows(JournalCorruptedException.class,
        () -> Journals.open(journal, DurabilityPolicy.GROUP_COMMIT));
    assertEquals(hit.offset(), e.offset());
    assertTrue(e.getMessage().contains("salvage"), e.getMessage());
    assertArrayEquals(b, Files.readAllBytes(journal), "a refused open changes nothing");

    JournalSalvage.SalvageReport report = JournalSalvage.salvage(journal);
    assertTrue(report.changed());
    assertEquals(10, report.recordsKept());
    assertEquals(b.length - hit.offset(), report.bytesDropped());
    assertArrayEquals(b, Files.readAllBytes(report.damagedCopy().get()), "the damaged original is kept intact");
    try (RecoveredSession rs = Journals.open(journal, DurabilityPolicy.GROUP_COMMIT)) {
      assertRecoveredPrefix(rs, 10);
    }
    assertFalse(JournalSalvage.salvage(journal).changed(), "salvaging a sound journal does nothing");
  }

  @Test
  void damagedHeader_refuses_andSalvageRewritesIt() throws IOException {
    byte[] b = original.clone();
    b[13] ^= 1; // header checksum
    Files.write(journal, b);
    JournalCorruptedException e = assertThrows(JournalCorruptedException.class,
        () -> Journals.open(journal, DurabilityPolicy.GROUP_COMMIT));
    assertEquals(0, e.offset());
    assertEquals(events.size(), JournalSalvage.salvage(journal).recordsKept());
    try (RecoveredSession rs = Journals.open(journal, DurabilityPolicy.GROUP_COMMIT)) {
      assertRecoveredPrefix(rs, events.size());
    }
  }

  @Test
  void notAJournal_orANewerFormat_isRefusedUntouched() throws IOException {
    byte[] text = "{\"role\":\"user\",\"content\":\"hello\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Files.write(journal, text);
    assertTrue(assertThrows(JournalFormatException.class, () -> Journals.open(journal, DurabilityPolicy.NONE))
        .getMessage().contains("not a Lockstep journal"));
    assertArrayEquals(text, Files.readAllBytes(journal));

    byte[] v2 = original.clone();
    ByteBuffer.wrap(v2).putShort(8, (short) 2).putInt(12, JournalFormat.crc(v2, 0, 12));
    Files.write(journal, v2);
    assertTrue(assertThrows(JournalFormatException.class, () -> Journals.open(journal, DurabilityPolicy.NONE))
        .getMessage().contains("version 2"));
  }

  @Test
  void undecodableRecordWithValidChecksum_isCorruptionNotATornTail() throws IOException {
    // The last record, rewritten with a payload of a future codec version and a correct checksum.
    JournalScan.Record last = golden.records().last();
    byte[] future = JournalFormat.record(last.seq(), "{\"v\":9,\"type\":\"hologram\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] b = Arrays.copyOf(original, (int) last.offset() + future.length);
    System.arraycopy(future, 0, b, (int) last.offset(), future.length);
    Files.write(journal, b);
    JournalCorruptedException e = assertThrows(JournalCorruptedException.class,
        () -> Journals.open(journal, DurabilityPolicy.NONE));
    assertEquals(last.offset(), e.offset());
    assertTrue(e.reason().contains("version 9"), e.reason());
  }

  @Test
  void aValidRecordWithTheWrongSequenceNumber_isCorruption() throws IOException {
    // A batch appended twice (a replayed write) or a gap: checksums are fine, sequence numbers are not.
    JournalScan.Record fifth = golden.records().get(4);
    byte[] dup = Arrays.copyOfRange(original, (int) fifth.offset(), (int) (fifth.offset() + fifth.size()));
    byte[] b = Arrays.copyOf(original, original.length + dup.length);
    System.arraycopy(dup, 0, b, original.length, dup.length);
    Files.write(journal, b);
    JournalCorruptedException e = assertThrows(JournalCorruptedException.class,
        () -> Journals.open(journal, DurabilityPolicy.NONE));
    assertEquals(original.length, e.offset());
    assertTrue(e.reason().contains("sequence number 5 where " + (events.size() + 1)), e.reason());

    JournalScan.Record last = golden.records().last();
    byte[] gap = JournalFormat.record(last.seq() + 1, EventCodec.encode(last.event()));
    byte[] g = Arrays.copyOf(original, (int) last.offset() + gap.length);
    System.arraycopy(gap, 0, g, (int) last.offset(), gap.length);
    Files.write(journal, g);
    assertEquals(last.offset(), assertThrows(JournalCorruptedException.class,
        () -> Journals.open(journal, DurabilityPolicy.NONE)).offset());
  }
}
