package dev.lockstep.model;

import java.util.Objects;

/**
 * The summary a compaction produced (rule C4). It replaces the summarized prefix and is projected as a
 * user message whose text starts with {@code [lockstep:summary]}.
 */
public record SummaryMessage(String text) implements Message {
  public SummaryMessage {
    Objects.requireNonNull(text, "text");
  }
}
