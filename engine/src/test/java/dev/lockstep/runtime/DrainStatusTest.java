package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.machine.Event;
import io.vavr.control.Option;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drain flag: a tell racing with the end of a drain is never lost, and a drain is never scheduled
 * twice (see {@link Session}'s class comment). Two producers tell at once into an idle session, many
 * times; every receipt must complete. Seeding the classic bug (the drain ending with a plain
 * {@code set(IDLE)} instead of the CAS) makes this test hang on a receipt and fail.
 */
class DrainStatusTest {

  @ParameterizedTest
  @ValueSource(strings = {"same-thread", "virtual", "platform-long-spin"})
  void tellRacingTheEndOfADrain_isNeverLost(String executorKind) throws Exception {
    AtomicInteger concurrentDrains = new AtomicInteger();
    AtomicInteger maxConcurrentDrains = new AtomicInteger();
    Executor base = SessionConcurrencyTest.executorNamed(executorKind);
    // Counts drains running at once through the durability, which only the drainer calls.
    Durability guard = (first, events) -> {
      int now = concurrentDrains.incrementAndGet();
      maxConcurrentDrains.accumulateAndGet(now, Math::max);
      concurrentDrains.decrementAndGet();
    };
    int rounds = 5_000;
    for (int round = 0; round < rounds; round++) {
      Session session = Session.builder().target("openai-chat", "m").modelClient(Fixtures.fanOut(0))
          .executor(base).durability(guard).start();
      CyclicBarrier start = new CyclicBarrier(2);
      AtomicReference<CompletableFuture<Receipt>> other = new AtomicReference<>();
      Thread t = Thread.ofPlatform().start(() -> {
        awaitQuietly(start);
        other.set(session.tell(new Event.Interrupt(Option.none())));
      });
      awaitQuietly(start);
      CompletableFuture<Receipt> mine = session.tell(new Event.Interrupt(Option.none()));
      t.join();
      try {
        mine.get(5, TimeUnit.SECONDS);
        other.get().get(5, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        fail("round " + round + ": an event was lost (its receipt never completed)");
      }
    }
    assertEquals(1, maxConcurrentDrains.get(), "never two drains at once");
  }

  /**
   * Deterministic version of the race: the drain's test hook fires a tell from another thread inside
   * the window between the drain's last empty look and its attempt to go idle.
   */
  @ParameterizedTest
  @ValueSource(strings = {"same-thread", "virtual", "platform-long-spin"})
  void tellInsideTheGoingIdleWindow_isStillApplied(String executorKind) throws Exception {
    Session session = Session.builder().target("openai-chat", "m").modelClient(Fixtures.fanOut(0))
        .executor(SessionConcurrencyTest.executorNamed(executorKind)).start();
    AtomicReference<CompletableFuture<Receipt>> late = new AtomicReference<>();
    AtomicInteger fired = new AtomicInteger();
    java.util.concurrent.CountDownLatch told = new java.util.concurrent.CountDownLatch(1);
    session.beforeGoingIdleForTest(() -> {
      if (fired.getAndIncrement() == 0) {
        Thread t = Thread.ofPlatform().start(() -> late.set(session.tell(new Event.Interrupt(Option.some("late")))));
        try {
          t.join();
          told.countDown();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    session.tell(new Event.Interrupt(Option.none())).get(5, TimeUnit.SECONDS);
    told.await();
    try {
      Receipt r = late.get().get(5, TimeUnit.SECONDS);
      assertEquals(new Event.Interrupt(Option.some("late")), r.event());
    } catch (TimeoutException e) {
      fail("the tell made inside the going-idle window was lost (lost wake-up)");
    }
  }

  static void awaitQuietly(CyclicBarrier b) {
    try {
      b.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
