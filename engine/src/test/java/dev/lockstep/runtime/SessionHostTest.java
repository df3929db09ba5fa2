package dev.lockstep.runtime;

import static dev.lockstep.runtime.Fixtures.assertSound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.model.SteerMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Many sessions on one executor; shutdown while busy drops no accepted event. */
class SessionHostTest {

  @Test
  void startAndLookUpById_duplicateIdRefused() throws Exception {
    SessionHost host = SessionHost.withThreads(2);
    Session a = host.start(Session.builder().id("a").target("openai-chat", "m").modelClient(Fixtures.fanOut(0)));
    assertEquals(a, host.get("a").get());
    assertTrue(host.get("b").isEmpty());
    assertThrows(IllegalArgumentException.class,
        () -> host.start(Session.builder().id("a").target("openai-chat", "m").modelClient(Fixtures.fanOut(0))));
    assertTrue(host.shutdown(Duration.ofSeconds(5)));
    assertThrows(IllegalStateException.class,
        () -> host.start(Session.builder().id("c").target("openai-chat", "m").modelClient(Fixtures.fanOut(0))));
  }

  @Test
  void shutdownWhileBusy_everyAcceptedEventIsApplied_laterTellsFailFast() throws Exception {
    // The caller's executor: the host must not rely on shutting it down to finish the sessions' work.
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    SessionHost host = SessionHost.on(pool);
    int sessions = 8;
    List<Session> all = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      all.add(host.start(Session.builder().id("s" + i).target("openai-chat", "m").modelClient(Fixtures.fanOut(2))
          .durability((first, events) -> {
            try {
              Thread.sleep(1); // a slow journal: the mailboxes hold a backlog when shutdown starts
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          })
          .toolRunner((c, a) -> {
            Thread.sleep(1);
            return ToolOutput.ok("r");
          })));
    }
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<CompletableFuture<Receipt>> accepted = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> acceptedText = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> refused = new ConcurrentLinkedQueue<>();
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      int pp = p;
      producers.add(Thread.ofPlatform().start(() -> {
        int k = 0;
        while (k < 400) {
          Session s = all.get(k % sessions);
          String text = pp + "/" + k + "@" + s.id();
          try {
            accepted.add(s.steer(text));
            acceptedText.add(text);
          } catch (SessionStoppedException e) {
            refused.add(1);
            return;
          }
          k++;
          if (k % 20 == 0) {
            Thread.onSpinWait();
            Thread.yield();
          }
        }
      }));
    }
    Thread.sleep(20);
    stop.set(true);
    assertTrue(host.shutdown(Duration.ofSeconds(20)), "all sessions closed in time");
    int doneAtShutdown = 0;
    for (CompletableFuture<Receipt> r : accepted) {
      assertTrue(r.isDone() && !r.isCompletedExceptionally(), "an event accepted before shutdown was applied when shutdown returned");
      doneAtShutdown++;
    }
    for (Thread t : producers) {
      t.join();
    }
    for (CompletableFuture<Receipt> r : accepted) {
      assertTrue(r.isDone() && !r.isCompletedExceptionally(), "an accepted event was applied before shutdown completed");
    }
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (Session s : all) {
      s.snapshot().transcript().filter(m -> m instanceof SteerMessage).forEach(m -> seen.merge(m.text(), 1, Integer::sum));
      s.snapshot().waiting().forEach(w -> {
        if (w instanceof dev.lockstep.machine.Waiting.Steer st) {
          seen.merge(st.message().text(), 1, Integer::sum);
        }
      });
    }
    for (String text : acceptedText) {
      assertEquals(1, seen.getOrDefault(text, 0), "accepted steer " + text + " is in its session once");
    }
    assertEquals(acceptedText.size(), seen.size(), "no steer appears that was not accepted");
    for (Session s : all) {
      assertSound(s.snapshot());
      assertTrue(s.isStopped());
      assertThrows(SessionStoppedException.class, () -> s.prompt("after"));
    }
    assertFalse(accepted.isEmpty());
    pool.shutdown();
    System.out.printf("shutdown while busy: %d accepted (%d checked when shutdown returned), %d refused after shutdown%n",
        accepted.size(), doneAtShutdown, refused.size());
  }
}
