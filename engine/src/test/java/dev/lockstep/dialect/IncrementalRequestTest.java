package dev.lockstep.dialect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.machine.Target;
import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Message;
import dev.lockstep.model.Outcome;
import dev.lockstep.model.Provenance;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import dev.lockstep.model.UserMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link IncrementalRequest} produces exactly the bytes of serializing the full projection, for every
 * request of reducer-generated sessions (growth, compaction, shorter summarizer requests, dialect and
 * model switches, option switches), in all nine dialects; and it really reuses the prefix.
 */
class IncrementalRequestTest {

  /** The reference: the full projection serialized by Jackson. */
  static byte[] full(Dialect d, Vector<Message> t, DialectOptions o, Target target) throws IOException {
    return Json.MAPPER.writeValueAsBytes(d.turnRequest(t, o, target));
  }

  /** Empty when the three outputs of {@code r} equal {@code expected}; else what differs. */
  static List<String> compare(IncrementalRequest r, byte[] expected) throws IOException {
    List<String> out = new ArrayList<>();
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    r.writeTo(written);
    if (!Arrays.equals(written.toByteArray(), expected)) {
      out.add("writeTo differs at byte " + Arrays.mismatch(written.toByteArray(), expected));
    }
    if (!Arrays.equals(r.toByteArray(), expected)) {
      out.add("toByteArray differs");
    }
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (ByteBuffer b : r.buffers()) {
      byte[] chunk = new byte[b.remaining()];
      b.get(chunk);
      joined.write(chunk);
    }
    if (!Arrays.equals(joined.toByteArray(), expected)) {
      out.add("buffers differ");
    }
    if (r.length() != expected.length) {
      out.add("length " + r.length() + " != " + expected.length);
    }
    return out;
  }

