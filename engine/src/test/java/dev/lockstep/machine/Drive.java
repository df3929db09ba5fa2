package dev.lockstep.machine;

import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.model.Message;
import dev.lockstep.model.Origin;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;

/**
 * Test driver: folds events through the reducer, checks every invariant after every transition, and
 * records the effects. Reads like the traces it mirrors.
 */
final class Drive {
  SessionState state;
  final List<Effect> effects = new ArrayList<>();
  Decision last;

  Drive() {
    this(SessionState.initial(new Target("openai-chat", "test-model")));
  }

  Drive(SessionState initial) {
    this.state = initial;
  }

  Drive on(Event e) {
    last = Reducer.decide(state, e);
    state = last.state();
    effects.addAll(last.effects().toJavaList());
    var broken = Invariants.check(state);
    if (!broken.isEmpty()) {
      fail("invariants broken after " + e + ": " + broken.mkString("; "));
    }
    return this;
  }

  Drive user(String text) {
    return on(new Event.UserPrompt(text));
  }

  Drive steer(String text) {
    return on(new Event.Steer(text, Origin.USER));
  }

  Drive background(String text) {
    return on(new Event.Steer(text, Origin.BACKGROUND));
  }

  Drive reply(String text) {
    return on(Event.ModelReply.text(text));
  }

  Drive calls(RawCall... calls) {
    return on(Event.ModelReply.calls("", calls));
  }

  Drive started(String rawId) {
    return on(new Event.ToolStarted(new CallRef.Raw(rawId)));
  }

  Drive result(String rawId, String output) {
    return on(new Event.ToolResult(new CallRef.Raw(rawId), output, false));
  }

  Drive failed(String rawId, String output) {
    return on(new Event.ToolResult(new CallRef.Raw(rawId), output, true));
  }

  Drive interrupt() {
    return on(new Event.Interrupt(Option.none()));
  }

  Drive compact() {
    return on(new Event.Compact());
  }

  Drive compactionDone(String summary) {
    return on(new Event.CompactionDone(summary));
  }

  Drive compactionFailed() {
    return on(new Event.CompactionFailed(Option.some("boom")));
  }

  Drive error(int status, String message) {
    return on(new Event.ModelError(status, message, Option.none()));
  }

  static RawCall call(String id, String name, String args) {
    return new RawCall(id, name, args);
  }

  static RawCall read(String id) {
    return new RawCall(id, "Read", "{\"path\":\"config.ts\"}");
  }

  /** The requests emitted so far. */
  Vector<Effect.CallModel> requests() {
    return Vector.ofAll(effects).filter(e -> e instanceof Effect.CallModel).map(Effect.CallModel.class::cast);
  }

  Vector<Effect.RunTool> runs() {
    return Vector.ofAll(effects).filter(e -> e instanceof Effect.RunTool).map(Effect.RunTool.class::cast);
  }

  Vector<Effect.Rejected> rejections() {
    return Vector.ofAll(effects).filter(e -> e instanceof Effect.Rejected).map(Effect.Rejected.class::cast);
  }

  Vector<Message> transcript() {
    return state.transcript();
  }

  boolean lastRejected() {
    return last.rejected();
  }
}
