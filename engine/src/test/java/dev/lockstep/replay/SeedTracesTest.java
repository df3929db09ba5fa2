package dev.lockstep.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each seed report, replayed as the bundled example trace, asserting the exact provider-visible
 * messages of the request that bricked the original session.
 */
class SeedTracesTest {
  static final Path TRACES = Path.of("..", "examples", "traces");

  static ObjectNode replay(String file) throws IOException {
    return Replayer.replay(TraceReader.parse(Files.readString(TRACES.resolve(file)))).toJson();
  }

  static JsonNode lastRequest(ObjectNode out) {
    JsonNode reqs = out.get("requests");
    return reqs.get(reqs.size() - 1).get("messages");
  }

  static List<String> roles(JsonNode messages) {
    List<String> out = new ArrayList<>();
    messages.forEach(m -> out.add(m.get("role").asText()
        + (m.has("tool_call_id") ? ":" + m.get("tool_call_id").asText() : "")));
    return out;
  }

  static Stream<String> traceFiles() throws IOException {
    try (Stream<Path> s = Files.list(TRACES)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("traceFiles")
  void everyBundledTrace_replaysWithoutViolations_andEndsIdle(String file) throws IOException {
    ObjectNode out = replay(file);
    assertEquals(0, out.get("violations").size(), () -> file + ": " + out.get("violations"));
    assertEquals("idle", out.at("/state/phase").asText());
    out.get("requests").forEach(r -> assertFalse(r.path("blocked").asBoolean(false)));
  }

  @Test
  void seed000_read158_resultFollowsItsCall_andTheSteerComesAfter() throws IOException {
    ObjectNode out = replay("seed-000-read158-steer-mid-tool.json");
    JsonNode msgs = lastRequest(out);
    assertEquals(List.of("user", "assistant", "tool:Read:158", "user"), roles(msgs));
    assertEquals("Read:158", msgs.at("/1/tool_calls/0/id").asText());
    assertEquals("Read config.ts first.", msgs.at("/1/reasoning_content").asText());
    assertEquals("export const retries = 3;", msgs.at("/2/content").asText());
    assertEquals("Background task bg-3 finished: tests passed.", msgs.at("/3/content").asText());
  }

  @Test
  void seed000_crashMidTool_resumesWithEverySlotSealedOnce() throws IOException {
    ObjectNode out = replay("seed-000-crash-mid-tool-resume.json");
    JsonNode msgs = lastRequest(out);
    assertEquals(List.of("user", "assistant", "tool:Shell:58", "tool:Read:59", "user", "user"), roles(msgs));
    assertTrue(msgs.at("/2/content").asText().startsWith("[lockstep:unknown] "));
    assertTrue(msgs.at("/3/content").asText().startsWith("[lockstep:interrupted] "));
    assertEquals("use the staging database", msgs.at("/4/content").asText(), "the steer survived the crash");
    assertEquals(2, out.get("requests").size(), "recovery never re-sends a request");
  }

  @Test
  void seed001_todoList3_stepThreeCarriesEveryResultInCallOrder() throws IOException {
    JsonNode msgs = lastRequest(replay("seed-001-todolist-progression.json"));
    assertEquals(List.of("user", "assistant", "tool:Skill:0", "tool:Skill:1", "tool:Skill:2", "assistant",
        "tool:TodoList:3"), roles(msgs));
    assertEquals("loaded codex-orchestrate", msgs.at("/2/content").asText());
  }

  @Test
  void seed002_kimiThinking_backfillsReasoningContentOnEveryToolCallMessage() throws IOException {
    ObjectNode out = replay("seed-002-kimi-thinking-backfill.json");
    JsonNode msgs = lastRequest(out);
    assertEquals(List.of("user", "assistant", "tool:call_ls_1", "assistant", "tool:Read:1"), roles(msgs));
    assertEquals("", msgs.at("/1/reasoning_content").asText(), "foreign (openai-chat) reply: backfilled");
    assertTrue(msgs.get(1).has("reasoning_content"));
    assertTrue(msgs.get(3).has("reasoning_content"));
    assertEquals("enabled", out.get("requests").get(2).at("/thinking/type").asText());
  }

  @Test
  void seed004_compactionMidTool_keepsTheOpenStepAndTheSteer() throws IOException {
    ObjectNode out = replay("seed-004-compaction-keeps-history-valid.json");
    JsonNode compaction = out.get("requests").get(2);
    assertEquals("compaction", compaction.get("kind").asText());
    assertEquals(List.of("user", "assistant", "tool:Read:0", "user"), roles(compaction.get("messages")));
    assertTrue(compaction.at("/messages/3/content").asText().startsWith("[lockstep:compact] "));
    JsonNode transcript = out.get("transcript");
    assertEquals(List.of("user", "assistant", "tool:Edit:1", "user", "assistant"), roles(transcript));
    assertTrue(transcript.at("/0/content").asText().startsWith("[lockstep:summary] "));
    assertEquals("Edit it.", transcript.at("/1/reasoning_content").asText());
  }

  @Test
  void malformedArguments_areSentAsAnEmptyObject_withARejectedResult() throws IOException {
    JsonNode msgs = lastRequest(replay("malformed-arguments.json"));
    assertEquals(List.of("user", "assistant", "tool:call_1", "tool:call_1_2"), roles(msgs));
    assertEquals("{}", msgs.at("/1/tool_calls/0/function/arguments").asText());
    assertEquals("call_1_2", msgs.at("/1/tool_calls/1/id").asText());
    assertTrue(msgs.at("/2/content").asText().startsWith("[lockstep:rejected] "));
    assertEquals("wrote 2 bytes", msgs.at("/3/content").asText());
  }

  @Test
  void interrupt_lateResultIsANote_duplicateAndStaleAreRejected() throws IOException {
    ObjectNode out = replay("interrupt-parallel-late-result.json");
    assertEquals(List.of(6, 7), List.of(out.at("/rejected/0/event").asInt(), out.at("/rejected/1/event").asInt()));
    JsonNode msgs = lastRequest(out);
    assertEquals(List.of("user", "assistant", "tool:call_a", "tool:call_b", "user", "user", "user"), roles(msgs));
    assertTrue(msgs.at("/5/content").asText().contains("3 matches"));
    assertFalse(msgs.at("/5/content").asText().contains("again"));
  }

  @Test
  void json_roundTripOfReplayOutput_isStable() throws IOException {
    ObjectNode a = replay("seed-001-todolist-progression.json");
    ObjectNode b = replay("seed-001-todolist-progression.json");
    assertEquals(Json.MAPPER.writeValueAsString(a), Json.MAPPER.writeValueAsString(b));
  }
}
