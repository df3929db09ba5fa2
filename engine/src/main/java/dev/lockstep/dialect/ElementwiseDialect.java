package dev.lockstep.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.machine.Target;
import dev.lockstep.model.Message;

/**
 * A dialect whose request maps each transcript message to exactly one element of the request's
 * message array, in order, so the projection of a prefix never changes when the transcript grows
 * (rules V1, P4). That is what lets {@link IncrementalRequest} reuse the bytes of a projected prefix.
 *
 * <p>Contract, checked by {@code IncrementalRequestTest} over reducer-generated transcripts: for every
 * transcript {@code t}, {@code turnRequest(t, o, x)} equals {@code turnRequest(empty, o, x)} with the
 * elements {@code projector(o, x).project(m)} for each {@code m} of {@code t} appended, in order, to
 * the array under the body's first field; every other field does not depend on {@code t}.
 */
public interface ElementwiseDialect extends Dialect {

  /** A projector positioned before the first transcript message (no call ids assigned yet). */
  MessageProjector projector(DialectOptions options, Target target);

  /** Projects one message after another, carrying the state later messages depend on (call ids). */
  interface MessageProjector {
    /** The request element for {@code message}; advances the projector past it. */
    JsonNode project(Message message);

    /** An independent copy in O(1): what either projects afterwards does not affect the other. */
    MessageProjector fork();
  }
}
