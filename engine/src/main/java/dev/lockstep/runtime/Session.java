package dev.lockstep.runtime;

import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.machine.Decision;
import dev.lockstep.machine.Effect;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Limits;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Target;
import dev.lockstep.model.Message;
import dev.lockstep.model.Origin;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One conversation run as an actor: the only place its {@link SessionState} changes (DESIGN "The
 * shape", rules S1–S3, D1, D6). Build one with {@link #builder()}; talk to it with {@link #tell}, {@link #tellAll} or
 * the shortcuts {@link #prompt}, {@link #steer}, {@link #interrupt}, {@link #compact}; read it with
 * {@link #snapshot()}, {@link #transcript()} and {@link #awaitIdle}.
 *
 * <h2>Concurrency</h2>
 *
 * <p><b>Mailbox.</b> {@code tell} may be called from any thread. It appends an envelope (the event and
 * the future of its {@link Receipt}, one object) to the mailbox and then makes sure a drain is
 * scheduled. It never blocks and never runs user code, except when it wins the drain flag on a
 * same-thread executor (see below). The mailbox is a linked multi-producer, single-consumer queue
 * whose envelopes are their own nodes: a producer swaps itself into {@code mailboxTail} (one atomic
 * {@code getAndSet}, so producers never retry) and then links itself behind the envelope it replaced
 * (a volatile store: see {@code Envelope.link}). The drain follows {@code next} links from {@code mailboxHead}, the last envelope
 * it took, without atomic operations. Between a producer's swap and its link the drain sees the
 * mailbox end early; that is harmless because the producer calls {@code scheduleDrain} only after
 * linking, so the drain status (below) makes a drain look again.
 *
 * <p><b>Drain status.</b> At most one thread drains at a time. Who drains is decided by a small state
 * machine in one atomic integer, in the style of Caffeine's {@code BoundedLocalCache}:
 *
 * <pre>
 *   IDLE                     nobody drains and no drain is scheduled
 *   REQUIRED                 a drain task was handed to the executor and has not started yet
 *   PROCESSING_TO_IDLE       a drain runs; it may go idle when it finds the mailbox empty
 *   PROCESSING_TO_REQUIRED   a drain runs and a producer arrived meanwhile: it must look again
 * </pre>
 *
 * A producer, after enqueueing, moves {@code IDLE -> REQUIRED} (and only the winner of that CAS hands
 * the drain task to the executor: a drain is scheduled at most once) or {@code PROCESSING_TO_IDLE ->
 * PROCESSING_TO_REQUIRED}; in {@code REQUIRED} and {@code PROCESSING_TO_REQUIRED} it has nothing to
 * do. The drain sets {@code PROCESSING_TO_IDLE}, empties the mailbox, and leaves only through a CAS
 * {@code PROCESSING_TO_IDLE -> IDLE}. If that CAS fails, a producer enqueued after the drain's last
 * look, so the drain loops. This closes the lost wake-up: an enqueue that races with the end of a drain
 * either is seen by the drain's next look or finds {@code IDLE} and schedules a new drain.
 *
 * <p><b>Executors.</b> The drain runs on a pluggable {@link Executor}. With a same-thread executor
 * ({@code Runnable::run}) the producer that wins the {@code IDLE -> REQUIRED} CAS drains on its own
 * thread, which makes the actor deterministic under lincheck and jcstress. If the executor rejects the
 * drain task ({@link RejectedExecutionException}, e.g. a saturated or shut-down pool), the producer that
 * won the CAS runs the drain itself (caller-runs): no event is lost, the session stays alive, and a
 * warning is logged. The drain loops until the mailbox is empty rather than rescheduling itself, so a
 * same-thread executor never recurses.
 *
 * <p><b>Spinning.</b> Waking a parked drain thread costs microseconds (an unpark, a context switch),
 * more than applying an event. So during a burst — once a producer has told while this drain was
 * running — a drain that finds the mailbox empty polls the drain status for up to {@link
 * Builder#idleSpin} (default {@value #DEFAULT_IDLE_SPIN_MICROS} µs) before it tries to go idle; a
 * producer that tells meanwhile moves the status to {@code PROCESSING_TO_REQUIRED} and the drain takes
 * its event without a wake-up. A spin that times out is not repeated until a producer shows up again,
 * and a drain for a lone event does not spin at all, so a drain executor shared by many quiet sessions
 * loses at most one spin per burst. The spin is only a delay before the exit CAS, so it changes no
 * outcome. A drain run inline by a same-thread executor (the thread that scheduled it is the one
 * running it) never spins: its producer is the one waiting.
 *
 * <p><b>Group commit.</b> A drain takes up to {@value #MAX_BATCH} envelopes (a {@link #tellAll} is one
 * envelope, however many events it carries), hands their events to
 * {@link Durability#persist} once, and only then applies them with {@link Reducer#decide} one at a
 * time (rule D1). The sequence counter and the durability are touched by the draining thread only;
 * the drain-status CAS orders successive drains (happens-before), so no further locking is needed.
 *
 * <p><b>Publication.</b> After applying a batch, the drain writes the final state to one volatile
 * field: {@link #snapshot()} from any thread returns a whole, immutable state, never a torn one. Only
 * then are the receipts completed, so a caller that joined its receipt sees its event in any later
 * snapshot. Each receipt carries the state right after its own event. Then the effects are handed to
 * their executors ({@link EffectRunner}) and the listeners are told. No lock is held while user code
 * (tools, model client, summarizer, listeners) runs, and user code never runs inside the reducer.
 *
 * <p><b>Stopping.</b> If {@code persist} throws, the session stops loudly (rule D6): the receipts of
 * that batch and of everything still queued fail with {@link SessionStoppedException}, later {@code
 * tell}s throw it at once, and nothing more is applied. {@link #close()} stops accepting events, waits
 * until every event accepted before it is applied (none is dropped), cancels running tools and closes
 * the durability.
 */
public final class Session implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  /** Largest number of envelopes persisted in one group commit. */
  static final int MAX_BATCH = 256;

  /** Default {@link Builder#idleSpin}, in microseconds. */
  public static final int DEFAULT_IDLE_SPIN_MICROS = 20;

  private static final Duration DEFAULT_IDLE_SPIN = Duration.ofNanos(DEFAULT_IDLE_SPIN_MICROS * 1000L);

  private static final VarHandle TAIL;

  static {
    try {
      TAIL = MethodHandles.lookup().findVarHandle(Session.class, "mailboxTail", Envelope.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // Drain states (see the class comment).
  static final int IDLE = 0;
  static final int REQUIRED = 1;
  static final int PROCESSING_TO_IDLE = 2;
  static final int PROCESSING_TO_REQUIRED = 3;

  /**
   * What the mailbox holds: an event with the future of its receipt, several events with the future of
   * theirs, or a barrier. Every envelope is the future its producer waits on and its own mailbox node
   * (see "Mailbox"): {@code next} is written once, by the producer that enqueued after it, and read by
   * the drain.
   */
  private abstract static sealed class Envelope<T> extends CompletableFuture<T>
      permits Envelope.Tell, Envelope.TellAll, Envelope.Barrier {
    private static final VarHandle NEXT;

    static {
      try {
        NEXT = MethodHandles.lookup().findVarHandle(Envelope.class, "next", Envelope.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private volatile Envelope<?> next;

    /** The envelope enqueued after this one, or null if none is linked yet. */
    final Envelope<?> next() {
      return next;
    }

    /**
     * Links the successor (its producer, once). A volatile store, not a release store: the producer
     * reads the drain status next, and that load must not overtake this store (Dekker: else a drain
     * can miss the link, read the status, and go idle while the producer, seeing {@code REQUIRED},
     * schedules nothing — a lost wake-up that a release store allows and that the benchmarks hit).
     */
    final void link(Envelope<?> successor) {
      next = successor;
    }

    /** Drops the link of a consumed envelope (the drain), so old envelopes do not chain garbage. */
    final void unlink() {
      NEXT.setRelease(this, null);
    }

    /** One event; completes with its receipt. */
    static final class Tell extends Envelope<Receipt> {
      final Event event;

      Tell(Event event) {
        this.event = event;
      }
    }

    /**
     * Several events told at once: they enter the mailbox together (nothing another producer tells
     * lands between them), are persisted in the same group commit and applied back to back.
     */
    static final class TellAll extends Envelope<Vector<Receipt>> {
      final Event[] events;

      TellAll(Event[] events) {
        this.events = events;
      }
    }

    /**
     * Completes once everything enqueued before it is applied. {@code idleWaiter}, if any, is armed
     * then: only armed waiters may be completed, so a waiter never sees a state older than its caller's
     * tells.
     */
    static final class Barrier extends Envelope<Void> {
      final Option<CompletableFuture<SessionState>> idleWaiter;

      Barrier(Option<CompletableFuture<SessionState>> idleWaiter) {
        this.idleWaiter = idleWaiter;
      }
    }
  }

  /** Why the session stopped. */
  private record Stop(String reason, Throwable cause) {}

  private final String id;
  private final Executor executor;
  private final Durability durability;
  private final EffectRunner effects;
  private final Listeners listeners;
  /** The mailbox's last envelope; producers swap themselves in (see "Mailbox"). */
  private volatile Envelope<?> mailboxTail;
  /** The last envelope the drain took (a consumed placeholder); its {@code next} is the oldest queued. */
  private Envelope<?> mailboxHead;
  private final AtomicInteger drainStatus = new AtomicInteger(IDLE);
  private final AtomicInteger tellsInProgress = new AtomicInteger();
  /** Idle waiters whose barrier has passed; added by the drainer only, read by anyone. */
  private final ConcurrentLinkedQueue<CompletableFuture<SessionState>> idleWaiters = new ConcurrentLinkedQueue<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  /** False for {@link Durability#none()}: the drain then builds no batch for it. */
  private final boolean persists;
  /** How long a drain polls an empty mailbox before it goes idle (see "Spinning"); 0: not at all. */
  private final long idleSpinNanos;

  /** The one published state (see "Publication"). */
  private volatile SessionState state;
  /** Set once: the session no longer accepts events. */
  private volatile Stop stop;
  /** Set once by {@link #close()}: new events are refused, queued ones still run. */
  private volatile boolean closing;
  /** Next sequence number; read and written by the draining thread only. */
  private long nextSeq;
  /**
   * Test hook: runs on the draining thread after it found the mailbox empty and before it tries to
   * go idle, i.e. inside the lost-wake-up window. A no-op outside tests.
   */
  private Runnable beforeGoingIdle = () -> {};

  private Session(Builder b, SessionState initial, long firstSeq) {
    this.id = b.id;
    this.executor = b.executor;
    this.durability = b.durability;
    this.persists = b.durability != NoDurability.INSTANCE;
    this.idleSpinNanos = b.idleSpin.toNanos();
    this.listeners = new Listeners(this, b.listeners);
    this.state = initial;
    Envelope<?> placeholder = new Envelope.Barrier(Option.none());
    this.mailboxHead = placeholder;
    this.mailboxTail = placeholder;
    this.nextSeq = firstSeq;
    this.effects = new EffectRunner(this, b, listeners);
  }

  /** A builder for a new session (or one resumed from a recovered state). */
  public static Builder builder() {
    return new Builder();
  }

  // ---- producers ------------------------------------------------------------------------------

  /**
   * Enqueues {@code event} and returns at once. The receipt completes once the event is durable and
   * applied (rule D1), or fails with {@link SessionStoppedException} if the session stopped first.
   *
   * @throws SessionStoppedException when the session is closed or stopped (rule S5: fail fast)
   */
  public CompletableFuture<Receipt> tell(Event event) {
    Objects.requireNonNull(event, "event");
    return admit(new Envelope.Tell(event));
  }

  /**
   * Enqueues {@code events} as one unit and returns at once: nothing another producer tells lands
   * between them, they are persisted in one group commit (rule D1) and applied back to back, in order.
   * The future completes with one receipt per event, in order, once all are durable and applied, or
   * fails with {@link SessionStoppedException} if the session stopped first (then none was applied).
   * The handoff to the drain is paid once per call (a parallel tool fan-out's results, a replayed
   * trace). An empty {@code events} completes at once with no receipts.
   *
   * @throws NullPointerException when {@code events} or one of them is null (nothing is enqueued)
   * @throws SessionStoppedException when the session is closed or stopped (rule S5: fail fast)
   */
  public CompletableFuture<Vector<Receipt>> tellAll(Iterable<? extends Event> events) {
    Objects.requireNonNull(events, "events");
    ArrayList<Event> copy = new ArrayList<>();
    for (Event e : events) {
      if (e == null) {
        throw new NullPointerException("events[" + copy.size() + "] is null");
      }
      copy.add(e);
    }
    if (copy.isEmpty()) {
      requireAccepting();
      return CompletableFuture.completedFuture(Vector.empty());
    }
    return admit(new Envelope.TellAll(copy.toArray(new Event[0])));
  }

  /**
   * Enqueues a producer's envelope unless the session stopped or is closing. Dekker-style handshake
   * with {@link #closeAsync()}: announce the tell, then check; close sets {@code closing}, then waits
   * for the announcements to drain. One of the two always sees the other's write.
   */
  private <T> CompletableFuture<T> admit(Envelope<T> envelope) {
    tellsInProgress.incrementAndGet();
    try {
      requireAccepting();
      enqueue(envelope);
      scheduleDrain();
      return envelope;
    } finally {
      tellsInProgress.decrementAndGet();
    }
  }

  /** Throws {@link SessionStoppedException} when the session stopped (rule D6) or is closing. */
  private void requireAccepting() {
    Stop s = stop;
    if (s != null) {
      throw new SessionStoppedException(id, s.reason(), s.cause());
    }
    if (closing) {
      throw new SessionStoppedException(id, "closed", null);
    }
  }

  /** Sends a user prompt: starts a turn when idle, else waits for the next turn (rule S2). */
  public CompletableFuture<Receipt> prompt(String text) {
    return tell(new Event.UserPrompt(text));
  }

  /** Steers the running turn as the user; enters at the next step boundary (rule S1). */
  public CompletableFuture<Receipt> steer(String text) {
    return steer(text, Origin.USER);
  }

  /** Steers the running turn; {@code origin} says whether the user or a background task sent it. */
  public CompletableFuture<Receipt> steer(String text, Origin origin) {
    return tell(new Event.Steer(text, origin));
  }

  /** Interrupts the running turn: open calls are sealed, running tools cancelled (rule P2, S2). */
  public CompletableFuture<Receipt> interrupt() {
    return tell(new Event.Interrupt(Option.none()));
  }

  /** Interrupts the running turn with a reason shown in the turn-ended notice. */
  public CompletableFuture<Receipt> interrupt(String reason) {
    return tell(new Event.Interrupt(Option.some(reason)));
  }

  /** Requests a compaction of the committed transcript (rules C1–C4). */
  public CompletableFuture<Receipt> compact() {
    return tell(new Event.Compact());
  }

  /** Posts an event on behalf of the runtime: never throws, a stopped session gives a failed future. */
  CompletableFuture<Receipt> post(Event event) {
    try {
      return tell(event);
    } catch (SessionStoppedException e) {
      LOG.debug("session {}: {} not accepted: {}", id, event.getClass().getSimpleName(), e.getMessage());
      return CompletableFuture.failedFuture(e);
    }
  }

  // ---- readers --------------------------------------------------------------------------------

  /** This session's id. */
  public String id() {
    return id;
  }

  /** The current state: a whole, immutable value (never torn), readable from any thread. */
  public SessionState snapshot() {
    return state;
  }

  /** The committed transcript of the current state (sealed steps only, rule P1). */
  public Vector<Message> transcript() {
    return state.transcript();
  }

  /** True once the session no longer accepts events (closed or stopped by rule D6). */
  public boolean isStopped() {
    return stop != null || closing;
  }

  /** Why the session stopped, if it did. */
  public Option<SessionStoppedException> stopCause() {
    Stop s = stop;
    return s == null ? Option.none() : Option.some(new SessionStoppedException(id, s.reason(), s.cause()));
  }

  /**
   * Completes with the state once the session is idle: no turn running, no compaction running, no
   * model request, summarizer request or tool outstanding, and nothing queued. Fails if the session
   * stops first.
   */
  public CompletableFuture<SessionState> whenIdle() {
    CompletableFuture<SessionState> waiter = new CompletableFuture<>();
    Stop s = stop;
    if (s != null || closed.isDone()) {
      waiter.completeExceptionally(s != null
          ? new SessionStoppedException(id, s.reason(), s.cause())
          : new SessionStoppedException(id, "closed", null));
      return waiter;
    }
    enqueue(new Envelope.Barrier(Option.some(waiter)));
    scheduleDrain();
    return waiter;
  }

  /**
   * Waits up to {@code timeout} for {@link #whenIdle()}.
   *
   * @return true when the session became idle in time
   * @throws SessionStoppedException when the session stopped before becoming idle
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    try {
      whenIdle().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SessionStoppedException s) {
        throw s;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Number of tools currently running or waiting to start. */
  public int runningTools() {
    return effects.runningTools();
  }

  // ---- closing --------------------------------------------------------------------------------

  /**
   * Stops accepting events and completes once every event accepted before is applied (none is
   * dropped); then cancels running tools and outstanding requests and closes the durability. Later
   * {@link #tell}s throw {@link SessionStoppedException}.
   */
  public CompletableFuture<Void> closeAsync() {
    if (!closing) {
      closing = true;
      while (tellsInProgress.get() != 0) {
        Thread.onSpinWait();
      }
      Envelope.Barrier flushed = new Envelope.Barrier(Option.none());
      enqueue(flushed);
      scheduleDrain();
      flushed.whenComplete((v, e) -> finishClose());
    }
    return closed;
  }

  /** {@link #closeAsync()} and wait for it. */
  @Override
  public void close() {
    closeAsync().join();
  }

  private void finishClose() {
    effects.cancelAll();
    try {
      durability.close();
    } catch (Exception e) {
      LOG.warn("session {}: closing the durability failed", id, e);
    }
    SessionStoppedException why = new SessionStoppedException(id, "closed", null);
    failIdleWaiters(why);
    listeners.fire(l -> l.onStopped(this, why));
    closed.complete(null);
  }

  /** Installs the {@link #beforeGoingIdle} test hook; call before the first {@code tell}. */
  void beforeGoingIdleForTest(Runnable hook) {
    this.beforeGoingIdle = Objects.requireNonNull(hook, "hook");
  }

  // ---- the mailbox (see "Mailbox") --------------------------------------------------------------

  /** Appends {@code e}; any thread. Wait-free: one atomic swap and one volatile store (the link). */
  private void enqueue(Envelope<?> e) {
    Envelope<?> previous = (Envelope<?>) TAIL.getAndSet(this, e);
    previous.link(e);
  }

  /** The oldest envelope not yet taken, or null; the draining thread only. */
  private Envelope<?> poll() {
    Envelope<?> head = mailboxHead;
    Envelope<?> next = head.next();
    if (next == null) {
      return null;
    }
    mailboxHead = next;
    head.unlink(); // no producer writes it again
    return next;
  }

  /** True when no linked envelope waits; the draining thread only (an enqueue in progress is not seen). */
  private boolean mailboxEmpty() {
    return mailboxHead.next() == null;
  }

  // ---- the drain ------------------------------------------------------------------------------

  /** Makes sure a drain will look at the mailbox after the caller's enqueue (see "Drain status"). */
  private void scheduleDrain() {
    for (;;) {
      int status = drainStatus.get();
      switch (status) {
        case IDLE -> {
          if (drainStatus.compareAndSet(IDLE, REQUIRED)) {
            Thread scheduler = Thread.currentThread();
            try {
              // A drain run inline by a same-thread executor must not spin: nobody else would fill the
              // mailbox while its own producer waits for it.
              executor.execute(() -> drain(Thread.currentThread() != scheduler));
            } catch (RejectedExecutionException e) {
              LOG.warn("session {}: executor rejected the drain task; draining on the calling thread", id, e);
              drain(false);
            }
            return;
          }
        }
        case PROCESSING_TO_IDLE -> {
          if (drainStatus.compareAndSet(PROCESSING_TO_IDLE, PROCESSING_TO_REQUIRED)) {
            return;
          }
        }
        case REQUIRED, PROCESSING_TO_REQUIRED -> {
          return;
        }
        default -> throw new IllegalStateException("Invalid drain status: " + status);
      }
    }
  }

  /**
   * The consumer: runs while this thread owns the drain (status REQUIRED on entry). {@code maySpin}:
   * the drain runs on a thread of its own, so it may poll an empty mailbox briefly before going idle.
   */
  private void drain(boolean maySpin) {
    drainStatus.set(PROCESSING_TO_IDLE);
    // Spin only once a producer has told while this drain ran (a burst); a spin that times out is
    // not repeated until a producer shows up again. A drain for a lone event goes idle at once.
    boolean spin = false;
    for (;;) {
      try {
        drainMailbox();
      } catch (Throwable t) {
        // Only a bug in the runtime or reducer gets here: stop loudly rather than run on a bad state.
        LOG.error("session {}: internal failure while draining; stopping", id, t);
        stopLoudly("internal failure: " + t, t);
      }
      if (spin) {
        spin = awaitProducer();
      }
      beforeGoingIdle.run();
      if (drainStatus.compareAndSet(PROCESSING_TO_IDLE, IDLE)) {
        return;
      }
      // PROCESSING_TO_REQUIRED: a producer enqueued after our last look. Only we leave this state.
      drainStatus.set(PROCESSING_TO_IDLE);
      spin = maySpin && idleSpinNanos > 0;
    }
  }

  /**
   * Polls the drain status until a producer marks {@code PROCESSING_TO_REQUIRED} (it enqueued after
   * our last look) or the spin time is up. Only a delay: the exit CAS decides as before.
   *
   * @return true when a producer arrived, false when the time ran out
   */
  private boolean awaitProducer() {
    long deadline = System.nanoTime() + idleSpinNanos;
    for (;;) {
      if (drainStatus.get() != PROCESSING_TO_IDLE) {
        return true;
      }
      if (stop != null || System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.onSpinWait();
    }
  }

  private void drainMailbox() {
    ArrayList<Envelope<?>> batch = new ArrayList<>();
    for (;;) {
      batch.clear();
      Envelope<?> e;
      while (batch.size() < MAX_BATCH && (e = poll()) != null) {
        batch.add(e);
      }
      if (batch.isEmpty()) {
        return;
      }
      processBatch(batch);
    }
  }

  private void processBatch(ArrayList<Envelope<?>> batch) {
    Stop s = stop;
    if (s != null) {
      failAll(batch, new SessionStoppedException(id, s.reason(), s.cause()));
      return;
    }
    int count = 0;
    for (Envelope<?> e : batch) {
      switch (e) {
        case Envelope.Tell t -> count++;
        case Envelope.TellAll t -> count += t.events.length;
        case Envelope.Barrier b -> {}
      }
    }
    Event[] events = new Event[count];
    int k = 0;
    for (Envelope<?> e : batch) {
      switch (e) {
        case Envelope.Tell t -> events[k++] = t.event;
        case Envelope.TellAll t -> {
          System.arraycopy(t.events, 0, events, k, t.events.length);
          k += t.events.length;
        }
        case Envelope.Barrier b -> {}
      }
    }
    if (count > 0 && persists) {
      try {
        durability.persist(nextSeq, Vector.of(events));
      } catch (Throwable t) {
        LOG.error("session {}: journal write of events {}..{} failed; stopping the session (rule D6)",
            id, nextSeq, nextSeq + count - 1, t);
        stopLoudly("journal write failed (rule D6): " + t, t);
        failAll(batch, new SessionStoppedException(id, stop.reason(), t));
        return;
      }
    }
    SessionState current = state;
    Receipt[] receipts = new Receipt[count];
    for (int j = 0; j < count; j++) {
      Decision d = Reducer.decide(current, events[j]);
      current = d.state();
      receipts[j] = new Receipt(nextSeq++, events[j], d);
    }
    state = current; // the one volatile write per batch
    for (Receipt r : receipts) {
      Vector<Effect> asked = r.decision().effects();
      if (!asked.isEmpty()) {
        effects.dispatch(asked);
      }
    }
    int i = 0;
    for (Envelope<?> e : batch) {
      switch (e) {
        case Envelope.Tell t -> t.complete(receipts[i++]);
        case Envelope.TellAll t -> {
          t.complete(Vector.of(Arrays.copyOfRange(receipts, i, i + t.events.length)));
          i += t.events.length;
        }
        case Envelope.Barrier b -> {
          b.idleWaiter.forEach(idleWaiters::add);
          b.complete(null);
        }
      }
    }
    if (listeners.any()) {
      for (Receipt r : receipts) {
        listeners.fire(l -> l.onApplied(this, r));
        for (Effect effect : r.decision().effects()) {
          switch (effect) {
            case Effect.Rejected rej -> listeners.fire(l -> l.onRejected(this, r.event(), rej.reason()));
            case Effect.Notify n -> listeners.fire(l -> l.onNotice(this, n.notice()));
            default -> {}
          }
        }
      }
      SessionState published = current;
      listeners.fire(l -> l.onState(this, published));
    }
    checkIdle(current);
  }

  private void checkIdle(SessionState s) {
    if (idleWaiters.isEmpty()) {
      return;
    }
    if (s.turn().isEmpty() && s.compaction().isEmpty() && effects.outstanding() == 0 && mailboxEmpty()) {
      // Only the drainer adds to idleWaiters, so this loop completes exactly the waiters armed so far.
      CompletableFuture<SessionState> w;
      while ((w = idleWaiters.poll()) != null) {
        w.complete(s);
      }
    }
  }

  /** Called when the last outstanding effect has told its completion: re-check idleness if anyone waits. */
  void effectsSettled() {
    if (!idleWaiters.isEmpty()) {
      wakeUp();
    }
  }

  /** Enqueues a barrier so that a drain re-checks idleness. */
  private void wakeUp() {
    if (stop != null) {
      return;
    }
    enqueue(new Envelope.Barrier(Option.none()));
    scheduleDrain();
  }

  private void stopLoudly(String reason, Throwable cause) {
    if (stop != null) {
      return;
    }
    stop = new Stop(reason, cause);
    SessionStoppedException why = new SessionStoppedException(id, reason, cause);
    effects.cancelAll();
    failIdleWaiters(why);
    listeners.fire(l -> l.onStopped(this, why));
  }

  private void failAll(ArrayList<Envelope<?>> batch, SessionStoppedException why) {
    for (Envelope<?> e : batch) {
      switch (e) {
        case Envelope.Tell t -> t.completeExceptionally(why);
        case Envelope.TellAll t -> t.completeExceptionally(why);
        case Envelope.Barrier b -> {
          b.idleWaiter.forEach(w -> w.completeExceptionally(why));
          b.complete(null);
        }
      }
    }
  }

  private void failIdleWaiters(SessionStoppedException why) {
    CompletableFuture<SessionState> w;
    while ((w = idleWaiters.poll()) != null) {
      w.completeExceptionally(why);
    }
  }

  // ---- builder --------------------------------------------------------------------------------

  /**
   * Configures and starts a {@link Session}. Required: a {@link #target} (unless resuming from a
   * recovered state) and a {@link #modelClient}. Everything else has a default: no durability, virtual
   * threads for draining, effects and tools, ten-minute model and tool timeouts, no summarizer
   * (compaction then fails, rule C3).
   */
  public static final class Builder {
    String id = UUID.randomUUID().toString();
    Option<Target> target = Option.none();
    DialectOptions options = DialectOptions.defaults();
    Limits limits = Limits.defaults();
    Option<SessionState> initial = Option.none();
    long firstSeq;
    ModelClient modelClient;
    ToolRunner toolRunner = (call, args) -> {
      throw new IllegalStateException("no tool runner is configured for this session");
    };
    Option<Summarizer> summarizer = Option.none();
    Durability durability = Durability.none();
    Executor executor = VirtualThreads.executor("lockstep-drain-");
    Executor effectExecutor = VirtualThreads.executor("lockstep-effect-");
    Executor toolExecutor = VirtualThreads.executor("lockstep-tool-");
    Duration modelTimeout = Duration.ofMinutes(10);
    Duration toolTimeout = Duration.ofMinutes(10);
    Duration idleSpin = DEFAULT_IDLE_SPIN;
    Map<String, Duration> toolTimeouts = HashMap.empty();
    List<SessionListener> listeners = List.empty();

    private Builder() {}

    /** The session id (default: a random UUID). */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Dialect and model that requests go to (ignored when resuming from a state, which has its own). */
    public Builder target(Target target) {
      this.target = Option.some(Objects.requireNonNull(target, "target"));
      return this;
    }

    /** Shortcut for {@code target(new Target(dialect, model))}. */
    public Builder target(String dialect, String model) {
      return target(new Target(dialect, model));
    }

    /** Projection options: thinking, system prompt, tools offered (rule V1). */
    public Builder options(DialectOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Step bound and declared tools (rule S5); ignored when resuming from a state. */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Resumes from a recovered state: {@code state} as folded from the journal (including its
     * {@code Recovered} record, rule D4) and {@code nextSequence}, the sequence number the next
     * accepted event gets.
     */
    public Builder resumeFrom(SessionState state, long nextSequence) {
      this.initial = Option.some(Objects.requireNonNull(state, "state"));
      if (nextSequence < 0) {
        throw new IllegalArgumentException("nextSequence must not be negative: " + nextSequence);
      }
      this.firstSeq = nextSequence;
      return this;
    }

    /** The provider call (required). */
    public Builder modelClient(ModelClient client) {
      this.modelClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The tools (default: every call fails with a clear message). */
    public Builder toolRunner(ToolRunner runner) {
      this.toolRunner = Objects.requireNonNull(runner, "runner");
      return this;
    }

    /** The compaction summarizer (default: none; {@code compact} then fails and changes nothing). */
    public Builder summarizer(Summarizer summarizer) {
      this.summarizer = Option.some(Objects.requireNonNull(summarizer, "summarizer"));
      return this;
    }

    /** Where events become durable before they apply (default: {@link Durability#none()}). */
    public Builder durability(Durability durability) {
      this.durability = Objects.requireNonNull(durability, "durability");
      return this;
    }

    /**
     * The executor that runs the drain (default: a virtual thread per drain). {@code Runnable::run}
     * makes the producer that wins the drain flag drain on its own thread.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The executor that projects, validates and sends model and summarizer requests (default: virtual
     * threads). {@code Runnable::run} is allowed.
     */
    public Builder effectExecutor(Executor executor) {
      this.effectExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The executor that runs tools (default: a virtual thread per call). A tool task blocks while it
     * waits for its {@code tool_started} receipt, so this executor must not run tasks inline.
     */
    public Builder toolExecutor(Executor executor) {
      this.toolExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * How long a drain keeps polling an empty mailbox before it goes idle (default {@value
     * #DEFAULT_IDLE_SPIN_MICROS} µs; zero: go idle at once). A producer that tells within this window
     * finds the drain still running and skips waking a thread. Drains run inline by a same-thread
     * executor never spin.
     */
    public Builder idleSpin(Duration spin) {
      Objects.requireNonNull(spin, "spin");
      if (spin.isNegative() || spin.compareTo(Duration.ofMillis(1)) > 0) {
        throw new IllegalArgumentException("idle spin must be between 0 and 1 ms: " + spin);
      }
      this.idleSpin = spin;
      return this;
    }

    /** Model and summarizer request timeout; on expiry the request fails like a model error (rule S5). */
    public Builder modelTimeout(Duration timeout) {
      this.modelTimeout = positive(timeout);
      return this;
    }

    /** Default per-tool timeout; on expiry the call is {@code FAILED} with a marked text (rule S5). */
    public Builder toolTimeout(Duration timeout) {
      this.toolTimeout = positive(timeout);
      return this;
    }

    /** Timeout for one tool by name, overriding {@link #toolTimeout(Duration)}. */
    public Builder toolTimeout(String toolName, Duration timeout) {
      this.toolTimeouts = toolTimeouts.put(Objects.requireNonNull(toolName, "toolName"), positive(timeout));
      return this;
    }

    /** Adds a listener (see {@link SessionListener} for threads and isolation). */
    public Builder listener(SessionListener listener) {
      this.listeners = listeners.append(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The state a new session built by this builder starts from: {@code SessionState.initial(target,
     * limits)}. A journal is folded from this state on recovery (rule D3), so a durable opener reads it
     * here rather than asking for the target and limits twice.
     *
     * @throws IllegalStateException when no target is set
     */
    public SessionState freshState() {
      return SessionState.initial(
          target.getOrElseThrow(() -> new IllegalStateException("a target (dialect and model) is required")),
          limits);
    }

    /** Builds the session. It is ready for {@link Session#tell} at once. */
    public Session start() {
      if (modelClient == null) {
        throw new IllegalStateException("a model client is required");
      }
      SessionState s = initial.getOrElse(this::freshState);
      return new Session(this, s, firstSeq);
    }

    private static Duration positive(Duration d) {
      Objects.requireNonNull(d, "timeout");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + d);
      }
      return d;
    }
  }
}
