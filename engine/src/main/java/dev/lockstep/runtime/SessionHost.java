package dev.lockstep.runtime;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs many sessions on one drain executor, keyed by id (DESIGN "The shape"). Sessions are created
 * with {@link #start}, found with {@link #get}, and closed together by {@link #shutdown}: every event a
 * session accepted before the shutdown is applied (none is dropped); a {@code tell} after it throws
 * {@link SessionStoppedException}, and {@link #start} throws {@link IllegalStateException}.
 *
 * <p>Thread-safe. The host shuts down an executor it created itself ({@link #withThreads}); an
 * executor passed to {@link #on} stays the caller's.
 */
public final class SessionHost implements AutoCloseable {
  private final Executor executor;
  private final Option<ExecutorService> owned;
  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
  private boolean shutdown; // guarded by this

  private SessionHost(Executor executor, Option<ExecutorService> owned) {
    this.executor = executor;
    this.owned = owned;
  }

  /** A host whose sessions drain on {@code executor} (not shut down by the host). */
  public static SessionHost on(Executor executor) {
    return new SessionHost(Objects.requireNonNull(executor, "executor"), Option.none());
  }

  /** A host with its own pool of {@code threads} daemon platform threads, shut down with the host. */
  public static SessionHost withThreads(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "lockstep-host-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ExecutorService pool = Executors.newFixedThreadPool(threads, factory);
    return new SessionHost(pool, Option.some(pool));
  }

  /**
   * Starts a session configured by {@code builder}, draining on this host's executor, under the
   * builder's id.
   *
   * @throws IllegalArgumentException when a session with that id is already running here
   * @throws IllegalStateException after {@link #shutdown}
   */
  public synchronized Session start(Session.Builder builder) {
    if (shutdown) {
      throw new IllegalStateException("the session host is shut down");
    }
    if (sessions.containsKey(builder.id)) {
      throw new IllegalArgumentException("a session with id " + builder.id + " already exists");
    }
    Session s = builder.executor(executor).start();
    sessions.put(s.id(), s);
    return s;
  }

  /** The running session with this id, if any. */
  public Option<Session> get(String id) {
    return Option.of(sessions.get(id));
  }

  /** Ids of the sessions running here. */
  public List<String> ids() {
    return List.ofAll(sessions.keySet()).sorted();
  }

  /** Closes one session (see {@link Session#closeAsync()}) and forgets it. */
  public CompletableFuture<Void> remove(String id) {
    Session s = sessions.remove(id);
    return s == null ? CompletableFuture.completedFuture(null) : s.closeAsync();
  }

  /**
   * Refuses new sessions, closes every session (each applies everything it accepted) and waits up to
   * {@code timeout} for them; then shuts down an executor the host owns.
   *
   * @return true when every session closed in time
   */
  public boolean shutdown(Duration timeout) throws InterruptedException {
    synchronized (this) {
      shutdown = true;
    }
    CompletableFuture<?>[] closing = sessions.values().stream().map(Session::closeAsync).toArray(CompletableFuture[]::new);
    boolean done;
    try {
      CompletableFuture.allOf(closing).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      done = true;
    } catch (TimeoutException e) {
      done = false;
    } catch (ExecutionException e) {
      done = false;
    }
    sessions.clear();
    if (owned.isDefined()) {
      owned.get().shutdown();
      done &= owned.get().awaitTermination(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }
    return done;
  }

  /** {@link #shutdown} with a 30-second bound. */
  @Override
  public void close() throws InterruptedException {
    shutdown(Duration.ofSeconds(30));
  }
}
