package dev.lockstep.machine;

import dev.lockstep.model.Outcome;
import dev.lockstep.model.ToolCall;

/**
 * Every text the engine writes itself (rule V6). Each starts with {@code [lockstep:<kind>]} so ports
 * and tests compare it up to the marker, and none claims that a tool succeeded (rule P2).
 */
public final class SyntheticText {
  private SyntheticText() {}

  /** The marker prefix for a kind, e.g. {@code [lockstep:rejected] }. */
  public static String marker(String kind) {
    return "[lockstep:" + kind + "] ";
  }

  /** True when {@code text} starts with a Lockstep marker. */
  public static boolean isMarked(String text) {
    return text.startsWith("[lockstep:") && text.indexOf(']') > 0;
  }

  static String rejected(ToolCall call, String why) {
    return marker("rejected") + "The call to '" + call.name() + "' was not run: " + why;
  }

  static String interrupted(ToolCall call) {
    return marker("interrupted")
        + "The call to '" + call.name() + "' was cancelled before it started; it did not run.";
  }

  static String unknown(ToolCall call) {
    return marker("unknown")
        + "The call to '" + call.name() + "' had started when it was stopped; its result was lost and"
        + " it may or may not have taken effect. Check before repeating it.";
  }

  static String sealedText(ToolCall call, Outcome outcome) {
    return outcome == Outcome.UNKNOWN ? unknown(call) : interrupted(call);
  }

  static String lateResult(ToolCall call, Outcome sealedAs, String output, boolean error) {
    return marker("late-result")
        + "The call to '" + call.name() + "' (id " + call.rawId() + ") was recorded as "
        + sealedAs.name() + ", but it " + (error ? "failed" : "finished") + " later with this output:\n"
        + output;
  }

  static String stepLimit(int steps) {
    return marker("step-limit") + "The turn was stopped after " + steps + " model requests (the step limit).";
  }

  /** The fixed instruction that ends every summarizer request (rule C4). */
  public static final String COMPACTION_INSTRUCTION =
      marker("compact")
          + "Summarize the conversation above for your own later use: the goal, decisions made, facts"
          + " learned from tools, files touched and work still open. Reply with the summary only.";

  static String summary(String summary) {
    return marker("summary") + "Summary of the earlier conversation:\n" + summary;
  }

  /** The text of a tool result that timed out (rule S5). */
  public static String timeout(String toolName, long millis) {
    return marker("timeout") + "The call to '" + toolName + "' did not finish within " + millis + " ms and was stopped.";
  }
}
