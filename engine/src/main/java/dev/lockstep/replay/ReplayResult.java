package dev.lockstep.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Json;
import dev.lockstep.machine.SessionState;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * The outcome of a replay: every request in order (with {@code kind} and, when refused by the
 * validator, {@code blocked}), the final transcript projected into the final dialect, the final state,
 * the rejected events and the validator's findings.
 */
public record ReplayResult(
    Vector<ObjectNode> requests,
    ArrayNode transcript,
    SessionState state,
    Vector<ObjectNode> rejected,
    Vector<ObjectNode> violations) {
  public ReplayResult {
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(transcript, "transcript");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(rejected, "rejected");
    Objects.requireNonNull(violations, "violations");
  }

  /** The replay output object of TRACE-FORMAT v1. */
  public ObjectNode toJson() {
    ObjectNode out = Json.NODES.objectNode();
    ArrayNode reqs = out.putArray("requests");
    requests.forEach(reqs::add);
    out.set("transcript", transcript);
    ObjectNode st = out.putObject("state");
    st.put("phase", state.phase().wire());
    ArrayNode open = st.putArray("open_calls");
    state.openCallRawIds().forEach(open::add);
    st.put("deferred", state.deferredSteers());
    st.put("queued", state.queuedPrompts());
    st.put("notes", state.pendingNotes());
    st.put("compacting", state.compacting());
    ArrayNode rej = out.putArray("rejected");
    rejected.forEach(rej::add);
    ArrayNode vio = out.putArray("violations");
    violations.forEach(vio::add);
    return out;
  }
}
