package dev.lockstep.dialect.errors;

import java.util.Objects;

/**
 * The verdict on one provider error (rule V5).
 *
 * @param errorClass what to do with it
 * @param matched the table substring that decided it, or {@code status:NNN} when only the HTTP status did
 * @param cause the broken rule or condition, in words (from {@code provider-rules.md} §10)
 * @param repair the repair the table suggests (empty when none applies)
 */
public record Classification(ErrorClass errorClass, String matched, String cause, String repair) {
  public Classification {
    Objects.requireNonNull(errorClass, "errorClass");
    Objects.requireNonNull(matched, "matched");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(repair, "repair");
  }
}
