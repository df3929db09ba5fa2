package dev.lockstep.specs;

import java.nio.file.Path;

/** Locations inside the model-specs module, for tests (Maven runs them with the module as basedir). */
public final class Paths {
  private Paths() {}

  public static Path module() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  }

  public static Path vectors() {
    return module().resolve("vectors/v" + Vectors.SPEC_VERSION);
  }

  public static Path schema() {
    return module().resolve("schema/vector.schema.json");
  }

  public static Path rules() {
    return module().resolve("RULES.md");
  }
}
