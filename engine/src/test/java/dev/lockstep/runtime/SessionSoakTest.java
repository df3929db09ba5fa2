package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.Dialects;
import dev.lockstep.machine.Invariants;
import dev.lockstep.machine.Limits;
import dev.lockstep.machine.RawCall;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Waiting;
import dev.lockstep.model.Origin;
import dev.lockstep.model.SteerMessage;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Soak: many sessions on one host, each driven by a random agent loop while producer threads steer,
 * interrupt and compact. After every round: invariants hold, every request passed the validator
 * again, every accepted steer is in the session exactly once. The short run is part of the default
 * build; {@code -Psoak} runs the long one ({@code -Dlockstep.soak.seconds=N}, default 60).
 */
class SessionSoakTest {
  private static final java.util.regex.Pattern STEER = java.util.regex.Pattern.compile("<steer [0-9/]+>");

  @Test
  void shortSoak_manySessionsAndProducers_invariantsAfterEveryRound() throws Exception {
    soak(Duration.ofSeconds(3), 6, 3);
  }

  @Test
  @Tag("soak")

  void longSoak_manySessionsAndProducers_invariantsAfterEveryRound() throws Exception {
    soak(Duration.ofSeconds(Long.getLong("lockstep.soak.seconds", 60)), 16, 4);
  }

