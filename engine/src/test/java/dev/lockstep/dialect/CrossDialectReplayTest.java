package dev.lockstep.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.replay.ReplayResult;
import dev.lockstep.replay.Replayer;
import dev.lockstep.replay.Trace;
import dev.lockstep.replay.TraceReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-dialect tests through the real replay path ({@link Replayer}): the same recorded session is
 * valid in all nine dialects (thinking on and off), and a session that falls back from
 * {@code anthropic} with thinking to {@code kimi} and then to {@code mistral} stays valid.
 */
class CrossDialectReplayTest {

  static List<String> dialects() {
    return Dialects.ALL_NAMES.toJavaList();
  }

  private static Trace resource(String name) throws IOException {
    try (InputStream in = Objects.requireNonNull(CrossDialectReplayTest.class.getResourceAsStream("/dialect/" + name))) {
      return TraceReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static void assertClean(ReplayResult r, String what) {
    JsonNode out = r.toJson();
    assertEquals(0, out.get("violations").size(), what + ": " + out.get("violations"));
    for (JsonNode req : out.get("requests")) {
      assertFalse(req.path("blocked").asBoolean(false), what + ": blocked " + req);
    }
  }

  @ParameterizedTest
  @MethodSource("dialects")
  void recordedSession_isValidInEveryDialect_thinkingOnAndOff(String dialect) throws IOException {
    Trace trace = resource("recorded-session.json").withDialect(dialect);
    ReplayResult on = Replayer.replay(trace);
    assertClean(on, dialect + " thinking on");
    assertClean(Replayer.replay(trace.withOptions(trace.options().withThinking(false))), dialect + " thinking off");
    JsonNode out = on.toJson();
    assertTrue(out.get("requests").size() >= 6, "requests: " + out.get("requests").size());
    assertTrue(out.get("requests").toString().contains("[lockstep:late-result]"), "the late result reached a request");
  }

  @Test
  void fallbackFromAnthropicWithThinking_toKimi_toMistral_staysValid() throws IOException {
    ReplayResult r = Replayer.replay(resource("fallback-anthropic-kimi-mistral.json"));
    assertClean(r, "fallback");
    JsonNode requests = r.toJson().get("requests");
    // 0: anthropic first request; 1: anthropic continuing the tool loop with its own signed thinking.
    JsonNode first = requests.get(1);
    assertEquals("enabled", first.path("thinking").path("type").asText());
    JsonNode assistant = first.get("messages").get(1);
    assertEquals("thinking", assistant.get("content").get(0).get("type").asText());
    assertEquals("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pk", assistant.get("content").get(0).get("signature").asText());
    // 2: kimi: the Anthropic thinking is foreign: no signature anywhere, reasoning_content backfilled.
    JsonNode kimi = requests.get(2);
    assertFalse(kimi.toString().contains("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pk"), "foreign signature leaked to kimi");
    for (JsonNode m : kimi.get("messages")) {
      if (m.has("tool_calls")) {
        assertTrue(m.has("reasoning_content"), "kimi tool turn without reasoning_content: " + m);
      }
    }
    // Last: mistral: every id is 9 alphanumerics and no reasoning is sent.
    JsonNode mistral = requests.get(requests.size() - 1);
    assertFalse(mistral.toString().contains("reasoning"), "reasoning sent to mistral");
    for (JsonNode m : mistral.get("messages")) {
      for (JsonNode c : m.path("tool_calls")) {
        assertTrue(c.get("id").asText().matches("[a-zA-Z0-9]{9}"), c.toString());
      }
    }
  }
}
