package dev.lockstep.runtime;

import dev.lockstep.dialect.errors.Classification;
import dev.lockstep.dialect.errors.ErrorClass;
import dev.lockstep.dialect.errors.ErrorClassifier;
import io.vavr.control.Option;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ModelClient} decorator that owns the retry policy of rule V5, so the reducer only ever sees
 * the final outcome.
 *
 * <ul>
 *   <li>Rate limits and overloads ({@link ErrorClass#retryable()}), and transport failures
 *       ({@link IOException}, {@link TimeoutException}), are retried with bounded exponential backoff:
 *       delay {@code min(maxDelay, initialDelay · multiplier^(n-1))}, scaled by a jitter factor in
 *       [0.5, 1], at most {@code maxAttempts} sends in all and never past {@code maxElapsed}.
 *   <li>A schema error is never retried as is: the optional {@link SchemaRepair} may return a repaired
 *       request, which is sent once; a second schema error (or no repair) is the final failure, and
 *       the turn fails with the session intact.
 *   <li>Auth, context-too-long and unknown errors are returned at once (context-too-long is for the
 *       session to answer with compaction).
 * </ul>
 *
 * <p>Time is injected: a {@link Clock} for the elapsed budget and a {@link Sleeper} for the waits, so
 * tests run without real sleeping. Attempts are chained asynchronously; no thread blocks.
 */
public final class RetryingModelClient implements ModelClient {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingModelClient.class);

  /** Waits asynchronously. */
  @FunctionalInterface
  public interface Sleeper {
    CompletionStage<Void> sleep(Duration d);

    /** Real waiting on the common pool's delayed executor. */
    static Sleeper real() {
      return d -> CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(d.toNanos(), TimeUnit.NANOSECONDS));
    }
  }

  /** Repairs a request the provider refused with a schema error, or declines (none). */
  @FunctionalInterface
  public interface SchemaRepair {
    Option<ModelRequest> repair(ModelRequest refused, Classification why);

    static SchemaRepair none() {
      return (r, c) -> Option.none();
    }
  }

  /** The backoff bounds. */
  public record Policy(int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier, Duration maxElapsed) {
    public Policy {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      Objects.requireNonNull(initialDelay, "initialDelay");
      Objects.requireNonNull(maxDelay, "maxDelay");
      Objects.requireNonNull(maxElapsed, "maxElapsed");
      if (multiplier < 1.0) {
        throw new IllegalArgumentException("multiplier must be at least 1");
      }
    }

    /** 5 attempts, 1 s doubling up to 30 s, within 2 minutes. */
    public static Policy defaults() {
      return new Policy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, Duration.ofMinutes(2));
    }

    /** The un-jittered delay before attempt {@code next} (2 = first retry). */
    Duration baseDelay(int next) {
      double millis = initialDelay.toMillis() * Math.pow(multiplier, next - 2);
      return Duration.ofMillis((long) Math.min(maxDelay.toMillis(), millis));
    }
  }

  private final ModelClient delegate;
  private final Policy policy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final SchemaRepair repair;

  /**
   * @param jitter values in [0, 1); the delay is scaled by {@code 0.5 + jitter/2}
   */
  public RetryingModelClient(ModelClient delegate, Policy policy, Clock clock, Sleeper sleeper, DoubleSupplier jitter, SchemaRepair repair) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.jitter = Objects.requireNonNull(jitter, "jitter");
    this.repair = Objects.requireNonNull(repair, "repair");
  }

  /** Default policy, system clock, real sleeping, random jitter, no schema repair. */
  public static RetryingModelClient wrap(ModelClient delegate) {
    return new RetryingModelClient(delegate, Policy.defaults(), Clock.systemUTC(), Sleeper.real(),
        () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble(), SchemaRepair.none());
  }

  @Override
  public CompletionStage<ModelResponse> send(ModelRequest request) {
    return attempt(request, 1, clock.instant(), false);
  }

  private CompletionStage<ModelResponse> attempt(ModelRequest request, int n, Instant start, boolean repaired) {
    CompletionStage<ModelResponse> sent;
    try {
      sent = delegate.send(request);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    return sent.handle((response, error) -> next(request, n, start, repaired, response, error))
        .thenCompose(s -> s);
  }

  private CompletionStage<ModelResponse> next(ModelRequest request, int n, Instant start, boolean repaired,
      ModelResponse response, Throwable error) {
    if (error != null) {
      Throwable cause = unwrap(error);
      if (cause instanceof IOException || cause instanceof TimeoutException) {
        Option<CompletionStage<ModelResponse>> retry = retryLater(request, n, start, repaired, "transport failure: " + cause);
        if (retry.isDefined()) {
          return retry.get();
        }
      }
      return CompletableFuture.failedFuture(cause);
    }
    if (!(response instanceof ModelResponse.Failure f)) {
      return CompletableFuture.completedFuture(response);
    }
    Classification c = ErrorClassifier.classify(f.status(), f.message(), request.target().dialect());
    if (c.errorClass().retryable()) {
      return retryLater(request, n, start, repaired, c.errorClass() + " (" + c.matched() + ")")
          .getOrElse(() -> CompletableFuture.completedFuture(response));
    }
    if (c.errorClass() == ErrorClass.SCHEMA && !repaired) {
      Option<ModelRequest> fixed = repair.repair(request, c);
      if (fixed.isDefined()) {
        LOG.warn("request {} refused by the provider as a schema error ({}: {}); sending one repaired request",
            request.id(), c.matched(), c.cause());
        return attempt(fixed.get(), n + 1, start, true);
      }
      LOG.warn("request {} refused by the provider as a schema error ({}: {}); no repair, not retried",
          request.id(), c.matched(), c.cause());
    }
    return CompletableFuture.completedFuture(response);
  }

  private Option<CompletionStage<ModelResponse>> retryLater(ModelRequest request, int n, Instant start, boolean repaired, String why) {
    if (n >= policy.maxAttempts()) {
      return Option.none();
    }
    Duration base = policy.baseDelay(n + 1);
    double j = Math.max(0.0, Math.min(1.0, jitter.getAsDouble()));
    Duration delay = Duration.ofMillis((long) (base.toMillis() * (0.5 + j / 2)));
    Duration elapsed = Duration.between(start, clock.instant());
    if (elapsed.plus(delay).compareTo(policy.maxElapsed()) > 0) {
      return Option.none();
    }
    LOG.info("request {} attempt {} failed ({}); retrying in {} ms", request.id(), n, why, delay.toMillis());
    return Option.some(sleeper.sleep(delay).thenCompose(v -> attempt(request, n + 1, start, repaired)));
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
