package dev.lockstep.runtime;

import java.util.concurrent.CompletionStage;

/**
 * Produces a compaction summary for a summarizer request (rule C4): the committed transcript at the
 * time of {@code compact} followed by a fixed instruction, already projected and validated. A failed
 * stage or a blank summary leaves the transcript unchanged (rule C3).
 */
@FunctionalInterface
public interface Summarizer {
  CompletionStage<String> summarize(ModelRequest request);
}
