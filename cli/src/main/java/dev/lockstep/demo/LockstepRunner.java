package dev.lockstep.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.Dialects;
import dev.lockstep.dialect.RequestValidator;
import dev.lockstep.dialect.RequestViolation;
import dev.lockstep.machine.Effect;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.Invariants;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Violation;
import dev.lockstep.machine.Waiting;
import dev.lockstep.model.Message;
import dev.lockstep.model.Origin;
import dev.lockstep.model.Outcome;
import dev.lockstep.runtime.ModelClient;
import dev.lockstep.runtime.ModelResponse;
import dev.lockstep.runtime.Receipt;
import dev.lockstep.runtime.Session;
import dev.lockstep.runtime.SessionHost;
import dev.lockstep.runtime.SessionListener;
import dev.lockstep.runtime.Summarizer;
import dev.lockstep.runtime.ToolOutput;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays a {@link Scenario} once on a real Lockstep {@link Session}: a scripted model answering after a
 * short random delay, tools sleeping a random time on virtual threads, and other threads steering,
 * interrupting and compacting at random times. Every request is re-checked with the dialect's
 * validator as it reaches the "provider", and the final state with {@link Invariants}.
 */
final class LockstepRunner {
  private LockstepRunner() {}

  static DialectOptions optionsFor(String dialect) {
    return dialect.equals("kimi") ? DialectOptions.defaults().withThinking(true) : DialectOptions.defaults();
  }

