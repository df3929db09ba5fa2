package dev.lockstep.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A tool definition offered to the model: name, description and JSON-Schema parameters. */
public record ToolSpec(String name, String description, JsonNode parameters) {
  public ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parameters, "parameters");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a tool needs a name");
    }
  }
}
