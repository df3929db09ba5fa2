package dev.lockstep.runtime;

import static dev.lockstep.runtime.Fixtures.assertOnce;
import static dev.lockstep.runtime.Fixtures.assertSound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.SessionState;
import dev.lockstep.model.Origin;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.ToolResultMessage;
import io.vavr.collection.Vector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Many producers on one session: nothing lost, nothing duplicated, every request valid (S1, S2, P1–P3). */
class SessionConcurrencyTest {

  static Executor executorNamed(String kind) {
    return switch (kind) {
      case "same-thread" -> Runnable::run;
      case "virtual" -> VirtualThreads.executor("test-drain-");
      case "platform-long-spin" -> PLATFORM_DRAINS;
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** Daemon platform threads for drains that spin as long as the builder allows (1 ms). */
  private static final Executor PLATFORM_DRAINS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-drain-platform");
    t.setDaemon(true);
    return t;
  });

  static Duration idleSpinFor(String kind) {
    return kind.equals("platform-long-spin") ? Duration.ofMillis(1) : Duration.ofNanos(Session.DEFAULT_IDLE_SPIN_MICROS * 1000L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"same-thread", "virtual", "platform-long-spin"})
  void concurrentToolResultsAndSteers_endInValidTranscriptWithEachOnce(String executorKind) throws Exception {
    for (int round = 0; round < 15; round++) {
      int calls = 12;
      int producers = 6;
      int steersEach = 15;
      Fixtures.ScriptedModel model = Fixtures.fanOut(calls);
      Session session = Session.builder()
          .target("openai-chat", "m")
          .modelClient(model)
          .executor(executorNamed(executorKind))
          .idleSpin(idleSpinFor(executorKind))
          .toolRunner((call, args) -> {
            Thread.sleep(ThreadLocalRandom.current().nextInt(3));
            return ToolOutput.ok("out-" + call.id());
          })
          .start();
      session.prompt("go").join();
      // Producers: steers from users and background tasks, plus duplicate results for every call,
      // all racing the tools' own results.
      CountDownLatch go = new CountDownLatch(1);
      ConcurrentLinkedQueue<CompletableFuture<Receipt>> receipts = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int pp = p;
        threads.add(Thread.ofPlatform().start(() -> {
          await(go);
          for (int k = 0; k < steersEach; k++) {
            receipts.add(session.steer("steer-" + pp + "-" + k, pp % 2 == 0 ? Origin.USER : Origin.BACKGROUND));
            if (k % 5 == 0) {
              receipts.add(session.tell(new Event.ToolResult(new CallRef.Raw("t:" + (k % calls)), "dup", false)));
            }
            Thread.yield();
          }
        }));
      }
      go.countDown();
      for (Thread t : threads) {
        t.join();
      }
      CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      assertTrue(session.awaitIdle(Duration.ofSeconds(10)), "session must become idle");
      SessionState s = session.snapshot();
      assertSound(s);
      for (int p = 0; p < producers; p++) {
        for (int k = 0; k < steersEach; k++) {
          assertOnce(s, "steer-" + p + "-" + k, SteerMessage.class);
        }
      }
      for (int i = 0; i < calls; i++) {
        // Either the tool's own result or one duplicate won the slot; never both, never neither.
        String id = "t:" + i;
        long own = s.transcript().count(m -> m instanceof ToolResultMessage r && r.callId().equals(id));
        assertEquals(1, own, "exactly one result for " + id);
      }
      assertTrue(model.violations.isEmpty(), () -> "invalid requests: " + model.violations);
      session.close();
    }
  }

  @Test
  void idleSpin_acceptsZeroToOneMillisecond_refusesTheRest() {
    Session.Builder b = Session.builder();
    b.idleSpin(Duration.ZERO).idleSpin(Duration.ofMillis(1));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> b.idleSpin(Duration.ofNanos(-1)));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> b.idleSpin(Duration.ofMillis(1).plusNanos(1)));
  }

  @Test
  void receiptsCarryTheSequenceNumbersPersisted_consecutiveFromTheResumePoint() throws Exception {
    SessionState initial = SessionState.initial(new dev.lockstep.machine.Target("openai-chat", "m"));
    java.util.concurrent.ConcurrentHashMap<Long, Event> persisted = new java.util.concurrent.ConcurrentHashMap<>();
    Durability recording = (first, events) -> {
      for (int i = 0; i < events.size(); i++) {
        persisted.put(first + i, events.get(i));
      }
    };
    Session session = Session.builder().modelClient(Fixtures.fanOut(0)).resumeFrom(initial, 42)
        .durability(recording).start();
    ConcurrentLinkedQueue<Receipt> receipts = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      threads.add(Thread.ofPlatform().start(() -> {
        for (int k = 0; k < 50; k++) {
          receipts.add(session.steer("s").join());
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    // Every persisted sequence number is used once, without gaps, from 42 on (runtime events included).
    for (long q = 42; q < 42 + persisted.size(); q++) {
      assertTrue(persisted.containsKey(q), "no gap at " + q);
    }
    for (Receipt r : receipts) {
      assertEquals(persisted.get(r.sequence()), r.event(), "the receipt names the event persisted under its number");
    }
    assertEquals(200, receipts.stream().map(Receipt::sequence).distinct().count());
    session.close();
  }

  @Test
  void persistIsCalledOncePerBatch_groupCommit() throws Exception {
    CountDownLatch firstPersistEntered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ConcurrentLinkedQueue<Integer> batches = new ConcurrentLinkedQueue<>();
    Durability slow = (first, events) -> {
      batches.add(events.size());
      if (batches.size() == 1) {
        firstPersistEntered.countDown();
        await(release);
      }
    };
    // The model never answers: its reply could otherwise join the second batch (11 instead of 10).
    Session session = Session.builder().target("openai-chat", "m")
        .modelClient(request -> new CompletableFuture<>())
        .durability(slow).start();
    CompletableFuture<Receipt> first = session.steer("first");
    firstPersistEntered.await();
    List<CompletableFuture<Receipt>> rest = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rest.add(session.steer("s" + i));
    }
    release.countDown();
    CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    first.get();
    assertTrue(batches.contains(10), () -> "the ten events told during the first persist form one batch: " + batches);
    session.close();
  }

  @Test
  void snapshotAfterJoinedReceipt_seesTheEvent() {
    Session session = Session.builder().target("openai-chat", "m").modelClient(Fixtures.fanOut(1))
        .toolRunner((c, a) -> {
          Thread.sleep(50);
          return ToolOutput.ok("x");
        }).start();
    session.prompt("go").join();
    for (int i = 0; i < 100; i++) {
      Receipt r = session.steer("s" + i).join();
      SessionState now = session.snapshot();
      int seen = now.deferredSteers() + now.transcript().count(m -> m instanceof SteerMessage);
      assertTrue(seen >= i + 1, "a joined steer is visible in any later snapshot");
      assertTrue(r.state().waiting().size() + r.state().transcript().size() > 0);
    }
    session.close();
  }

  static void await(CountDownLatch l) {
    try {
      l.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Vector<String> texts(SessionState s) {
    return s.transcript().map(m -> m.text());
  }
}