  static RunResult run(Scenario sc, String dialect, long seed, SessionHost host, String id) throws InterruptedException {
    Random rnd = new Random(seed);
    DialectOptions options = optionsFor(dialect);
    RequestValidator validator = Dialects.forName(dialect).validator();
    AtomicInteger requests = new AtomicInteger();
    AtomicInteger invalid = new AtomicInteger();
    AtomicReference<String> firstInvalid = new AtomicReference<>();
    AtomicInteger turnRequests = new AtomicInteger();
    java.util.function.Consumer<ObjectNode> check = body -> {
      requests.incrementAndGet();
      List<RequestViolation> v = validator.validate(body, options);
      if (!v.isEmpty()) {
        invalid.incrementAndGet();
        firstInvalid.compareAndSet(null, DemoText.describe(body, v));
      }
    };
    ModelClient model = req -> {
      check.accept(req.body());
      int n = turnRequests.getAndIncrement();
      ModelResponse reply = n < sc.replies().size()
          ? new ModelResponse.Reply("", Option.some("Let me use the tools."), Option.none(), sc.replies().get(n), Option.none())
          : ModelResponse.Reply.text("Done with step " + n + ".");
      return CompletableFuture.supplyAsync(() -> reply,
          CompletableFuture.delayedExecutor(1 + ThreadLocalRandom.current().nextInt(3), TimeUnit.MILLISECONDS));
    };
    Summarizer summarizer = req -> {
      check.accept(req.body());
      StringBuilder summary = new StringBuilder("The user asked for a task; tools ran.");
      Tokens.count(req.body().toString()).keySet().stream().sorted().forEach(t -> summary.append(' ').append(t));
      return CompletableFuture.supplyAsync(summary::toString,
          CompletableFuture.delayedExecutor(2 + ThreadLocalRandom.current().nextInt(6), TimeUnit.MILLISECONDS));
    };
    AtomicInteger resultsIn = new AtomicInteger();
    AtomicInteger interrupted = new AtomicInteger();
    AtomicInteger unknown = new AtomicInteger();
    SessionListener listener = new SessionListener() {
      @Override
      public void onApplied(Session s, Receipt r) {
        if (r.event() instanceof Event.ToolResult tr && !r.rejected() && tr.output().contains("[r:")) {
          resultsIn.incrementAndGet();
        }
        for (Effect e : r.decision().effects()) {
          if (e instanceof Effect.CancelTool c) {
            (c.sealedAs() == Outcome.UNKNOWN ? unknown : interrupted).incrementAndGet();
          }
        }
      }

      @Override
      public void onRequestBlocked(Session s, long request, List<RequestViolation> v) {
        invalid.incrementAndGet();
        firstInvalid.compareAndSet(null, "request " + request + " blocked by the validator: " + v.mkString("; "));
      }
    };
    int span = sc.toolMillis().to() - sc.toolMillis().from();
    Session session = host.start(Session.builder()
        .id(id)
        .target(dialect, dialect.equals("kimi") ? "kimi-for-coding" : "gpt-4.1")
        .options(options)
        .modelClient(model)
        .summarizer(summarizer)
        .listener(listener)
        .toolRunner((call, args) -> {
          long ms = sc.toolMillis().from() + Math.floorMod(new Random(seed ^ call.id().hashCode()).nextInt(), span);
          Thread.sleep(ms);
          return ToolOutput.ok("output of " + call.name() + " " + Tokens.result(call.id()));
        }));

    ArrayList<Thread> others = new ArrayList<>();
    ArrayList<String> steerTokens = new ArrayList<>();
    session.prompt("Please do the task.");
    int k = 0;
    for (Scenario.PlannedSteer p : sc.steers()) {
      String token = Tokens.steer(k++);
      steerTokens.add(token);
      long at = at(rnd, p.window());
      others.add(Thread.ofVirtual().start(() -> {
        sleep(at);
        session.steer((p.background() ? "Background task finished " : "Also consider this ") + token,
            p.background() ? Origin.BACKGROUND : Origin.USER);
      }));
    }
    sc.interruptWindow().forEach(w -> {
      long at = at(rnd, w);
      others.add(Thread.ofVirtual().start(() -> {
        sleep(at);
        session.interrupt("user pressed Esc");
        session.prompt("Continue, but skip the slow step.");
      }));
    });
    sc.compactWindow().forEach(w -> {
      long at = at(rnd, w);
      others.add(Thread.ofVirtual().start(() -> {
        sleep(at);
        session.compact();
      }));
    });
    for (Thread t : others) {
      t.join();
    }
    boolean idle = session.awaitIdle(Duration.ofSeconds(20));
    SessionState s = session.snapshot();
    host.remove(id).join();

    List<Violation> broken = Invariants.check(s);
    if (!idle) {
      invalid.incrementAndGet();
      firstInvalid.compareAndSet(null, "the session did not become idle within 20 s");
    }
    if (!broken.isEmpty()) {
      invalid.incrementAndGet();
      firstInvalid.compareAndSet(null, "final state breaks " + broken.mkString("; "));
    }
    Map<String, Integer> counts = new HashMap<>();
    for (Message m : s.transcript()) {
      Tokens.count(m.text(), counts);
    }
    for (Waiting w : s.waiting()) {
      switch (w) {
        case Waiting.Steer st -> Tokens.count(st.message().text(), counts);
        case Waiting.Note n -> Tokens.count(n.message().text(), counts);
        case Waiting.Prompt p -> Tokens.count(p.message().text(), counts);
      }
    }
    int steersOut = (int) steerTokens.stream().filter(t -> counts.getOrDefault(t, 0) > 0).count();
    int resultsOut = (int) counts.keySet().stream().filter(t -> t.startsWith("[r:")).count();
    int lost = (steerTokens.size() - steersOut) + Math.max(0, resultsIn.get() - resultsOut);
    int dup = (int) counts.values().stream().filter(c -> c > 1).count();
    return new RunResult(requests.get(), invalid.get(), Option.of(firstInvalid.get()), steerTokens.size(), steersOut,
        resultsIn.get(), resultsOut, lost, dup, interrupted.get(), unknown.get());
  }

  static long at(Random rnd, Scenario.Window w) {
    return w.from() + rnd.nextInt(Math.max(1, w.to() - w.from()));
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
