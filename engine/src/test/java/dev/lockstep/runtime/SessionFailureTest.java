package dev.lockstep.runtime;

import static dev.lockstep.runtime.Fixtures.assertSound;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.ToolSpec;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Notice;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.SyntheticText;
import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Outcome;
import dev.lockstep.model.SummaryMessage;
import dev.lockstep.model.ToolResultMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** User-code exceptions, executor rejection, timeouts, blocked requests and journal failures. */
class SessionFailureTest {

  private static Session.Builder base(ModelClient client) {
    return Session.builder().target("openai-chat", "m").modelClient(client);
  }

  private static ToolResultMessage onlyResult(SessionState s) {
    return s.transcript().filter(m -> m instanceof ToolResultMessage).map(ToolResultMessage.class::cast).single();
  }

  @Test
  void toolThrows_becomesFailedResultAndTheTurnGoesOn() throws Exception {
    Session session = base(Fixtures.fanOut(1)).toolRunner((c, a) -> {
      throw new IOException("disk on fire");
    }).start();
    session.prompt("go").join();
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    ToolResultMessage r = onlyResult(session.snapshot());
    assertEquals(Outcome.FAILED, r.outcome());
    assertTrue(r.text().startsWith("[lockstep:tool-error]") && r.text().contains("disk on fire"), r.text());
    assertTrue(session.snapshot().transcript().last() instanceof AssistantMessage, "the model got the failure and answered");
    assertSound(session.snapshot());
  }

