package dev.lockstep.dialect;

import java.util.Objects;

/**
 * A rule a request breaks, found by a dialect's validator (rule V2).
 *
 * @param rule the validator rule id, e.g. {@code openai-chat/results-follow-call}
 * @param providerError the error text the provider would return for it (wording as observed)
 */
public record RequestViolation(String rule, String providerError) {
  public RequestViolation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(providerError, "providerError");
  }

  @Override
  public String toString() {
    return rule + ": " + providerError;
  }
}
