package dev.lockstep.model;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * One tool call of an assistant reply.
 *
 * @param id session-unique id (rule P4): the model's raw id when it was unused so far, otherwise a
 *     disambiguated one; dialects map it at the provider boundary
 * @param rawId the id exactly as the model produced it; trace events address calls by it (rule S4)
 * @param name the tool name
 * @param rawArguments the arguments string exactly as received (rule V4), possibly invalid JSON
 * @param rejection why the call must not run (invalid arguments, unknown tool, cut reply), if so
 */
public record ToolCall(String id, String rawId, String name, String rawArguments, Option<String> rejection) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(rawId, "rawId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rawArguments, "rawArguments");
    Objects.requireNonNull(rejection, "rejection");
  }

  /** True when the call may be run. */
  public boolean runnable() {
    return rejection.isEmpty();
  }
}
