package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.machine.Event;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Waiting;
import dev.lockstep.model.Origin;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Session#tellAll}: one unit in the mailbox, one group commit, applied back to back (S1, D1, D6). */
class TellAllTest {
  /** A model that never answers: its request stays in flight, so steers wait for the step boundary. */
  private static final ModelClient SILENT = request -> new CompletableFuture<>();

  private static Session.Builder inFlight() {
    return Session.builder().target("openai-chat", "m").modelClient(SILENT);
  }

  private static Vector<Event> steers(String prefix, int n) {
    return Vector.range(0, n).map(i -> (Event) new Event.Steer(prefix + i, Origin.BACKGROUND));
  }

  @Test
  void batchesFromManyProducers_eachEntersContiguousAndInOrder() throws Exception {
    Session session = inFlight().start();
    session.prompt("go").join();
    int producers = 4;
    int batches = 40;
    int size = 7;
    CountDownLatch go = new CountDownLatch(1);
    ConcurrentLinkedQueue<CompletableFuture<Vector<Receipt>>> futures = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int pp = p;
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        for (int b = 0; b < batches; b++) {
          futures.add(session.tellAll(steers("p" + pp + "b" + b + "s", size)));
          if (b % 3 == 0) {
            session.steer("single-" + pp + "-" + b, Origin.USER); // single tells race the batches
          }
        }
      }));
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    for (CompletableFuture<Vector<Receipt>> f : futures) {
      Vector<Receipt> receipts = f.get(10, TimeUnit.SECONDS);
      assertEquals(size, receipts.size());
      for (int i = 1; i < size; i++) {
        assertEquals(receipts.get(0).sequence() + i, receipts.get(i).sequence(), "sequence numbers of one batch are consecutive");
      }
    }
    // The waiting queue holds every steer once, and each batch's steers side by side in order.
    Vector<String> waiting = session.snapshot().waiting().toVector().map(TellAllTest::text);
    assertEquals(producers * batches * size + producers * ((batches + 2) / 3), waiting.size());
    for (int p = 0; p < producers; p++) {
      for (int b = 0; b < batches; b++) {
        String prefix = "p" + p + "b" + b + "s";
        int first = waiting.indexOf(prefix + 0);
        assertTrue(first >= 0, prefix + " missing");
        for (int i = 1; i < size; i++) {
          assertEquals(prefix + i, waiting.get(first + i), "batch " + prefix + " was split or reordered");
        }
      }
    }
    session.close();
  }

  private static String text(Waiting w) {
    return switch (w) {
      case Waiting.Steer st -> st.message().text();
      case Waiting.Note n -> "note";
      case Waiting.Prompt p -> "prompt";
    };
  }

  @Test
  void tellAll_givesTheSameReceiptsAndStateAsTellingOneByOne() {
    Vector<Event> events = Vector.of(new Event.UserPrompt("hello"), new Event.Steer("s1", Origin.USER),
        Event.ModelReply.text("answer"), new Event.UserPrompt("again"), new Event.Interrupt(io.vavr.control.Option.none()),
        new Event.Steer("late", Origin.USER));
    Session a = inFlight().start();
    Session b = inFlight().start();
    Vector<Receipt> batch = a.tellAll(events).join();
    Vector<Receipt> single = events.map(e -> b.tell(e).join());
    assertEquals(single.map(Receipt::sequence), batch.map(Receipt::sequence));
    assertEquals(single.map(Receipt::event), batch.map(Receipt::event));
    assertEquals(single.map(Receipt::decision), batch.map(Receipt::decision));
    assertEquals(b.snapshot(), a.snapshot());
    a.close();
    b.close();
  }

  @Test
  void oneBatch_isPersistedInOneGroupCommit() throws Exception {
    ConcurrentLinkedQueue<Vector<Event>> commits = new ConcurrentLinkedQueue<>();
    Session session = inFlight().durability((first, events) -> commits.add(events)).start();
    Vector<Event> events = steers("x", 50);
    session.tellAll(events).get(5, TimeUnit.SECONDS);
    assertTrue(commits.stream().anyMatch(c -> c.containsSlice(events)), "the 50 events must be in one persist call");
    session.close();
  }

  @Test
  void failedCommit_failsTheWholeBatch_andAppliesNone() throws Exception {
    Session session = inFlight().durability((first, events) -> {
      throw new IOException("disk full");
    }).start();
    SessionState before = session.snapshot();
    CompletableFuture<Vector<Receipt>> f = session.tellAll(steers("y", 5));
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof SessionStoppedException, () -> "cause: " + e.getCause());
    assertEquals(before, session.snapshot(), "nothing of a failed batch is applied (D6)");
    assertThrows(SessionStoppedException.class, () -> session.tellAll(steers("z", 2)));
  }

  @Test
  void emptyBatch_completesAtOnce_nullsAreRefusedBeforeAnythingIsEnqueued() throws Exception {
    Session session = inFlight().start();
    assertEquals(Vector.empty(), session.tellAll(List.of()).get(1, TimeUnit.SECONDS));
    List<Event> withNull = new ArrayList<>();
    withNull.add(new Event.Steer("ok", Origin.USER));
    withNull.add(null);
    NullPointerException npe = assertThrows(NullPointerException.class, () -> session.tellAll(withNull));
    assertTrue(npe.getMessage().contains("events[1]"), npe.getMessage());
    assertTrue(session.awaitIdle(Duration.ofSeconds(5)));
    assertEquals(0, session.snapshot().waiting().size() + session.snapshot().transcript().size(), "nothing was enqueued");
    session.close();
    assertThrows(SessionStoppedException.class, () -> session.tellAll(List.of(new Event.UserPrompt("late"))));
  }
}
