package dev.lockstep.machine;

import java.util.Objects;

/**
 * The dialect and model requests go to now. Changed by {@code Switch}; recorded as the provenance of
 * each reply so signed reasoning is replayed to its own model only (rule V3).
 */
public record Target(String dialect, String model) {
  public Target {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(model, "model");
  }
}
