package dev.lockstep.bench;

import dev.lockstep.machine.SessionState;
import dev.lockstep.runtime.Durability;
import dev.lockstep.runtime.ModelClient;
import dev.lockstep.runtime.ModelResponse;
import dev.lockstep.runtime.Session;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Session set-up shared by the actor and many-session benchmarks. */
final class Sessions {
  private Sessions() {}

  /** A model that never answers: the benchmark plays the model by telling replies itself. */
  static final ModelClient SILENT_MODEL = request -> new CompletableFuture<ModelResponse>();

  /**
   * Drops effect work: model calls and tool runs are handed over (the dispatch cost stays in the
   * measurement) but never run; the benchmark tells their completions itself.
   */
  static final Executor DISCARD = task -> {};

  /**
   * A session resumed from {@code state} with no durability, whose effects go nowhere. Its idle spin is
   * the default unless the fork sets {@code -Dbench.spin=NANOS} (e.g. {@code -jvmArgsAppend
   * -Dbench.spin=0} measures the actor without it).
   */
  static Session.Builder quiet(String id, SessionState state) {
    return Session.builder()
        .id(id)
        .resumeFrom(state, 0)
        .modelClient(SILENT_MODEL)
        .durability(Durability.none())
        .effectExecutor(DISCARD)
        .toolExecutor(DISCARD)
        .idleSpin(Duration.ofNanos(Long.getLong("bench.spin", Session.DEFAULT_IDLE_SPIN_MICROS * 1000L)));
  }

  /** One dedicated daemon platform thread. */
  static ExecutorService singleThread(String name) {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  static void closeQuietly(Session s) {
    try {
      s.closeAsync().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("session did not close", e);
    }
  }
}
