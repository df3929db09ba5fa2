package dev.lockstep.demo;

import io.vavr.control.Option;

/**
 * What one run of a scenario produced.
 *
 * @param requests requests handed to the (scripted) provider, turn and summarizer requests together
 * @param invalid how many of them the dialect's validator refused, or {@code Invariants} findings
 * @param firstInvalid the first invalid request (compact JSON) and the provider error it would get
 * @param steersIn steers told; {@code steersOut} how many of them the final history holds
 * @param resultsIn real tool results delivered; {@code resultsOut} how many the final history holds
 * @param lost tokens (steers or results) delivered but absent from the final history
 * @param duplicated tokens present more than once
 * @param interrupted calls sealed INTERRUPTED; {@code unknown} calls sealed UNKNOWN
 */
public record RunResult(
    int requests,
    int invalid,
    Option<String> firstInvalid,
    int steersIn,
    int steersOut,
    int resultsIn,
    int resultsOut,
    int lost,
    int duplicated,
    int interrupted,
    int unknown) {}
