package dev.lockstep.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.RequestViolation;
import io.vavr.collection.List;

/** Formatting helpers for the demo's output. */
final class DemoText {
  private DemoText() {}

  /** The request's messages as compact JSON (abridged) followed by the errors a provider would return. */
  static String describe(ObjectNode body, List<RequestViolation> violations) {
    StringBuilder sb = new StringBuilder();
    var messages = body.path("messages");
    for (int i = 0; i < messages.size(); i++) {
      String line = messages.get(i).toString();
      sb.append("    [").append(i).append("] ").append(line.length() > 150 ? line.substring(0, 147) + "..." : line).append('\n');
    }
    for (RequestViolation v : violations) {
      sb.append("    -> HTTP 400 ").append(v.providerError()).append("  (").append(v.rule()).append(")\n");
    }
    return sb.toString();
  }
}
