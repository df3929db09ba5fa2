package dev.lockstep.runtime;

import static dev.lockstep.runtime.Fixtures.assertSound;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.machine.Phase;
import dev.lockstep.machine.SessionState;
import dev.lockstep.model.NoteMessage;
import dev.lockstep.model.Outcome;
import dev.lockstep.model.ToolResultMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Interrupt while tools run: started calls are UNKNOWN, unstarted ones INTERRUPTED and never run (P2, D1, P3). */
class SessionInterruptTest {

  /** A tool executor that runs the first task on a virtual thread and holds the others until released. */
  static final class HoldingExecutor implements Executor {
    final List<Runnable> held = new ArrayList<>();
    int seen;

    @Override
    public synchronized void execute(Runnable task) {
      if (seen++ == 0) {
        Thread.ofVirtual().start(task);
      } else {
        held.add(task);
      }
    }

    synchronized void release() {
      held.forEach(t -> Thread.ofVirtual().start(t));
      held.clear();
    }
  }

  @Test
  void interruptDuringRunningTools_startedIsUnknown_unstartedIsInterruptedAndNeverRuns() throws Exception {
    HoldingExecutor tools = new HoldingExecutor();
    CountDownLatch firstRunning = new CountDownLatch(1);
    AtomicBoolean firstSawInterrupt = new AtomicBoolean();
    ConcurrentHashMap<String, Boolean> ran = new ConcurrentHashMap<>();
    Session session = Session.builder().target("openai-chat", "m").modelClient(Fixtures.fanOut(2))
        .toolExecutor(tools)
        .toolRunner((call, args) -> {
          ran.put(call.id(), true);
          firstRunning.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            firstSawInterrupt.set(true);
            throw e;
          }
          return ToolOutput.ok("never");
        })
        .start();
    session.prompt("go").join();
    firstRunning.await();
    assertEquals(Phase.AWAITING_TOOLS, session.snapshot().phase());
    session.interrupt("user pressed esc").join();
    tools.release(); // the held call now tries to start: its tool_started must be rejected
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    SessionState s = session.snapshot();
    assertSound(s);
    List<Outcome> outcomes = s.transcript().filter(m -> m instanceof ToolResultMessage)
        .map(m -> ((ToolResultMessage) m).outcome()).asJava();
    assertEquals(List.of(Outcome.UNKNOWN, Outcome.INTERRUPTED), outcomes);
    assertTrue(firstSawInterrupt.get(), "the running tool's thread was interrupted (CancelTool)");
    assertFalse(ran.containsKey("t:1"), "a call sealed INTERRUPTED never runs (D1)");
    assertEquals(0, s.pendingNotes(), "a cancelled tool that threw posts no late result");
    // The session stays usable: the next prompt starts a new turn whose request is valid.
    session.prompt("again").join();
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    assertSound(session.snapshot());
    session.close();
  }

  /**
   * Rule D1 without the help of cancellation: {@code Recovered} seals the open slots but (unlike an
   * interrupt) asks for no {@code CancelTool}. A call whose task only starts afterwards must still not
   * run, because its {@code tool_started} is rejected.
   */
  @Test
  void toolStartedRejected_toolNeverRuns() throws Exception {
    HoldingExecutor tools = new HoldingExecutor();
    tools.seen = 1; // hold every task
    ConcurrentHashMap<String, Boolean> ran = new ConcurrentHashMap<>();
    Session session = Session.builder().target("openai-chat", "m").modelClient(Fixtures.fanOut(2))
        .toolExecutor(tools)
        .toolRunner((call, args) -> {
          ran.put(call.id(), true);
          return ToolOutput.ok("ran");
        })
        .start();
    session.prompt("go").join();
    await().atMost(Duration.ofSeconds(10)).until(() -> session.snapshot().phase() == Phase.AWAITING_TOOLS);
    session.tell(new dev.lockstep.machine.Event.Recovered()).join();
    tools.release();
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    assertTrue(ran.isEmpty(), () -> "calls sealed before they started must never run (D1): " + ran.keySet());
    assertSound(session.snapshot());
    session.close();
  }

  @Test
  void toolIgnoringTheInterrupt_itsRealResultBecomesALateNote() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Session session = Session.builder().target("openai-chat", "m").modelClient(Fixtures.fanOut(1))
        .toolRunner((call, args) -> {
          running.countDown();
          while (true) {
            try {
              finish.await();
              break;
            } catch (InterruptedException ignored) {
              // a stubborn tool: keeps going
            }
          }
          return ToolOutput.ok("real output");
        })
        .start();
    session.prompt("go").join();
    running.await();
    session.interrupt().join();
    finish.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> session.snapshot().pendingNotes() == 1);
    assertSound(session.snapshot());
    session.prompt("next").join();
    assertTrue(session.awaitIdle(Duration.ofSeconds(10)));
    SessionState s = session.snapshot();
    assertSound(s);
    assertEquals(1, s.transcript().count(m -> m instanceof NoteMessage n && n.text().contains("real output")),
        "the late result enters once, as a marked note (P3)");
    session.close();
  }
}
