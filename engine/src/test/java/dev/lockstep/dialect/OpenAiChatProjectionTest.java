package dev.lockstep.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.openai.OpenAiChatDialect;
import dev.lockstep.dialect.openai.OpenAiChatValidator;
import dev.lockstep.machine.Target;
import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Message;
import dev.lockstep.model.Outcome;
import dev.lockstep.model.Provenance;
import dev.lockstep.model.Reasoning;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.Origin;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import dev.lockstep.model.UserMessage;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** Exact provider-visible JSON for openai-chat and kimi, and the validator's view of broken histories. */
class OpenAiChatProjectionTest {
  static final Target KIMI = new Target("kimi", "kimi-for-coding");
  static final Target OPENAI = new Target("openai-chat", "gpt-4.1");

  static ToolCall call(String id) {
    return new ToolCall(id, id, "Read", "{\"path\":\"a\"}", Option.none());
  }

  static Vector<Message> readStep(String id, Provenance p, Option<Reasoning> r) {
    return Vector.of(new UserMessage("go"), new AssistantMessage("", r, Vector.of(call(id)), p),
        new ToolResultMessage(id, id, "Read", "A", Outcome.COMPLETED));
  }

  static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }

  @Test
  void openAiChat_projectsAToolStepExactly() throws Exception {
    ObjectNode body = OpenAiChatDialect.openAi().turnRequest(
        readStep("call_1", new Provenance("openai-chat", "gpt-4.1"), Option.none()),
        new DialectOptions(false, Option.some("Be brief."), Vector.empty()), OPENAI);
    assertEquals(json("""
        {"messages":[
          {"role":"system","content":"Be brief."},
          {"role":"user","content":"go"},
          {"role":"assistant","content":null,"tool_calls":[
            {"id":"call_1","type":"function","function":{"name":"Read","arguments":"{\\"path\\":\\"a\\"}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"A"}]}
        """), body);
  }

  @Test
  void kimiWithThinking_keepsItsOwnReasoning_andBackfillsForeignOrMissingReasoning() {
    DialectOptions thinking = DialectOptions.defaults().withThinking(true);
    ObjectNode own = OpenAiChatDialect.kimi().turnRequest(
        readStep("Read:0", new Provenance("kimi", "k2"), Option.some(new Reasoning("mine", Option.none()))), thinking, KIMI);
    assertEquals("mine", own.at("/messages/1/reasoning_content").asText());
    ObjectNode foreign = OpenAiChatDialect.kimi().turnRequest(
        readStep("Read:0", new Provenance("anthropic", "claude"), Option.some(new Reasoning("theirs", Option.some("sig")))),
        thinking, KIMI);
    assertEquals("", foreign.at("/messages/1/reasoning_content").asText());
    assertTrue(foreign.at("/messages/1").has("reasoning_content"));
    assertEquals("enabled", foreign.at("/thinking/type").asText());
  }

  @Test
  void kimiWithoutThinking_sendsNoReasoning_andSaysThinkingIsDisabled() {
    ObjectNode body = OpenAiChatDialect.kimi().turnRequest(
        readStep("Read:0", new Provenance("kimi", "k2"), Option.some(new Reasoning("mine", Option.none()))),
        DialectOptions.defaults(), KIMI);
    assertTrue(body.at("/messages/1/reasoning_content").isMissingNode());
    assertEquals("disabled", body.at("/thinking/type").asText());
  }

  @Test
  void openAiChat_mapsIdsLongerThan40_identicallyOnCallAndResult() {
    String longId = "toolu_" + "x".repeat(60);
    ObjectNode body = OpenAiChatDialect.openAi().turnRequest(
        readStep(longId, new Provenance("anthropic", "c"), Option.none()), DialectOptions.defaults(), OPENAI);
    String wire = body.at("/messages/1/tool_calls/0/id").asText();
    assertTrue(wire.length() <= 40, wire);
    assertEquals(wire, body.at("/messages/2/tool_call_id").asText());
    assertEquals(List.empty(), OpenAiChatDialect.openAi().validator().validate(body, DialectOptions.defaults()));
  }

  @Test
  void validator_catchesTheRead158History_withTheProviderErrorText() throws Exception {
    // What the naive loop sent: the steer landed between the call and its result.
    ObjectNode body = (ObjectNode) json("""
        {"messages":[
          {"role":"user","content":"Resume the active goal."},
          {"role":"assistant","content":null,"reasoning_content":"","tool_calls":[
            {"id":"Read:158","type":"function","function":{"name":"Read","arguments":"{}"}}]},
          {"role":"user","content":"Background task finished."},
          {"role":"tool","tool_call_id":"Read:158","content":"..."}],
         "thinking":{"type":"enabled"}}
        """);
    var found = OpenAiChatValidator.kimi().validate(body, DialectOptions.defaults().withThinking(true));
    assertEquals("an assistant message with 'tool_calls' must be followed by tool messages responding to each"
        + " 'tool_call_id'. The following tool_call_ids did not have response messages: Read:158",
        found.head().providerError());
    assertTrue(found.exists(v -> v.rule().equals("kimi/no-orphan-results")));
  }

  @Test
  void validator_catchesMissingReasoningContent_withThinkingOn() throws Exception {
    ObjectNode body = (ObjectNode) json("""
        {"messages":[
          {"role":"user","content":"go"},
          {"role":"assistant","content":null,"tool_calls":[
            {"id":"Read:0","type":"function","function":{"name":"Read","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"Read:0","content":"A"}],
         "thinking":{"type":"enabled"}}
        """);
    var found = OpenAiChatValidator.kimi().validate(body, DialectOptions.defaults());
    assertEquals(List.of("thinking is enabled but reasoning_content is missing in assistant tool call message at index 1"),
        found.map(RequestViolation::providerError));
  }

  @Test
  void validator_catchesDuplicateResults_longIds_nullContent_andBadArguments() throws Exception {
    ObjectNode body = (ObjectNode) json("""
        {"messages":[
          {"role":"user","content":null},
          {"role":"assistant","content":null,"tool_calls":[
            {"id":"%s","type":"function","function":{"name":"","arguments":"{oops"}}]},
          {"role":"tool","tool_call_id":"%s","content":"A"},
          {"role":"tool","tool_call_id":"%s","content":"B"}]}
        """.formatted("i".repeat(41), "i".repeat(41), "i".repeat(41)));
    var rules = OpenAiChatValidator.openAi().validate(body, DialectOptions.defaults()).map(RequestViolation::rule);
    assertEquals(List.of("openai-chat/content-string", "openai-chat/call-id-length", "openai-chat/function-name-present",
        "openai-chat/arguments-json-object", "openai-chat/no-duplicate-results"), rules);
  }

  @Test
  void projectionOfAnyReducerTranscript_passesTheValidator_steerExample() {
    Vector<Message> t = readStep("c", new Provenance("kimi", "k"), Option.none())
        .append(new SteerMessage("also", Origin.BACKGROUND));
    for (Dialect d : List.of(OpenAiChatDialect.openAi(), OpenAiChatDialect.kimi())) {
      for (boolean thinking : new boolean[] {false, true}) {
        DialectOptions o = DialectOptions.defaults().withThinking(thinking);
        assertEquals(List.empty(), d.validator().validate(d.turnRequest(t, o, KIMI), o), d.name());
      }
    }
  }
}
