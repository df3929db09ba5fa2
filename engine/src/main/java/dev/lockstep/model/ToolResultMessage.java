package dev.lockstep.model;

import java.util.Objects;

/**
 * The answer to one tool call, with its typed outcome (rule P2). For outcomes the engine decides
 * ({@code REJECTED}, {@code INTERRUPTED}, {@code UNKNOWN}, timeouts) the text starts with
 * {@code [lockstep:<kind>]} and never claims success (rule V6).
 *
 * @param callId the session-unique id of the call this answers ({@link ToolCall#id()})
 */
public record ToolResultMessage(String callId, String rawId, String name, String text, Outcome outcome)
    implements Message {
  public ToolResultMessage {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(rawId, "rawId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(outcome, "outcome");
  }
}
