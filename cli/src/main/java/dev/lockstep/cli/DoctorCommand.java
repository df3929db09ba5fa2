package dev.lockstep.cli;

import dev.lockstep.journal.JournalFormat;
import dev.lockstep.journal.JournalFormatException;
import dev.lockstep.journal.JournalLockedException;
import dev.lockstep.journal.JournalSalvage;
import dev.lockstep.journal.JournalScan;
import dev.lockstep.machine.Limits;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Slot;
import dev.lockstep.machine.Target;
import dev.lockstep.machine.Turn;
import io.vavr.collection.HashSet;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lockstep doctor}: inspects a session journal without changing it, or salvages its valid
 * prefix (rule D2), through {@link JournalSalvage}. Exit codes: 0 healthy (a torn tail, which the next
 * open cuts, counts as healthy; after {@code --salvage}: salvaged or nothing to do), 1 corrupted (the
 * session refuses to open until salvaged), 2 unreadable or bad usage.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Inspect a session journal (.lsj) without changing it: records, last sequence number, torn tail,",
      "corruption offset, and the state a normal open would recover. With --salvage, keep the valid",
      "prefix of a corrupted journal; the original is first copied to FILE.damaged-<UTC time>, never deleted."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:healthy: the journal opens as it is (a torn tail is cut by the next open); with --salvage: salvaged, or nothing to do",
      "1:corrupted: damage before the end of the journal; the session refuses to open until salvaged (--salvage)",
      "2:unreadable (no such file, not a journal, newer format, I/O error, open by a running session) or bad usage"
    })
final class DoctorCommand implements Callable<Integer> {
  static final int HEALTHY = 0;
  static final int CORRUPTED = 1;
  static final int UNREADABLE = 2;

  @Spec CommandSpec spec;

  @Option(names = "--salvage", description = "Keep the valid prefix of a corrupted journal (moves the damaged original aside).")
  boolean salvage;

  @Option(names = "--dialect", defaultValue = "openai-chat",
      description = "Dialect the session was created with (folding only; default: ${DEFAULT-VALUE}).")
  String dialect;

  @Option(names = "--model", defaultValue = "unknown", description = "Model the session was created with (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--max-steps", defaultValue = "" + Limits.DEFAULT_MAX_STEPS,
      description = "Steps per turn the session was created with (default: ${DEFAULT-VALUE}).")
  int maxSteps;

  @Option(names = "--tool", paramLabel = "NAME",
      description = "A tool the session declared (repeatable; default: any tool name).")
  List<String> tools = new ArrayList<>();

