package dev.lockstep.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.demo.naive.NaiveAgentLoop;
import dev.lockstep.dialect.Dialects;
import dev.lockstep.dialect.RequestValidator;
import dev.lockstep.dialect.RequestViolation;
import dev.lockstep.machine.RawCall;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays a {@link Scenario} once on the {@link NaiveAgentLoop} negative control, with the same script,
 * tool times and interfering threads as {@link LockstepRunner}, and validates every request it would
 * send (plus the next user request after the scenario: is the session bricked?).
 */
final class NaiveRunner {
  private NaiveRunner() {}

  /** Invalid-request counts by rule, across runs. */
  static final Map<String, Integer> RULES = new java.util.concurrent.ConcurrentHashMap<>();

  static RunResult run(Scenario sc, String dialect, long seed) throws InterruptedException {
    Random rnd = new Random(seed);
    boolean thinking = LockstepRunner.optionsFor(dialect).thinking();
    RequestValidator validator = Dialects.forName(dialect).validator();
    NaiveAgentLoop loop = new NaiveAgentLoop();
    AtomicInteger requests = new AtomicInteger();
    AtomicInteger invalid = new AtomicInteger();
    String[] first = new String[1];
    java.util.function.Consumer<ObjectNode> send = body -> {
      requests.incrementAndGet();
      List<RequestViolation> v = validator.validate(body, LockstepRunner.optionsFor(dialect));
      if (!v.isEmpty()) {
        invalid.incrementAndGet();
        v.forEach(x -> RULES.merge(x.rule(), 1, Integer::sum));
        if (first[0] == null) {
          first[0] = DemoText.describe(body, v);
        }
      }
    };
    AtomicBoolean interrupted = new AtomicBoolean();
    ArrayList<Thread> others = new ArrayList<>();
    ArrayList<Thread> tools = new ArrayList<>();
    ArrayList<String> steerTokens = new ArrayList<>();
    AtomicInteger resultsIn = new AtomicInteger();
    loop.user("Please do the task.");
    int k = 0;
    for (Scenario.PlannedSteer p : sc.steers()) {
      String token = Tokens.steer(k++);
      steerTokens.add(token);
      long at = LockstepRunner.at(rnd, p.window());
      others.add(Thread.ofVirtual().start(() -> {
        LockstepRunner.sleep(at);
        loop.steer((p.background() ? "Background task finished " : "Also consider this ") + token);
      }));
    }
    sc.interruptWindow().forEach(w -> {
      long at = LockstepRunner.at(rnd, w);
      others.add(Thread.ofVirtual().start(() -> {
        LockstepRunner.sleep(at);
        interrupted.set(true);
      }));
    });
    // (The naive loop has no compaction; the compaction window is ignored.)
    int span = sc.toolMillis().to() - sc.toolMillis().from();
    for (int n = 0; ; n++) {
      send.accept(loop.request(thinking));
      if (n >= sc.replies().size()) {
        loop.assistant("Done with step " + n + ".", java.util.List.of(), "");
        break;
      }
      java.util.List<RawCall> calls = sc.replies().get(n).asJava();
      loop.assistant("", calls, "Let me use the tools.");
      CountDownLatch done = new CountDownLatch(calls.size());
      for (RawCall c : calls) {
        long ms = sc.toolMillis().from() + Math.floorMod(new Random(seed ^ c.id().hashCode()).nextInt(), span);
        tools.add(Thread.ofVirtual().start(() -> {
          LockstepRunner.sleep(ms);
          loop.toolResult(c.id(), "output of " + c.name() + " " + Tokens.result(c.id()));
          resultsIn.incrementAndGet();
          done.countDown();
        }));
      }
      while (!done.await(1, TimeUnit.MILLISECONDS)) {
        if (interrupted.get()) {
          break; // stop waiting; the calls stay without results (for now)
        }
      }
      if (interrupted.get()) {
        loop.user("Continue, but skip the slow step.");
        send.accept(loop.request(thinking));
        loop.assistant("Continuing.", java.util.List.of(), "");
        break;
      }
    }
    for (Thread t : others) {
      t.join();
    }
    for (Thread t : tools) {
      t.join();
    }
    // The user's next message: does the history still make a valid request?
    loop.user("Next task, please.");
    send.accept(loop.request(thinking));

    Map<String, Integer> counts = new HashMap<>();
    for (String text : loop.texts()) {
      Tokens.count(text, counts);
    }
    int steersOut = (int) steerTokens.stream().filter(t -> counts.getOrDefault(t, 0) > 0).count();
    int resultsOut = (int) counts.keySet().stream().filter(t -> t.startsWith("[r:")).count();
    int lost = (steerTokens.size() - steersOut) + Math.max(0, resultsIn.get() - resultsOut);
    int dup = (int) counts.values().stream().filter(c -> c > 1).count();
    return new RunResult(requests.get(), invalid.get(), Option.of(first[0]), steerTokens.size(), steersOut,
        resultsIn.get(), resultsOut, lost, dup, 0, 0);
  }
}