  @Test
  void toolTimeout_becomesMarkedFailedResult() throws Exception {
    AtomicInteger interrupted = new AtomicInteger();
    Session session = base(Fixtures.fanOut(1)).toolTimeout("work", Duration.ofMillis(100)).toolRunner((c, a) -> {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        interrupted.incrementAndGet();
        throw e;
      }
      return ToolOutput.ok("late");
    }).start();
    session.prompt("go").join();
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    ToolResultMessage r = onlyResult(session.snapshot());
    assertEquals(Outcome.FAILED, r.outcome());
    assertEquals(SyntheticText.timeout("work", 100), r.text());
    assertEquals(1, interrupted.get(), "the timed-out tool was interrupted");
    assertSound(session.snapshot());
  }

  @Test
  void modelClientThrows_failsTheTurnAndTheSessionStaysUsable() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ConcurrentLinkedQueue<Notice> notices = new ConcurrentLinkedQueue<>();
    Session session = base(req -> {
      if (calls.getAndIncrement() == 0) {
        throw new IllegalStateException("SDK bug");
      }
      return CompletableFuture.completedFuture(ModelResponse.Reply.text("fine"));
    }).listener(new SessionListener() {
      @Override
      public void onNotice(Session s, Notice n) {
        notices.add(n);
      }
    }).start();
    session.prompt("one").join();
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    assertTrue(notices.stream().anyMatch(n -> n instanceof Notice.TurnEnded t && t.how() == Notice.TurnEnd.FAILED
        && t.detail().contains("SDK bug")), () -> "notices: " + notices);
    session.prompt("two").join();
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    assertEquals("fine", session.snapshot().transcript().last().text());
    assertSound(session.snapshot());
  }

  @Test
  void modelClientFailedStageOrTimeout_becomesModelError() throws Exception {
    Session failing = base(req -> CompletableFuture.failedFuture(new IOException("connection reset"))).start();
    failing.prompt("x").join();
    assertTrue(failing.awaitIdle(Duration.ofSeconds(10)));
    assertTrue(failing.snapshot().turn().isEmpty());

    ConcurrentLinkedQueue<String> details = new ConcurrentLinkedQueue<>();
    Session silent = base(req -> new CompletableFuture<>()).modelTimeout(Duration.ofMillis(100))
        .listener(new SessionListener() {
          @Override
          public void onNotice(Session s, Notice n) {
            if (n instanceof Notice.TurnEnded t) {
              details.add(t.detail());
            }
          }
        }).start();
    silent.prompt("x").join();
    assertTrue(silent.awaitIdle(Duration.ofSeconds(10)));
    assertTrue(details.stream().anyMatch(d -> d.contains("[lockstep:timeout]")), () -> "details: " + details);
  }

  @Test
  void listenerThrows_isIsolated() throws Exception {
    AtomicInteger secondSaw = new AtomicInteger();
    Session session = base(Fixtures.fanOut(1)).toolRunner((c, a) -> ToolOutput.ok("ok"))
        .listener(new SessionListener() {
          @Override
          public void onApplied(Session s, Receipt r) {
            throw new RuntimeException("UI bug");
          }

          @Override
          public void onState(Session s, SessionState st) {
            throw new Error("worse UI bug");
          }
        })
        .listener(new SessionListener() {
          @Override
          public void onApplied(Session s, Receipt r) {
            secondSaw.incrementAndGet();
          }
        })
        .start();
    session.prompt("go").join();
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    assertSound(session.snapshot());
    assertTrue(secondSaw.get() >= 4, "the other listener still saw every event: " + secondSaw.get());
  }

  @Test
  void summarizerThrows_compactionLeavesTheTranscriptUnchanged() throws Exception {
    Session session = base(Fixtures.fanOut(1)).toolRunner((c, a) -> ToolOutput.ok("ok"))
        .summarizer(req -> {
          throw new IllegalStateException("summarizer down");
        }).start();
    session.prompt("go").join();
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    Vector<?> before = session.transcript();
    assertTrue(session.compact().join().decision().effects().exists(e -> e instanceof dev.lockstep.machine.Effect.Summarize));
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    assertEquals(before, session.transcript());
    assertTrue(session.snapshot().compaction().isEmpty());
  }

  @Test
  void summarizerAnswers_prefixReplacedBySummary() throws Exception {
    Session session = base(Fixtures.fanOut(1)).toolRunner((c, a) -> ToolOutput.ok("ok"))
        .summarizer(req -> CompletableFuture.completedFuture("they asked, the tool said ok")).start();
    session.prompt("go").join();
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    session.compact().join();
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    assertEquals(1, session.transcript().size());
    assertInstanceOf(SummaryMessage.class, session.transcript().head());
    assertSound(session.snapshot());
  }

  @Test
  void invalidRequest_isBlockedNeverSent_andFailsTheTurn() throws Exception {
    // 129 tools: the openai-chat validator refuses the request (tools-limit), so it must never be sent.
    Vector<ToolSpec> tools = Vector.range(0, 129).map(i -> new ToolSpec("t" + i, "d", JsonNodeFactory.instance.objectNode()));
    AtomicInteger sent = new AtomicInteger();
    ConcurrentLinkedQueue<String> blocked = new ConcurrentLinkedQueue<>();
    Session session = base(req -> {
      sent.incrementAndGet();
      return CompletableFuture.completedFuture(ModelResponse.Reply.text("no"));
    }).options(new DialectOptions(false, Option.none(), tools)).listener(new SessionListener() {
      @Override
      public void onRequestBlocked(Session s, long request, io.vavr.collection.List<dev.lockstep.dialect.RequestViolation> v) {
        v.forEach(x -> blocked.add(x.rule()));
      }
    }).start();
    session.prompt("go").join();
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    assertEquals(0, sent.get(), "a request failing validation is never sent (V2)");
    assertTrue(blocked.contains("openai-chat/tools-limit"), () -> "blocked: " + blocked);
    assertTrue(session.snapshot().turn().isEmpty(), "the turn failed like a model error");
  }

  @Test
  void drainExecutorRejects_callerRunsTheDrainAndNothingIsLost() throws Exception {
    AtomicInteger n = new AtomicInteger();
    Executor flaky = task -> {
      if (n.getAndIncrement() % 2 == 0) {
        throw new RejectedExecutionException("saturated");
      }
      Thread.ofVirtual().start(task);
    };
    Session session = base(Fixtures.fanOut(3)).executor(flaky).toolRunner((c, a) -> ToolOutput.ok("ok-" + c.id())).start();
    session.prompt("go");
    for (int i = 0; i < 50; i++) {
      session.steer("s" + i);
    }
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    SessionState s = session.snapshot();
    assertSound(s);
    for (int i = 0; i < 50; i++) {
      Fixtures.assertOnce(s, "s" + i, dev.lockstep.model.SteerMessage.class);
    }
    // The first request to the executor is always refused (n = 0), so the caller-runs path ran; how many
    // more drains were scheduled depends on timing (one drain may absorb every later tell).
    assertTrue(n.get() >= 1, "the executor was asked and refused at least once");
  }

  @Test
  void toolAndEffectExecutorsReject_becomeFailedResultAndModelError() throws Exception {
    Executor refuse = task -> {
      throw new RejectedExecutionException("no");
    };
    Session noTools = base(Fixtures.fanOut(1)).toolExecutor(refuse).start();
    noTools.prompt("go").join();
    assertTrue(noTools.awaitIdle(Duration.ofSeconds(10)));
    ToolResultMessage r = onlyResult(noTools.snapshot());
    assertEquals(Outcome.FAILED, r.outcome());
    assertTrue(r.text().startsWith("[lockstep:not-run]"));

    Session noEffects = base(Fixtures.fanOut(1)).effectExecutor(refuse).start();
    noEffects.prompt("go").join();
    assertTrue(noEffects.awaitIdle(Duration.ofSeconds(10)));
    assertTrue(noEffects.snapshot().turn().isEmpty(), "the turn failed; the session lives");
    assertEquals(1, noEffects.prompt("again").join().sequence() > 0 ? 1 : 0);
  }

  @Test
  void persistFails_sessionStopsLoudly_batchFails_laterTellFailsFast() throws Exception {
    AtomicInteger batches = new AtomicInteger();
    Durability failing = (first, events) -> {
      if (batches.incrementAndGet() == 3) {
        throw new IOException("fsync: no space left on device");
      }
    };
    ConcurrentLinkedQueue<SessionStoppedException> stopped = new ConcurrentLinkedQueue<>();
    Session session = base(Fixtures.fanOut(0)).executor(Runnable::run).effectExecutor(Runnable::run)
        .durability(failing).listener(new SessionListener() {
          @Override
          public void onStopped(Session s, SessionStoppedException why) {
            stopped.add(why);
          }
        }).start();
    Receipt a = session.tell(new Event.Interrupt(Option.none())).join();
    Receipt b = session.tell(new Event.Interrupt(Option.none())).join();
    CompletableFuture<Receipt> c = session.tell(new Event.Interrupt(Option.none()));
    ExecutionException e = assertThrows(ExecutionException.class, () -> c.get(5, TimeUnit.SECONDS));
    assertInstanceOf(SessionStoppedException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("D6"), e.getCause().getMessage());
    SessionStoppedException later = assertThrows(SessionStoppedException.class, () -> session.prompt("more"));
    assertInstanceOf(IOException.class, later.getCause());
    assertTrue(session.isStopped());
    assertEquals(1, stopped.size(), "listeners hear about the stop once");
    assertEquals(0, a.sequence());
    assertEquals(1, b.sequence());
    assertThrows(SessionStoppedException.class, () -> session.awaitIdle(Duration.ofSeconds(1)));
  }

  @Test
  void persistFailsWhileOthersAreQueued_everyQueuedReceiptFails_noneHangs() throws Exception {
    java.util.concurrent.CountDownLatch inPersist = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Durability failing = (first, events) -> {
      inPersist.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("broken disk");
    };
    Session session = base(Fixtures.fanOut(0)).durability(failing).start();
    CompletableFuture<Receipt> first = session.steer("a");
    inPersist.await();
    java.util.List<CompletableFuture<Receipt>> queued = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      queued.add(session.steer("q" + i));
    }
    release.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> first.isDone() && queued.stream().allMatch(CompletableFuture::isDone));
    assertTrue(first.isCompletedExceptionally());
    assertTrue(queued.stream().allMatch(CompletableFuture::isCompletedExceptionally));
    assertTrue(session.snapshot().transcript().isEmpty(), "nothing unacknowledged was applied");
  }
}
