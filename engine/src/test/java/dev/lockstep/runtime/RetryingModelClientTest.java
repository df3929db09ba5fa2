package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.dialect.Json;
import dev.lockstep.machine.Target;
import io.vavr.control.Option;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Retry policy of rule V5 with a fake clock and sleeper: no real waiting, no timing assertions. */
class RetryingModelClientTest {
  private static final ModelRequest REQUEST =
      new ModelRequest(7, ModelRequest.Kind.TURN, new Target("anthropic", "claude"), Json.NODES.objectNode());
  private static final ModelResponse OK = ModelResponse.Reply.text("hi");
  private static final ModelResponse OVERLOADED = new ModelResponse.Failure(529, "overloaded_error: Overloaded");
  private static final ModelResponse SCHEMA = new ModelResponse.Failure(400,
      "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1.");

  /** A clock the fake sleeper advances. */
  static final class FakeTime extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final List<Duration> slept = new ArrayList<>();

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    RetryingModelClient.Sleeper sleeper() {
      return d -> {
        slept.add(d);
        now = now.plus(d);
        return CompletableFuture.completedFuture(null);
      };
    }
  }

  /** A delegate that plays scripted outcomes and counts sends. */
  static final class Scripted implements ModelClient {
    final Deque<Object> script = new ArrayDeque<>();
    final List<ModelRequest> sent = new ArrayList<>();

    Scripted(Object... outcomes) {
      script.addAll(List.of(outcomes));
    }

    @Override
    public CompletableFuture<ModelResponse> send(ModelRequest request) {
      sent.add(request);
      Object next = script.isEmpty() ? OK : script.poll();
      return next instanceof Throwable t ? CompletableFuture.failedFuture(t) : CompletableFuture.completedFuture((ModelResponse) next);
    }
  }

  private static RetryingModelClient client(Scripted s, FakeTime time, RetryingModelClient.Policy p, RetryingModelClient.SchemaRepair repair) {
    return new RetryingModelClient(s, p, time, time.sleeper(), () -> 1.0, repair);
  }

  private static final RetryingModelClient.Policy POLICY =
      new RetryingModelClient.Policy(4, Duration.ofSeconds(1), Duration.ofSeconds(3), 2.0, Duration.ofMinutes(1));

  @Test
  void overload_isRetriedWithExponentialBackoff_cappedAtMaxDelay_thenSucceeds() {
    FakeTime time = new FakeTime();
    Scripted s = new Scripted(OVERLOADED, OVERLOADED, OVERLOADED, OK);
    ModelResponse r = client(s, time, POLICY, RetryingModelClient.SchemaRepair.none()).send(REQUEST).toCompletableFuture().join();
    assertEquals(OK, r);
    assertEquals(4, s.sent.size());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)), time.slept);
  }

  @Test
  void overload_givesUpAfterMaxAttempts_withTheLastFailure() {
    FakeTime time = new FakeTime();
    Scripted s = new Scripted(OVERLOADED, OVERLOADED, OVERLOADED, OVERLOADED, OK);
    ModelResponse r = client(s, time, POLICY, RetryingModelClient.SchemaRepair.none()).send(REQUEST).toCompletableFuture().join();
    assertEquals(OVERLOADED, r);
    assertEquals(4, s.sent.size());
  }

  @Test
  void retriesStopAtTheElapsedBudget() {
    FakeTime time = new FakeTime();
    Scripted s = new Scripted(OVERLOADED, OVERLOADED, OVERLOADED, OK);
    var p = new RetryingModelClient.Policy(10, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, Duration.ofMillis(2500));
    ModelResponse r = client(s, time, p, RetryingModelClient.SchemaRepair.none()).send(REQUEST).toCompletableFuture().join();
    assertEquals(OVERLOADED, r);
    assertEquals(List.of(Duration.ofSeconds(1)), time.slept); // 1 s, then 1+2 s would exceed 2.5 s
  }

  @Test
  void jitterScalesTheDelayBetweenHalfAndFull() {
    FakeTime time = new FakeTime();
    Scripted s = new Scripted(OVERLOADED, OK);
    new RetryingModelClient(s, POLICY, time, time.sleeper(), () -> 0.0, RetryingModelClient.SchemaRepair.none())
        .send(REQUEST).toCompletableFuture().join();
    assertEquals(List.of(Duration.ofMillis(500)), time.slept);
  }

  @Test
  void schemaError_isNeverRetriedBlindly() {
    FakeTime time = new FakeTime();
    Scripted s = new Scripted(SCHEMA, OK);
    ModelResponse r = client(s, time, POLICY, RetryingModelClient.SchemaRepair.none()).send(REQUEST).toCompletableFuture().join();
    assertEquals(SCHEMA, r);
    assertEquals(1, s.sent.size());
    assertEquals(List.of(), time.slept);
  }

  @Test
  void schemaError_isRepairedOnce_thenTheSecondSchemaErrorIsFinal() {
    FakeTime time = new FakeTime();
    Scripted s = new Scripted(SCHEMA, SCHEMA, OK);
    ModelRequest repaired = new ModelRequest(7, ModelRequest.Kind.TURN, REQUEST.target(), Json.NODES.objectNode().put("repaired", true));
    int[] repairs = {0};
    ModelResponse r = client(s, time, POLICY, (req, why) -> {
      repairs[0]++;
      return Option.some(repaired);
    }).send(REQUEST).toCompletableFuture().join();
    assertEquals(SCHEMA, r);
    assertEquals(List.of(REQUEST, repaired), s.sent);
    assertEquals(1, repairs[0]);
  }

  @Test
  void schemaError_repairedRequestSucceeds() {
    FakeTime time = new FakeTime();
    Scripted s = new Scripted(SCHEMA, OK);
    ModelResponse r = client(s, time, POLICY, (req, why) -> Option.some(req)).send(REQUEST).toCompletableFuture().join();
    assertEquals(OK, r);
    assertEquals(2, s.sent.size());
  }

  @Test
  void authAndContextErrors_returnAtOnce() {
    for (ModelResponse f : List.of(new ModelResponse.Failure(401, "invalid x-api-key"),
        new ModelResponse.Failure(400, "prompt is too long: 300000 tokens > 200000 maximum"))) {
      FakeTime time = new FakeTime();
      Scripted s = new Scripted(f, OK);
      assertEquals(f, client(s, time, POLICY, (req, why) -> Option.some(req)).send(REQUEST).toCompletableFuture().join());
      assertEquals(1, s.sent.size());
    }
  }

  @Test
  void transportFailures_areRetried_otherExceptionsPropagate() {
    FakeTime time = new FakeTime();
    Scripted s = new Scripted(new IOException("connection reset"), OK);
    assertEquals(OK, client(s, time, POLICY, RetryingModelClient.SchemaRepair.none()).send(REQUEST).toCompletableFuture().join());
    assertEquals(2, s.sent.size());

    Scripted bad = new Scripted(new IllegalStateException("bug"), OK);
    CompletionException e = assertThrows(CompletionException.class,
        () -> client(bad, new FakeTime(), POLICY, RetryingModelClient.SchemaRepair.none()).send(REQUEST).toCompletableFuture().join());
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertEquals(1, bad.sent.size());
  }
}