  private static void soak(Duration length, int sessions, int producersPerSession) throws Exception {
    SessionHost host = SessionHost.withThreads(2);
    AtomicLong rounds = new AtomicLong();
    AtomicLong requests = new AtomicLong();
    AtomicLong steers = new AtomicLong();
    AtomicLong interrupts = new AtomicLong();
    AtomicLong compactions = new AtomicLong();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    long deadline = System.nanoTime() + length.toNanos();
    List<Thread> drivers = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      String id = "soak-" + i;
      drivers.add(Thread.ofPlatform().name("driver-" + id).start(() -> {
        try {
          drive(host, id, deadline, producersPerSession, rounds, requests, steers, interrupts, compactions);
        } catch (Throwable t) {
          failures.add(id + ": " + t);
        }
      }));
    }
    for (Thread t : drivers) {
      t.join();
    }
    assertTrue(host.shutdown(Duration.ofSeconds(20)));
    System.out.printf("soak %ss: %d sessions, %d rounds, %d requests, %d steers, %d interrupts, %d compactions%n",
        length.toSeconds(), sessions, rounds.get(), requests.get(), steers.get(), interrupts.get(), compactions.get());
    assertTrue(failures.isEmpty(), () -> "failures: " + failures);
    assertTrue(rounds.get() >= sessions, "every session ran at least one round");
  }

  private static void drive(SessionHost host, String id, long deadline, int producers, AtomicLong rounds,
      AtomicLong requests, AtomicLong steerCount, AtomicLong interrupts, AtomicLong compactions) throws Exception {
    AtomicInteger callIds = new AtomicInteger();
    ConcurrentLinkedQueue<String> invalid = new ConcurrentLinkedQueue<>();
    ModelClient model = req -> {
      requests.incrementAndGet();
      Dialects.forName(req.target().dialect()).validator().validate(req.body(), DialectOptions.defaults())
          .forEach(v -> invalid.add(v.toString()));
      ThreadLocalRandom r = ThreadLocalRandom.current();
      if (r.nextInt(3) == 0) {
        return CompletableFuture.completedFuture(ModelResponse.Reply.text("done"));
      }
      RawCall[] calls = new RawCall[1 + r.nextInt(3)];
      for (int i = 0; i < calls.length; i++) {
        // Kimi-style ids, sometimes reused across steps (rule P4).
        int n = r.nextInt(5) == 0 ? Math.max(0, callIds.get() - 1) : callIds.incrementAndGet();
        calls[i] = new RawCall("Read:" + n, "read", "{\"n\":" + n + "}");
      }
      return CompletableFuture.supplyAsync(() -> ModelResponse.Reply.calls("", calls),
          CompletableFuture.delayedExecutor(r.nextInt(2), java.util.concurrent.TimeUnit.MILLISECONDS));
    };
    ConcurrentLinkedQueue<Receipt> events = new ConcurrentLinkedQueue<>();
    Session session = host.start(Session.builder().id(id).listener(new SessionListener() {
          @Override
          public void onApplied(Session x, Receipt r) {
            events.add(r);
          }
        }).target("openai-chat", "m")
        .limits(new Limits(6, Option.none())).modelClient(model)
        .toolRunner((c, a) -> {
          Thread.sleep(ThreadLocalRandom.current().nextInt(3));
          return ToolOutput.ok("ok " + c.id());
        })
        .summarizer(req -> {
          // Carries every steer token it is shown into the summary, so that nothing-lost stays checkable.
          StringBuilder sb = new StringBuilder("summary:");
          java.util.regex.Matcher m = STEER.matcher(req.body().toString());
          while (m.find()) {
            sb.append(' ').append(m.group());
          }
          return CompletableFuture.completedFuture(sb.toString());
        }));
    List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.ConcurrentHashMap<String, CompletableFuture<Receipt>> receiptsByText = new java.util.concurrent.ConcurrentHashMap<>();
    int round = 0;
    while (System.nanoTime() < deadline) {
      int r = round++;
      session.prompt("task " + r);
      List<Thread> threads = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int pp = p;
        threads.add(Thread.ofVirtual().start(() -> {
          ThreadLocalRandom rnd = ThreadLocalRandom.current();
          for (int k = 0; k < 5; k++) {
            String text = "<steer " + r + "/" + pp + "/" + k + ">";
            receiptsByText.put(text, session.steer(text, rnd.nextBoolean() ? Origin.USER : Origin.BACKGROUND));
            accepted.add(text);
            steerCount.incrementAndGet();
            if (rnd.nextInt(40) == 0) {
              session.interrupt();
              interrupts.incrementAndGet();
            }
            if (rnd.nextInt(60) == 0) {
              session.compact();
              compactions.incrementAndGet();
            }
            Thread.yield();
          }
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
      assertTrue(session.awaitIdle(Duration.ofSeconds(20)), id + " round " + r + " became idle");
      SessionState s = session.snapshot();
      assertTrue(Invariants.check(s).isEmpty(), () -> id + " round " + r + ": " + Invariants.check(s));
      assertTrue(invalid.isEmpty(), () -> id + " round " + r + ": invalid requests " + invalid);
      // Every accepted steer is in the transcript once, waiting once, or inside a summary.
      {
        Map<String, Integer> seen = new HashMap<>();
        s.transcript().filter(m -> m instanceof dev.lockstep.model.SummaryMessage).forEach(m -> {
          java.util.regex.Matcher mm = STEER.matcher(m.text());
          while (mm.find()) {
            seen.merge(mm.group(), 1, Integer::sum);
          }
        });
        s.transcript().filter(m -> m instanceof SteerMessage).forEach(m -> seen.merge(m.text(), 1, Integer::sum));
        s.waiting().forEach(w -> {
          if (w instanceof Waiting.Steer st) {
            seen.merge(st.message().text(), 1, Integer::sum);
          }
        });
        for (String text : accepted) {
          if (seen.getOrDefault(text, 0) != 1) {
            Receipt rc = receiptsByText.get(text).join();
            java.util.function.Function<dev.lockstep.model.Message, String> brief = m -> m.getClass().getSimpleName().substring(0, 4) + ":"
                + (m.text().length() > 40 ? m.text().substring(0, 40).replace('\n', ' ') + "..." : m.text());
            System.out.println("LOST " + text + " seq " + rc.sequence()
                + "\n after: " + rc.state().transcript().map(brief).mkString(" | ") + " waiting " + rc.state().waiting().size()
                + " compaction " + rc.state().compaction()
                + "\n final: " + s.transcript().map(brief).mkString(" | ")
                + "\n anywhere: " + s.transcript().filter(m -> m.text().contains(text)).map(brief).mkString(" | ")
                + "\n events: " + events.stream().filter(e -> e.sequence() > rc.sequence() - 3).limit(40).map(e -> e.sequence() + " " + e.event().getClass().getSimpleName() + (e.rejected() ? "(rej)" : "")).toList());
          }
          assertEquals(1, seen.getOrDefault(text, 0), id + ": steer '" + text + "' once");
        }
      }
      rounds.incrementAndGet();
    }
  }
}
