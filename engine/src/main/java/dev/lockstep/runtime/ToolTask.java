package dev.lockstep.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.dialect.Json;
import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.SyntheticText;
import dev.lockstep.model.ToolCall;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tool call's life on its own (virtual) thread.
 *
 * <ol>
 *   <li>Post {@code ToolStarted(Exact(id))} and wait for its receipt; if it was rejected (the call was
 *       already sealed {@code INTERRUPTED} by an interrupt) the tool never runs (rule D1).
 *   <li>Run the tool. Exactly one of three things then posts the call's result, decided by one CAS on
 *       {@link #phase}: the tool returning ({@code COMPLETED}, or {@code FAILED} for an error output or an
 *       exception), the timeout watchdog ({@code FAILED}, text marked {@code [lockstep:timeout]}, rule
 *       S5), or a cancellation (no result: the slot is already sealed; but a tool that ignores the
 *       interrupt and still returns a real output has it posted, and the reducer keeps it as a
 *       late-result note, rule P3).
 * </ol>
 *
 * Interrupting the runner thread and the thread's exit are ordered by this object's monitor, so a
 * cancel or timeout never interrupts a thread that has already moved on to other work.
 */
final class ToolTask {
  private static final Logger LOG = LoggerFactory.getLogger(ToolTask.class);

  private static final int NEW = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int TIMED_OUT = 3;
  private static final int CANCELLED = 4;

  private final Session session;
  private final EffectRunner owner;
  private final ToolCall call;
  private final ToolRunner runner;
  private final Duration timeout;
  private final Executor timeoutExecutor;
  private final AtomicInteger phase = new AtomicInteger(NEW);
  private Thread thread; // guarded by this

  ToolTask(Session session, EffectRunner owner, ToolCall call, ToolRunner runner, Duration timeout, Executor timeoutExecutor) {
    this.session = session;
    this.owner = owner;
    this.call = call;
    this.runner = runner;
    this.timeout = timeout;
    this.timeoutExecutor = timeoutExecutor;
  }

  ToolCall call() {
    return call;
  }

  void run() {
    synchronized (this) {
      thread = Thread.currentThread();
    }
    try {
      runGuarded();
    } finally {
      synchronized (this) {
        thread = null;
        Thread.interrupted(); // a cancel's interrupt must not leak into the executor's next task
      }
      owner.toolFinished(this);
    }
  }

  private void runGuarded() {
    if (phase.get() != NEW) {
      return; // cancelled before it could start
    }
    Receipt started;
    try {
      started = session.post(new Event.ToolStarted(new CallRef.Exact(call.id()))).get();
    } catch (InterruptedException e) {
      return; // cancelled while waiting: the slot is sealed; the tool never runs
    } catch (Exception e) {
      LOG.debug("session {}: tool_started for {} not acknowledged: {}", session.id(), call.id(), e.toString());
      return; // session stopped: never run an unacknowledged start (D1)
    }
    if (started.rejected()) {
      LOG.debug("session {}: call {} not run: {}", session.id(), call.id(), started.rejection().getOrElse(""));
      return;
    }
    if (!phase.compareAndSet(NEW, RUNNING)) {
      return; // cancelled between the receipt and now
    }
    CompletableFuture<Void> watchdog = new CompletableFuture<>();
    watchdog.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenCompleteAsync((v, e) -> {
          if (e instanceof TimeoutException) {
            onTimeout();
          }
        }, timeoutExecutor);
    ToolOutput output;
    Throwable failure = null;
    try {
      JsonNode args = Json.parseObject(call.rawArguments())
          .getOrElseThrow(() -> new IllegalStateException("arguments are not a JSON object"));
      output = runner.run(call, args);
      if (output == null) {
        throw new IllegalStateException("the tool returned no output");
      }
    } catch (Throwable t) {
      output = null;
      failure = t;
    } finally {
      watchdog.complete(null);
    }
    if (phase.compareAndSet(RUNNING, DONE)) {
      post(output != null ? output : ToolOutput.error(SyntheticText.marker("tool-error")
          + "The call to '" + call.name() + "' failed: " + failure));
    } else if (phase.get() == CANCELLED && output != null) {
      post(output); // a real result after INTERRUPTED/UNKNOWN: kept as a late note (P3)
    }
  }

  private void onTimeout() {
    synchronized (this) {
      if (!phase.compareAndSet(RUNNING, TIMED_OUT)) {
        return;
      }
      if (thread != null) {
        thread.interrupt();
      }
    }
    LOG.info("session {}: call {} ({}) timed out after {} ms", session.id(), call.id(), call.name(), timeout.toMillis());
    post(ToolOutput.error(SyntheticText.timeout(call.name(), timeout.toMillis())));
  }

  /** Cancels the call: it will not start, or its thread is interrupted. */
  void cancel() {
    synchronized (this) {
      int p = phase.get();
      while ((p == NEW || p == RUNNING) && !phase.compareAndSet(p, CANCELLED)) {
        p = phase.get();
      }
      if ((p == NEW || p == RUNNING) && thread != null) {
        thread.interrupt();
      }
    }
  }

  private void post(ToolOutput output) {
    session.post(new Event.ToolResult(new CallRef.Exact(call.id()), output.text(), output.error()));
  }
}
