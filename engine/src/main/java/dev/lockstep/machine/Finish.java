package dev.lockstep.machine;

/** Why the model stopped producing a reply. {@link #LENGTH} means it was cut by max_tokens. */
public enum Finish {
  STOP,
  TOOL_CALLS,
  LENGTH;

  /** Parses the trace spelling ({@code stop}, {@code tool_calls}, {@code length}). */
  public static Finish parse(String s) {
    return switch (s) {
      case "stop" -> STOP;
      case "tool_calls", "tool_use" -> TOOL_CALLS;
      case "length", "max_tokens" -> LENGTH;
      default -> throw new IllegalArgumentException("unknown finish '" + s + "' (expected stop, tool_calls or length)");
    };
  }
}