  @Parameters(index = "0", paramLabel = "FILE", description = "The journal file.")
  Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (!Files.exists(file)) {
        err.println("lockstep doctor: no such file: " + file);
        return UNREADABLE;
      }
      if (!Files.isRegularFile(file)) {
        err.println("lockstep doctor: not a regular file: " + file);
        return UNREADABLE;
      }
      if (maxSteps < 1) {
        err.println("lockstep doctor: --max-steps must be at least 1");
        return UNREADABLE;
      }
      Target target = new Target(dialect, model);
      Limits limits = new Limits(maxSteps, tools.isEmpty() ? io.vavr.control.Option.none()
          : io.vavr.control.Option.some(HashSet.ofAll(tools)));
      return salvage ? salvage(out, target, limits) : inspect(out, target, limits);
    } catch (JournalLockedException e) {
      err.println("lockstep doctor: " + e.getMessage());
      err.println("lockstep doctor: a running session has this journal open; stop it first (nothing was changed)");
      return UNREADABLE;
    } catch (JournalFormatException e) {
      err.println("lockstep doctor: " + e.getMessage() + " (nothing was changed)");
      return UNREADABLE;
    } catch (IOException e) {
      err.println("lockstep doctor: cannot read " + file + ": " + e.getMessage());
      return UNREADABLE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int inspect(PrintWriter out, Target target, Limits limits) throws IOException {
    JournalSalvage.Diagnosis d = JournalSalvage.diagnose(file, target, limits);
    JournalScan scan = d.scan();
    out.println("journal      " + file + " (" + scan.fileSize() + " bytes)");
    printRecords(out, scan);
    int code;
    if (scan.damage().isEmpty()) {
      out.println("status       HEALTHY: the file ends right after its last valid record");
      code = HEALTHY;
    } else if (!scan.corrupted()) {
      JournalScan.Damage damage = scan.damage().get();
      long torn = scan.fileSize() - scan.validEnd();
      out.println("status       TORN TAIL: " + torn + " byte(s) after offset " + scan.validEnd() + ": " + damage.reason());
      out.println("             an interrupted append (or damage inside the last record); the next open cuts these");
      out.println("             bytes and reports it. Nothing else to do.");
      code = HEALTHY;
    } else {
      JournalScan.Damage damage = scan.damage().get();
      out.println("status       CORRUPTED at byte offset " + damage.offset() + ": " + damage.reason());
      out.println("             the session refuses to open. A salvage keeps the " + scan.records().size()
          + " record(s) before the damage and drops " + (scan.fileSize() - scan.validEnd()) + " byte(s) from offset "
          + scan.validEnd() + " on (kept in the damaged copy).");
      out.println("             to salvage: lockstep doctor --salvage " + file);
      code = CORRUPTED;
    }
    printState(out, d, target, limits, scan.corrupted() ? " after a salvage" : "");
    return code;
  }

  private int salvage(PrintWriter out, Target target, Limits limits) throws IOException {
    JournalSalvage.SalvageReport r = JournalSalvage.salvage(file);
    out.println("journal      " + file);
    if (!r.changed()) {
      if (r.damage().isDefined()) {
        out.println("salvage      nothing to salvage: only a torn tail (" + r.damage().get().reason()
            + "), which the next open cuts. Nothing was changed.");
      } else {
        out.println("salvage      nothing to salvage: the journal is healthy. Nothing was changed.");
      }
      return HEALTHY;
    }
    JournalScan.Damage damage = r.damage().get();
    out.println("damage       at byte offset " + damage.offset() + ": " + damage.reason());
    out.println("saved        the original, byte for byte: " + r.damagedCopy().get());
    out.println("salvaged     kept " + r.recordsKept() + " record(s)" + seqRange(r.recordsKept())
        + "; dropped " + r.bytesDropped() + " byte(s) from the damage on");
    out.println("             the journal was replaced atomically by its valid prefix (file and directory forced)");
    JournalSalvage.Diagnosis after = JournalSalvage.diagnose(file, target, limits);
    printRecords(out, after.scan());
    printState(out, after, target, limits, "");
    return HEALTHY;
  }

  private static String seqRange(long records) {
    return records == 0 ? "" : " (seq " + JournalFormat.FIRST_SEQ + ".." + (JournalFormat.FIRST_SEQ + records - 1) + ")";
  }

  private static void printRecords(PrintWriter out, JournalScan scan) {
    Vector<JournalScan.Record> rs = scan.records();
    if (!scan.headerValid()) {
      out.println("records      none: the header is missing or incomplete (creation was interrupted); the next open writes it");
      return;
    }
    out.println("records      " + rs.size() + " valid" + seqRange(rs.size()) + ", bytes 0.." + scan.validEnd()
        + (rs.isEmpty() ? "" : ", last seq " + rs.last().seq()));
    if (!rs.isEmpty()) {
      Map<String, Integer> kinds = new TreeMap<>();
      rs.forEach(r -> kinds.merge(r.event().getClass().getSimpleName(), 1, Integer::sum));
      out.println("events       " + kinds.toString().replaceAll("[{}]", ""));
    }
  }

  private static void printState(PrintWriter out, JournalSalvage.Diagnosis d, Target target, Limits limits, String when) {
    SessionState s = d.state();
    out.println("state        what a normal open recovers" + when + " (folded with " + target.dialect() + "/" + target.model()
        + ", max " + limits.maxStepsPerTurn() + " steps per turn, "
        + limits.declaredTools().map(t -> "tools " + t.toSortedSet().mkString(",")).getOrElse("any tool name") + "):");
    out.println("  phase      " + s.phase() + s.turn().map(t -> " (turn " + t.number() + ", step " + t.steps() + ")").getOrElse(""));
    out.println("  transcript " + s.transcript().size() + " message(s)");
    Vector<Slot> open = s.turn().flatMap(Turn::step).map(st -> st.openSlots()).getOrElse(Vector.empty());
    out.println("  open calls " + (open.isEmpty() ? "none" : open.size() + ": " + open.map(sl -> sl.call().rawId() + " "
        + sl.call().name() + (sl.started() ? " (started)" : " (not started)")).mkString(", ")));
    out.println("  waiting    " + s.deferredSteers() + " deferred steer(s), " + s.pendingNotes() + " late-result note(s), "
        + s.queuedPrompts() + " queued prompt(s)");
    out.println("  compaction " + s.compaction().map(c -> "running (request " + c.request() + ")").getOrElse("none"));
    out.println("  invariants " + (d.violations().isEmpty() ? "OK" : "BROKEN " + d.violations().mkString("; ")
        + " (a bug, please report)"));
    if (d.needsRecovered()) {
      out.println("  next open  appends one Recovered record: " + (open.isEmpty() ? "" : open.map(sl -> sl.call().rawId()
          + (sl.started() ? " -> UNKNOWN" : " -> INTERRUPTED")).mkString(", ") + "; ")
          + (s.compacting() ? "the compaction is dropped; " : "")
          + (s.turn().isDefined() ? "the turn ends without a new model request; " : "")
          + "waiting steers and prompts are kept for the next turn");
    } else {
      out.println("  next open  resumes as is (nothing open)");
    }
  }
}
