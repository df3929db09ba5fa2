package dev.lockstep.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.machine.SyntheticText;
import dev.lockstep.machine.Target;
import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Message;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The properties every projection must have, checked over generated transcripts: the request passes
 * the dialect's independent validator, and ids round-trip (injective; each result carries its call's
 * id; a longer transcript keeps the earlier calls' ids). Shared by the property test and its negative
 * controls, which plug in a deliberately broken dialect.
 */
final class ProjectionProperties {
  private ProjectionProperties() {}

  /** Checks one request; returns the problems found (empty when all properties hold). */
  static List<String> check(Dialect dialect, String kind, Vector<Message> transcript, Target target, DialectOptions options) {
    List<String> problems = new ArrayList<>();
    ObjectNode body = kind.equals("compaction")
        ? dialect.compactionRequest(transcript, SyntheticText.COMPACTION_INSTRUCTION, options, target)
        : dialect.turnRequest(transcript, options, target);
    dialect.validator().validate(body, options).forEach(v -> problems.add("violation " + v));
    problems.addAll(idsRoundTrip(dialect.name(), transcript, body));
    return problems;
  }

  static List<String> idsRoundTrip(String dialect, Vector<Message> transcript, ObjectNode body) {
    List<String> problems = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    List<ToolResultMessage> results = new ArrayList<>();
    for (Message m : transcript) {
      if (m instanceof AssistantMessage a) {
        calls.addAll(a.calls().toJavaList());
      } else if (m instanceof ToolResultMessage r) {
        results.add(r);
      }
    }
    WireView w = WireView.of(dialect, body);
    if (w.callIds.size() != calls.size() || w.resultIds.size() != results.size()) {
      problems.add("ids: " + calls.size() + " calls / " + results.size() + " results in the transcript, "
          + w.callIds.size() + " / " + w.resultIds.size() + " on the wire");
      return problems;
    }
    Map<String, String> wireOf = new HashMap<>();
    for (int i = 0; i < calls.size(); i++) {
      wireOf.put(calls.get(i).id(), w.callIds.get(i));
    }
    if (WireView.hasIds(dialect) && new HashSet<>(w.callIds).size() != w.callIds.size()) {
      problems.add("ids: wire call ids are not unique: " + w.callIds);
    }
    for (int j = 0; j < results.size(); j++) {
      String expected = wireOf.get(results.get(j).callId());
      if (!w.resultIds.get(j).equals(expected)) {
        problems.add("ids: result " + j + " carries " + w.resultIds.get(j) + " but its call has " + expected);
      }
    }
    return problems;
  }

  /** Wire call ids of {@code shorter} must be a prefix of those of {@code longer} (stability). */
  static List<String> stable(Dialect dialect, Vector<Message> shorter, Vector<Message> longer, Target target, DialectOptions options) {
    Function<Vector<Message>, List<String>> ids = t -> WireView.of(dialect.name(), dialect.turnRequest(t, options, target)).callIds;
    List<String> a = ids.apply(shorter);
    List<String> b = ids.apply(longer);
    if (b.size() < a.size() || !b.subList(0, a.size()).equals(a)) {
      return List.of("ids: not stable as the transcript grows: " + a + " vs " + b);
    }
    return List.of();
  }
}
