package dev.lockstep.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Dialect;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.Dialects;
import dev.lockstep.dialect.RequestViolation;
import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Effect;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.SyntheticText;
import dev.lockstep.machine.Target;
import dev.lockstep.model.ToolCall;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a session's effects outside the actor and posts their completions back as events (DESIGN
 * "Effects"). Called by the draining thread, after the causing event is durable (rule D1); it only
 * hands work to executors and never blocks.
 *
 * <ul>
 *   <li>{@code CallModel} / {@code Summarize}: project with the target's dialect, check with the
 *       dialect's independent validator (rule V2: a violation is logged with its rule ids and becomes
 *       {@code RequestBlocked}, never sent), then call the client with a timeout (rule S5). Exceptions,
 *       failed stages and timeouts become {@code ModelError} / {@code CompactionFailed}.
 *   <li>{@code RunTool}: a {@link ToolTask} on the tool executor (rules D1, S5, P2, P3).
 *   <li>{@code CancelTool}: cancels the call's task (interrupts its thread).
 *   <li>{@code Notify} / {@code Rejected}: reported to listeners by the session itself.
 * </ul>
 *
 * The {@link #outstanding()} counter covers every dispatched request and tool until its completion
 * event has been told; {@link Session#whenIdle()} waits for it to reach zero.
 */
final class EffectRunner {
  private static final Logger LOG = LoggerFactory.getLogger(EffectRunner.class);

  private final Session session;
  private final Listeners listeners;
  private final DialectOptions options;
  private final ModelClient modelClient;
  private final Option<Summarizer> summarizer;
  private final ToolRunner toolRunner;
  private final Executor effectExecutor;
  private final Executor toolExecutor;
  private final Duration modelTimeout;
  private final Function<String, Duration> toolTimeout;
  private final AtomicInteger outstanding = new AtomicInteger();
  private final ConcurrentHashMap<String, ToolTask> tools = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, CompletableFuture<?>> requests = new ConcurrentHashMap<>();

  EffectRunner(Session session, Session.Builder b, Listeners listeners) {
    this.session = session;
    this.listeners = listeners;
    this.options = b.options;
    this.modelClient = b.modelClient;
    this.summarizer = b.summarizer;
    this.toolRunner = b.toolRunner;
    this.effectExecutor = b.effectExecutor;
    this.toolExecutor = b.toolExecutor;
    this.modelTimeout = b.modelTimeout;
    Map<String, Duration> perTool = b.toolTimeouts;
    Duration fallback = b.toolTimeout;
    this.toolTimeout = name -> perTool.get(name).getOrElse(fallback);
  }

  int outstanding() {
    return outstanding.get();
  }

  int runningTools() {
    return tools.size();
  }

  /** Hands each effect to its executor, in order. Never throws. */
  void dispatch(Vector<Effect> effects) {
    for (Effect e : effects) {
      try {
        switch (e) {
          case Effect.CallModel c -> submit(() -> callModel(c), () -> session.post(
              new Event.ModelError(0, "the effect executor rejected the request", Option.some(c.request()))));
          case Effect.Summarize s -> submit(() -> summarize(s), () -> session.post(
              new Event.CompactionFailed(Option.some("the effect executor rejected the summarizer request"))));
          case Effect.RunTool r -> startTool(r.call());
          case Effect.CancelTool c -> cancelTool(c);
          case Effect.Notify n -> {} // reported to listeners by the session
          case Effect.Rejected r -> {} // reported to listeners by the session
        }
      } catch (Throwable t) {
        LOG.error("session {}: dispatching {} failed", session.id(), e, t);
      }
    }
  }

  /** Cancels every running tool and outstanding request (session closed or stopped). */
  void cancelAll() {
    tools.values().forEach(ToolTask::cancel);
    requests.values().forEach(f -> f.cancel(false));
  }

  // ---- model and summarizer requests ----------------------------------------------------------

  private void submit(Runnable work, Runnable onRejected) {
    outstanding.incrementAndGet();
    try {
      effectExecutor.execute(work);
    } catch (RuntimeException ex) {
      LOG.warn("session {}: effect executor rejected a request", session.id(), ex);
      onRejected.run();
      settled();
    }
  }

  private void callModel(Effect.CallModel c) {
    Option<ObjectNode> body = project(c.request(), c.target(), d -> d.turnRequest(c.transcript(), options, c.target()));
    if (body.isEmpty()) {
      settled();
      return;
    }
    ModelRequest request = new ModelRequest(c.request(), ModelRequest.Kind.TURN, c.target(), body.get());
    listeners.fire(l -> l.onRequest(session, request));
    Option<Long> id = Option.some(c.request());
    await(c.request(), () -> modelClient.send(request), (response, error) -> {
      if (error != null) {
        return new Event.ModelError(0, describe(error, "model request " + c.request()), id);
      }
      return switch (response) {
        case ModelResponse.Reply r -> new Event.ModelReply(r.text(), r.reasoning(), r.signature(), r.calls(), r.finish(), id);
        case ModelResponse.Failure f -> new Event.ModelError(f.status(), f.message(), id);
      };
    });
  }

  private void summarize(Effect.Summarize s) {
    Option<ObjectNode> body = project(s.request(), s.target(),
        d -> d.compactionRequest(s.prefix(), s.instruction(), options, s.target()));
    if (body.isEmpty()) {
      settled();
      return;
    }
    if (summarizer.isEmpty()) {
      session.post(new Event.CompactionFailed(Option.some("no summarizer is configured")));
      settled();
      return;
    }
    ModelRequest request = new ModelRequest(s.request(), ModelRequest.Kind.COMPACTION, s.target(), body.get());
    listeners.fire(l -> l.onRequest(session, request));
    await(s.request(), () -> summarizer.get().summarize(request), (summary, error) -> error != null
        ? new Event.CompactionFailed(Option.some(describe(error, "summarizer request " + s.request())))
        : new Event.CompactionDone(summary));
  }

  /** Projects and validates; on a violation posts {@code RequestBlocked} and returns none (rule V2). */
  private Option<ObjectNode> project(long request, Target target, Function<Dialect, ObjectNode> projection) {
    Dialect dialect;
    ObjectNode body;
    try {
      dialect = Dialects.forName(target.dialect());
      body = projection.apply(dialect);
    } catch (RuntimeException e) {
      LOG.error("session {}: request {} could not be projected for {}", session.id(), request, target, e);
      session.post(new Event.RequestBlocked(request, "projection failed: " + e.getMessage()));
      return Option.none();
    }
    List<RequestViolation> violations = dialect.validator().validate(body, options);
    if (!violations.isEmpty()) {
      LOG.error("session {}: request {} blocked by the {} validator (rule V2): {}", session.id(), request,
          dialect.name(), violations.map(RequestViolation::rule).mkString(", "));
      listeners.fire(l -> l.onRequestBlocked(session, request, violations));
      session.post(new Event.RequestBlocked(request, violations.mkString("; ")));
      return Option.none();
    }
    return Option.some(body);
  }

  /**
   * Calls {@code send} (user code), bounds it with the model timeout and posts the event {@code
   * complete} makes of the outcome, exactly once.
   */
  private <T> void await(long request, java.util.function.Supplier<CompletionStage<T>> send,
      java.util.function.BiFunction<T, Throwable, Event> complete) {
    CompletableFuture<T> outcome = new CompletableFuture<>();
    requests.put(request, outcome);
    try {
      CompletionStage<T> stage = send.get();
      if (stage == null) {
        outcome.completeExceptionally(new IllegalStateException("the client returned no stage"));
      } else {
        stage.whenComplete((value, error) -> {
          if (error != null) {
            outcome.completeExceptionally(error);
          } else if (value == null) {
            outcome.completeExceptionally(new IllegalStateException("the client completed with no value"));
          } else {
            outcome.complete(value);
          }
        });
      }
    } catch (Throwable t) {
      outcome.completeExceptionally(t);
    }
    outcome.orTimeout(modelTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenCompleteAsync((value, error) -> {
          try {
            requests.remove(request);
            session.post(complete.apply(value, unwrap(error)));
          } finally {
            settled();
          }
        }, effectExecutorOrInline());
  }

  private Executor effectExecutorOrInline() {
    return task -> {
      try {
        effectExecutor.execute(task);
      } catch (RuntimeException e) {
        task.run();
      }
    };
  }

  private String describe(Throwable error, String what) {
    if (error instanceof TimeoutException) {
      return SyntheticText.marker("timeout") + what + " did not answer within " + modelTimeout.toMillis() + " ms";
    }
    if (error instanceof CancellationException) {
      return what + " was cancelled";
    }
    return what + " failed: " + error;
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  void settled() {
    if (outstanding.decrementAndGet() == 0) {
      session.effectsSettled();
    }
  }

  // ---- tools ----------------------------------------------------------------------------------

  private void startTool(ToolCall call) {
    ToolTask task = new ToolTask(session, this, call, toolRunner, toolTimeout.apply(call.name()), effectExecutor);
    outstanding.incrementAndGet();
    tools.put(call.id(), task);
    try {
      toolExecutor.execute(task::run);
    } catch (RuntimeException e) {
      LOG.warn("session {}: tool executor rejected call {}", session.id(), call.id(), e);
      tools.remove(call.id(), task);
      session.post(new Event.ToolResult(new CallRef.Exact(call.id()), SyntheticText.marker("not-run")
          + "The call to '" + call.name() + "' was not run: the tool executor rejected it.", true));
      settled();
    }
  }

  void toolFinished(ToolTask task) {
    tools.remove(task.call().id(), task);
    settled();
  }

  private void cancelTool(Effect.CancelTool c) {
    ToolTask task = tools.get(c.call().id());
    if (task != null) {
      task.cancel();
    }
  }
}
