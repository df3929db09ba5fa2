package dev.lockstep.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.UnsupportedDialectException;
import org.junit.jupiter.api.Test;

/** The replay contract of TRACE-FORMAT v1: inputs, crashes, errors. */
class ReplayerTest {

  static ObjectNode run(String jsonl) {
    return Replayer.replay(TraceReader.parse(jsonl)).toJson();
  }

  @Test
  void jsonLines_areAccepted_andDefaultToOpenAiChat() {
    ObjectNode out = run("""
        {"type":"user","text":"hi"}
        {"type":"model_reply","text":"hello"}
        """);
    assertEquals(2, out.at("/transcript").size());
    assertEquals("hello", out.at("/transcript/1/content").asText());
  }

  @Test
  void tornCrash_dropsTheLastEventAndItsRequest() {
    ObjectNode out = run("""
        {"type":"user","text":"one"}
        {"type":"model_reply","text":"r1"}
        {"type":"user","text":"two"}
        {"type":"crash","torn_bytes":7}
        {"type":"user","text":"three"}
        """);
    assertEquals(2, out.get("requests").size(), "the request of the torn event is gone");
    assertEquals("three", out.at("/requests/1/messages/2/content").asText());
    assertEquals(3, out.get("transcript").size());
    assertEquals("awaiting_model", out.at("/state/phase").asText());
  }

  @Test
  void crashWhileAwaitingTheModel_endsTheTurnWithoutResending_andTheLateReplyIsStale() {
    ObjectNode out = run("""
        {"type":"user","text":"one"}
        {"type":"crash"}
        {"type":"model_reply","text":"late"}
        """);
    assertEquals(1, out.get("requests").size());
    assertEquals(2, out.at("/rejected/0/event").asInt());
    assertEquals("idle", out.at("/state/phase").asText());
  }

  @Test
  void crashDropsACompactionInFlight() {
    ObjectNode out = run("""
        {"type":"user","text":"one"}
        {"type":"model_reply","text":"r1"}
        {"type":"compact"}
        {"type":"crash"}
        {"type":"compaction_done","summary":"s"}
        """);
    assertEquals(4, out.at("/rejected/0/event").asInt());
    assertEquals(false, out.at("/state/compacting").asBoolean());
  }

  @Test
  void unknownEventType_isAClearError() {
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> TraceReader.parse("{\"type\":\"frobnicate\"}"));
    assertTrue(e.getMessage().contains("unknown event type 'frobnicate'"), e.getMessage());
  }

  @Test
  void missingRequiredField_namesTheEventAndField() {
    TraceFormatException e = assertThrows(TraceFormatException.class,
        () -> TraceReader.parse("{\"type\":\"user\"}\n{\"type\":\"tool_result\",\"output\":\"x\"}"));
    assertTrue(e.getMessage().contains("event 0 (user): 'text' is required"), e.getMessage());
  }

  @Test
  void badJsonLine_namesTheLine() {
    TraceFormatException e = assertThrows(TraceFormatException.class,
        () -> TraceReader.parse("{\"type\":\"user\",\"text\":\"a\"}\n{oops"));
    assertTrue(e.getMessage().startsWith("line 2"), e.getMessage());
  }

  @Test
  void unknownDialect_isAClearError_beforeAnythingRuns() {
    Trace t = TraceReader.parse("{\"type\":\"user\",\"text\":\"a\"}").withDialect("klingon");
    UnsupportedDialectException e = assertThrows(UnsupportedDialectException.class, () -> Replayer.replay(t));
    assertTrue(e.getMessage().contains("unknown dialect 'klingon'"), e.getMessage());
  }

  @Test
  void unknownFields_areIgnored() {
    ObjectNode out = run("{\"type\":\"user\",\"text\":\"a\",\"ts\":123}");
    assertEquals(1, out.get("requests").size());
  }

  @Test
  void toolOutputGivenAsJson_isKeptAsItsJsonText() {
    ObjectNode out = run("""
        {"type":"user","text":"go"}
        {"type":"model_reply","tool_calls":[{"id":"c1","name":"Read","arguments":{"path":"a"}}]}
        {"type":"tool_result","id":"c1","output":{"lines":3}}
        """);
    assertEquals("{\"path\":\"a\"}", out.at("/requests/1/messages/1/tool_calls/0/function/arguments").asText());
    assertEquals("{\"lines\":3}", out.at("/requests/1/messages/2/content").asText());
  }

  @Test
  void theSummarizerRequest_isListedWithKindCompaction() {
    ObjectNode out = run("""
        {"type":"user","text":"go"}
        {"type":"model_reply","text":"ok"}
        {"type":"compact"}
        {"type":"compaction_done","summary":"did go"}
        """);
    assertEquals("compaction", out.at("/requests/1/kind").asText());
    assertEquals(1, out.get("transcript").size());
  }
}
