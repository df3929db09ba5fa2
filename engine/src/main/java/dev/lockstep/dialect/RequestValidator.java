package dev.lockstep.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;

/**
 * Checks a finished request body against one provider's published rules (rule V2). Implementations
 * read only the JSON, never the transcript, so a projection bug cannot hide itself.
 */
public interface RequestValidator {
  /** Every violation in {@code request} (the body as it would be sent); empty when it is valid. */
  List<RequestViolation> validate(ObjectNode request, DialectOptions options);
}
