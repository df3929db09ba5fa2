package dev.lockstep.journal;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import io.vavr.collection.Vector;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32C;

/**
 * The process {@link KillTest} kills: recovers a session from its journal, then runs a busy session
 * forever with the session actor's contract — persist a batch, and only after persist returned apply
 * it with the reducer and acknowledge it. Prints {@code READY <nextSeq>} after recovery and one
 * {@code ACK <seq> <crc32c of the event's bytes>} line per event once its batch is durable.
 *
 * <p>Arguments: journal path, durability policy, seed.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path path = Path.of(args[0]);
    DurabilityPolicy policy = DurabilityPolicy.valueOf(args[1]);
    Random r = new Random(Long.parseLong(args[2]));
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
    RecoveredSession rs = JournalRecovery.recover(path, TestEvents.TARGET, TestEvents.LIMITS, policy);
    SessionState state = rs.state();
    long seq = rs.nextSeq();
    out.println("READY " + seq);
    out.flush();
    while (true) {
      int k = policy == DurabilityPolicy.FSYNC_EACH ? 1 + r.nextInt(2) : 1 + r.nextInt(6);
      Vector<Event> batch = Vector.empty();
      SessionState predicted = state;
      for (int i = 0; i < k; i++) {
        Event e = TestEvents.busy(predicted, r);
        batch = batch.append(e);
        predicted = Reducer.decide(predicted, e).state();
      }
      rs.journal().persist(seq, batch);
      StringBuilder acks = new StringBuilder();
      for (Event e : batch) {
        state = Reducer.decide(state, e).state();
        acks.append("ACK ").append(seq).append(' ').append(crc(e)).append('\n');
        seq++;
      }
      out.print(acks);
      out.flush();
    }
  }

  static long crc(Event e) {
    CRC32C c = new CRC32C();
    c.update(EventCodec.encode(e));
    return c.getValue();
  }
}
