package dev.lockstep.model;

import java.util.Objects;

/**
 * Which dialect and model produced an assistant reply. Signed reasoning is replayed only to the same
 * dialect and model (rule V3); an empty model means "unspecified".
 */
public record Provenance(String dialect, String model) {
  public Provenance {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(model, "model");
  }
}
