package dev.lockstep.machine;

/**
 * A compaction in flight: the summarizer's request id and the transcript length at the time of
 * {@code compact} — always a sealed-step boundary, because only sealed steps are in the transcript
 * (rule C1). On completion, exactly that prefix is replaced (rule C2).
 */
public record Compaction(long request, int cut) {}
