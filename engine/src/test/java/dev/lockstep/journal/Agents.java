package dev.lockstep.journal;

import dev.lockstep.dialect.Dialect;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.Dialects;
import dev.lockstep.dialect.RequestViolation;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import dev.lockstep.runtime.ModelClient;
import dev.lockstep.runtime.ModelRequest;
import dev.lockstep.runtime.ModelResponse;
import dev.lockstep.runtime.Session;
import dev.lockstep.runtime.ToolOutput;
import dev.lockstep.runtime.ToolRunner;
import io.vavr.collection.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Test doubles for real sessions on a journal: a scripted model that re-validates every request. */
final class Agents {
  private Agents() {}

  /**
   * Answers the n-th request with {@code script.apply(n)} on the caller's thread, after checking the
   * body with the target dialect's independent validator (rule V2).
   */
  static class ScriptedModel implements ModelClient {
    final IntFunction<ModelResponse> script;
    final AtomicInteger received = new AtomicInteger();
    final ConcurrentLinkedQueue<ModelRequest> requests = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<RequestViolation> violations = new ConcurrentLinkedQueue<>();

    ScriptedModel(IntFunction<ModelResponse> script) {
      this.script = script;
    }

    @Override
    public CompletableFuture<ModelResponse> send(ModelRequest request) {
      requests.add(request);
      violations.addAll(Dialects.forName(request.target().dialect()).validator()
          .validate(request.body(), DialectOptions.defaults()).asJava());
      return CompletableFuture.completedFuture(script.apply(received.getAndIncrement()));
    }
  }

  /** Every request gets a plain text answer. */
  static ScriptedModel answering() {
    return new ScriptedModel(n -> ModelResponse.Reply.text("answer " + n));
  }

  /** A tool that echoes its call. */
  static final ToolRunner ECHO = (call, args) -> ToolOutput.ok(call.name() + " " + args);

  /** A builder for {@link TestEvents#TARGET} and {@link TestEvents#LIMITS} (what the journal tests fold from). */
  static Session.Builder builder(ModelClient model) {
    return Session.builder().target(TestEvents.TARGET).limits(TestEvents.LIMITS).modelClient(model).toolRunner(ECHO);
  }

  /**
   * Violations of the requests a recovered state leads to, checked with the target dialect's
   * validator: the projection of its transcript as it stands (when not empty), and the request the
   * next prompt sends (deferred steers and queued prompts included, rule S2).
   */
  static List<RequestViolation> projectedViolations(SessionState s) {
    Dialect d = Dialects.forName(s.target().dialect());
    DialectOptions o = DialectOptions.defaults();
    List<RequestViolation> v = List.empty();
    if (!s.transcript().isEmpty()) {
      v = v.appendAll(d.validator().validate(d.turnRequest(s.transcript(), o, s.target()), o));
    }
    SessionState next = Reducer.decide(s, new Event.UserPrompt("after the crash")).state();
    return v.appendAll(d.validator().validate(d.turnRequest(next.transcript(), o, next.target()), o));
  }
}
