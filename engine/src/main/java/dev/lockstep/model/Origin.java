package dev.lockstep.model;

/** Where a steer came from: the user typing during work, or a background task reporting back. */
public enum Origin {
  USER,
  BACKGROUND;

  /** Parses the trace spelling ({@code user}, {@code background}). */
  public static Origin parse(String s) {
    return switch (s) {
      case "user" -> USER;
      case "background" -> BACKGROUND;
      default -> throw new IllegalArgumentException("unknown steer origin '" + s + "' (expected user or background)");
    };
  }

  /** The trace spelling. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
