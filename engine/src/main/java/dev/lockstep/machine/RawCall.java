package dev.lockstep.machine;

import java.util.Objects;

/** A tool call as the model produced it: raw id, name and raw arguments string (rule V4). */
public record RawCall(String id, String name, String arguments) {
  public RawCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
  }
}
