package dev.lockstep.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.machine.Target;
import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Message;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests over transcripts the real reducer produced from seeded random event sequences
 * ({@link TranscriptGenerator}): for all nine dialects, every projection passes the dialect's
 * independent validator and ids round-trip (rules V1, V2, P4). Each run prints nothing; a failure names
 * the seed, dialect and the first problems.
 */
class ProjectionPropertyTest {
  static final int SEEDS_PER_DIALECT = 15;
  static final int EVENTS = 120;

  static DialectOptions optionsFor(long seed) {
    Random rnd = new Random(seed * 31 + 7);
    Vector<ToolSpec> tools = rnd.nextBoolean() ? Vector.empty() : Vector.of(
        new ToolSpec("read", "read a file", Json.parseObject("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}").get()),
        new ToolSpec("write", "write a file", Json.parseObject("{\"type\":\"object\"}").get()));
    return new DialectOptions(rnd.nextBoolean(), rnd.nextBoolean() ? Option.some("Be brief.") : Option.none(), tools);
  }

  /** Runs the properties for {@code dialects} (by name → implementation) and returns the failures. */
  static List<String> violations(java.util.function.Function<String, Dialect> dialects, List<String> names, int seeds, Stats stats) {
    List<String> failures = new ArrayList<>();
    for (String start : names) {
      for (long seed = 0; seed < seeds; seed++) {
        TranscriptGenerator.Run run = TranscriptGenerator.run(seed * 1000 + start.hashCode(), start, EVENTS);
        DialectOptions options = optionsFor(seed);
        int index = 0;
        for (TranscriptGenerator.Request r : run.requests()) {
          // The request as the reducer addressed it; every 4th (and the last) also under every
          // dialect: a fallback may switch to any of them at any point.
          boolean cross = index++ % 4 == 0 || index == run.requests().size();
          for (String target : names) {
            if (!cross && !target.equals(r.target().dialect())) {
              continue;
            }
            Target t = target.equals(r.target().dialect()) ? r.target() : new Target(target, r.target().model());
            List<String> p = ProjectionProperties.check(dialects.apply(target), r.kind(), r.transcript(), t, options);
            stats.checked++;
            if (!p.isEmpty()) {
              failures.add("seed " + run.seed() + " start " + start + " target " + target + " (" + r.kind() + "): " + p.subList(0, Math.min(3, p.size())));
            }
          }
          stats.observe(r);
        }
      }
    }
    return failures;
  }

  /** What the generated requests covered (so the test cannot pass vacuously). */
  static final class Stats {
    int checked;
    int requestsWithCalls;
    int foreignReasoning;
    int disambiguatedIds;
    int compactions;

    void observe(TranscriptGenerator.Request r) {
      boolean calls = false;
      for (Message m : r.transcript()) {
        if (m instanceof AssistantMessage a) {
          calls |= a.hasCalls();
          if (a.reasoning().isDefined() && !a.provenance().dialect().equals(r.target().dialect())) {
            foreignReasoning++;
          }
          disambiguatedIds += a.calls().count(c -> !c.id().equals(c.rawId()));
        }
      }
      requestsWithCalls += calls ? 1 : 0;
      compactions += r.kind().equals("compaction") ? 1 : 0;
    }
  }

  @Test
  void everyProjectionOfGeneratedSessions_passesItsValidator_andIdsRoundTrip_allNineDialects() {
    Stats stats = new Stats();
    List<String> failures = violations(Dialects::forName, Dialects.ALL_NAMES.toJavaList(), SEEDS_PER_DIALECT, stats);
    assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), failures.size() + " failures");
    // Coverage floors: the generator really produced the hard cases.
    assertTrue(stats.checked > 10_000, "checked " + stats.checked);
    assertTrue(stats.requestsWithCalls > 1_000, "requests with calls " + stats.requestsWithCalls);
    assertTrue(stats.foreignReasoning > 1_000, "foreign reasoning " + stats.foreignReasoning);
    assertTrue(stats.disambiguatedIds > 1_000, "disambiguated ids " + stats.disambiguatedIds);
    assertTrue(stats.compactions > 100, "compactions " + stats.compactions);
  }

  @Test
  void wireIdsAreStable_asTheTranscriptGrows_allNineDialects() {
    int compared = 0;
    List<String> failures = new ArrayList<>();
    for (long seed = 0; seed < 30; seed++) {
      TranscriptGenerator.Run run = TranscriptGenerator.run(seed, "openai-chat", EVENTS);
      DialectOptions options = optionsFor(seed);
      Vector<Message> previous = null;
      for (TranscriptGenerator.Request r : run.requests()) {
        Vector<Message> t = r.transcript();
        if (previous != null && t.size() > previous.size() && t.take(previous.size()).equals(previous)) {
          for (String d : Dialects.ALL_NAMES) {
            failures.addAll(ProjectionProperties.stable(Dialects.forName(d), previous, t, new Target(d, "m-1"), options));
            compared++;
          }
        }
        previous = t;
      }
    }
    assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())));
    assertTrue(compared > 500, "compared " + compared);
  }

  @Test
  void projectionIsPure_sameInputSameJson() {
    TranscriptGenerator.Run run = TranscriptGenerator.run(42, "anthropic", EVENTS);
    DialectOptions options = optionsFor(42);
    for (String d : Dialects.ALL_NAMES) {
      Dialect dialect = Dialects.forName(d);
      Target t = new Target(d, "m-1");
      ObjectNode a = dialect.turnRequest(run.finalState().transcript(), options, t);
      ObjectNode b = dialect.turnRequest(run.finalState().transcript(), options, t);
      assertEquals(a, b, d);
    }
  }
}