  @Test
  void everyGeneratedRequest_isByteEqualToTheFullProjection_allNineDialects() throws IOException {
    int checked = 0;
    long reused = 0;
    int rebuiltAfterShrink = 0;
    int optionSwitches = 0;
    List<String> failures = new ArrayList<>();
    for (String start : Dialects.ALL_NAMES) {
      for (long seed = 0; seed < 12; seed++) {
        TranscriptGenerator.Run run = TranscriptGenerator.run(seed * 7919 + start.hashCode(), start, 160);
        Random rnd = new Random(seed);
        DialectOptions options = ProjectionPropertyTest.optionsFor(seed);
        IncrementalRequest inc = IncrementalRequest.empty();
        List<IncrementalRequest> earlier = new ArrayList<>();
        for (TranscriptGenerator.Request r : run.requests()) {
          if (!earlier.isEmpty()) {
            // Also advance a random earlier value to this request: pairs across compactions, switches
            // and shrinking requests, which consecutive requests rarely produce.
            IncrementalRequest old = earlier.get(rnd.nextInt(earlier.size()));
            Dialect d = Dialects.forName(r.target().dialect());
            IncrementalRequest jump = old.next(d, r.transcript(), options, r.target());
            List<String> diff = compare(jump, full(d, r.transcript(), options, r.target()));
            checked++;
            if (!diff.isEmpty()) {
              failures.add("start " + start + " seed " + seed + " jump to request " + checked + " " + d.name() + ": " + diff);
            }
          }
          if (rnd.nextInt(20) == 0) {
            options = ProjectionPropertyTest.optionsFor(rnd.nextInt(1000));
            optionSwitches++;
          }
          Dialect d = Dialects.forName(r.target().dialect());
          int before = inc.transcript().size();
          inc = inc.next(d, r.transcript(), options, r.target());
          reused += inc.reusedMessages();
          earlier.add(inc);
          if (r.transcript().size() < before) {
            rebuiltAfterShrink += inc.reusedMessages() == 0 ? 1 : 0;
          }
          List<String> diff = compare(inc, full(d, r.transcript(), options, r.target()));
          checked++;
          if (!diff.isEmpty()) {
            failures.add("start " + start + " seed " + seed + " request " + checked + " " + d.name() + ": " + diff);
          }
        }
      }
    }
    assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())), failures.size() + " failures");
    assertTrue(checked > 2_000, "checked " + checked);
    assertTrue(reused > 20_000, "reused messages " + reused);
    assertTrue(rebuiltAfterShrink > 50, "rebuilds after a shorter request " + rebuiltAfterShrink);
    assertTrue(optionSwitches > 50, "option switches " + optionSwitches);
  }

  @Test
  void stepAfterStep_onOpenAiChatAndKimi_reusesTheWholePreviousTranscript() throws IOException {
    int steps = 0;
    for (String name : List.of("openai-chat", "kimi")) {
      Dialect d = Dialects.forName(name);
      for (long seed = 0; seed < 10; seed++) {
        TranscriptGenerator.Run run = TranscriptGenerator.run(seed, name, 200);
        DialectOptions options = ProjectionPropertyTest.optionsFor(seed).withThinking(seed % 2 == 0);
        Target target = new Target(name, "m-1");
        IncrementalRequest inc = IncrementalRequest.empty();
        for (TranscriptGenerator.Request r : run.requests()) {
          Vector<Message> prev = inc.transcript();
          boolean grows = inc.length() > 0 && IncrementalRequest.isPrefixOf(prev, r.transcript());
          inc = inc.next(d, r.transcript(), options, target);
          assertEquals(List.of(), compare(inc, full(d, r.transcript(), options, target)));
          if (grows) {
            assertEquals(prev.size(), inc.reusedMessages(), "a grown transcript reuses all of the previous one");
            steps++;
          }
        }
      }
    }
    assertTrue(steps > 300, "incremental steps " + steps);
  }

  @Test
  void advancingOneValueTwice_givesIndependentBodies_idMappingIsForked() throws IOException {
    Dialect kimi = Dialects.forName("kimi");
    Target target = new Target("kimi", "kimi-k2");
    DialectOptions options = DialectOptions.defaults();
    Vector<Message> base = Vector.of(new UserMessage("go"));
    // On kimi an empty id is rewritten to "call_2"; the other branch uses "call_2" natively. Without a
    // fork, the first branch's assignment would push the second branch's id to "call_2_3".
    Vector<Message> a = base.appendAll(step("", "read"));
    Vector<Message> b = base.appendAll(step("call_2", "read"));
    IncrementalRequest start = IncrementalRequest.empty().next(kimi, base, options, target);
    IncrementalRequest ra = start.next(kimi, a, options, target);
    IncrementalRequest rb = start.next(kimi, b, options, target);
    assertEquals(1, rb.reusedMessages());
    assertArrayEquals(full(kimi, a, options, target), ra.toByteArray());
    assertArrayEquals(full(kimi, b, options, target), rb.toByteArray());
    assertArrayEquals(full(kimi, base, options, target), start.toByteArray(), "the start value is unchanged");
  }

  @Test
  void compactionReplacingOneMessage_rebuilds_evenThoughTheSizeGrows() throws IOException {
    Dialect d = Dialects.forName("openai-chat");
    Target target = new Target("openai-chat", "m-1");
    DialectOptions options = DialectOptions.defaults().withSystem("Be brief.");
    Vector<Message> before = Vector.<Message>of(new UserMessage("first")).appendAll(step("c1", "read"));
    Vector<Message> after = Vector.<Message>of(new UserMessage("[lockstep:summary] first"))
        .appendAll(before.drop(1)).appendAll(step("c2", "read"));
    IncrementalRequest r = IncrementalRequest.empty().next(d, before, options, target).next(d, after, options, target);
    assertEquals(0, r.reusedMessages());
    assertArrayEquals(full(d, after, options, target), r.toByteArray());
  }

  @Test
  void emptyTranscriptAndEmptyValue_haveTheRightBytes() throws IOException {
    Dialect d = Dialects.forName("openai-chat");
    Target target = new Target("openai-chat", "m-1");
    assertEquals(0, IncrementalRequest.empty().length());
    for (DialectOptions o : List.of(DialectOptions.defaults(), DialectOptions.defaults().withSystem("s"))) {
      IncrementalRequest r = IncrementalRequest.empty().next(d, Vector.empty(), o, target);
      assertEquals(List.of(), compare(r, full(d, Vector.empty(), o, target)));
      IncrementalRequest grown = r.next(d, Vector.of(new UserMessage("hi")), o, target);
      assertEquals(List.of(), compare(grown, full(d, Vector.of(new UserMessage("hi")), o, target)));
    }
  }

  private static Vector<Message> step(String id, String tool) {
    ToolCall call = new ToolCall(id, id, tool, "{}", Option.none());
    return Vector.of(
        new AssistantMessage("", Option.none(), Vector.of(call), new Provenance("kimi", "kimi-k2")),
        new ToolResultMessage(id, id, tool, "ok", Outcome.COMPLETED));
  }
}
