package dev.lockstep.journal;

import io.vavr.control.Option;

/**
 * What recovery found and did (rule D2: a torn tail is reported, never silently dropped).
 *
 * @param recordsRead valid records folded (not counting a {@code Recovered} record appended now)
 * @param created true when the file was new, empty, or its creation had been interrupted
 * @param bytesTruncated bytes cut from the tail (a torn last record, trailing zeros)
 * @param tornTail why the tail was cut, when it was
 * @param recoveredSeq the sequence number of the {@code Recovered} record appended by this recovery,
 *     when the journal ended inside a turn or a compaction (rule D4)
 */
public record RecoveryReport(
    long recordsRead, boolean created, long bytesTruncated, Option<String> tornTail, Option<Long> recoveredSeq) {

  /** True when recovery changed the file (truncation, initialization or a {@code Recovered} record). */
  public boolean repaired() {
    return created || bytesTruncated > 0 || recoveredSeq.isDefined();
  }
}
