package dev.lockstep.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.machine.Target;
import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Message;
import dev.lockstep.model.Origin;
import dev.lockstep.model.Outcome;
import dev.lockstep.model.Provenance;
import dev.lockstep.model.Reasoning;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import dev.lockstep.model.UserMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * Golden tests: the providers' documented weather-tool exchange (a user question, an assistant reply
 * with one call, its result) projected into each dialect must give exactly the request body shape the
 * provider's documentation shows, and pass the validator. Further cases pin each dialect's special
 * rule (thinking replay, backfill, bridge, stub, signatures).
 */
class GoldenProjectionTest {
  private static final String ARGS = "{\"location\":\"San Francisco, CA\"}";
  private static final DialectOptions PLAIN = DialectOptions.defaults();

  private static Vector<Message> weather(String dialect, String model, String id, Option<Reasoning> reasoning, String text) {
    ToolCall call = new ToolCall(id, id, "get_weather", ARGS, Option.none());
    return Vector.of(
        new UserMessage("What's the weather like in San Francisco?"),
        new AssistantMessage(text, reasoning, Vector.of(call), new Provenance(dialect, model)),
        new ToolResultMessage(id, id, "get_weather", "15 degrees, sunny", Outcome.COMPLETED));
  }

  private static void assertGolden(String dialect, String model, Vector<Message> t, DialectOptions o, String expected) throws Exception {
    Dialect d = Dialects.forName(dialect);
    ObjectNode body = d.turnRequest(t, o, new Target(dialect, model));
    JsonNode want = Json.MAPPER.readTree(expected);
    assertEquals(want.toPrettyString(), body.toPrettyString());
    assertEquals(io.vavr.collection.List.empty(), d.validator().validate(body, o));
  }

  @Test
  void openAiChat_weatherExample() throws Exception {
    assertGolden("openai-chat", "gpt", weather("openai-chat", "gpt", "call_abc123", Option.none(), ""), PLAIN, """
        {"messages":[
          {"role":"user","content":"What's the weather like in San Francisco?"},
          {"role":"assistant","content":null,"tool_calls":[{"id":"call_abc123","type":"function",
            "function":{"name":"get_weather","arguments":"{\\"location\\":\\"San Francisco, CA\\"}"}}]},
          {"role":"tool","tool_call_id":"call_abc123","content":"15 degrees, sunny"}]}""");
  }

  @Test
  void openAiResponses_weatherExample_withOwnReasoningItemBeforeItsCall() throws Exception {
    Option<Reasoning> r = Option.some(new Reasoning("Need the weather tool.", Option.some("gAAAAB-encrypted")));
    assertGolden("openai-responses", "o4", weather("openai-responses", "o4", "call_12345xyz", r, ""), PLAIN.withThinking(true), """
        {"messages":[
          {"type":"message","role":"user","content":[{"type":"input_text","text":"What's the weather like in San Francisco?"}]},
          {"type":"reasoning","summary":[{"type":"summary_text","text":"Need the weather tool."}],"encrypted_content":"gAAAAB-encrypted"},
          {"type":"function_call","call_id":"call_12345xyz","name":"get_weather","arguments":"{\\"location\\":\\"San Francisco, CA\\"}"},
          {"type":"function_call_output","call_id":"call_12345xyz","output":"15 degrees, sunny"}],
         "store":false,"include":["reasoning.encrypted_content"]}""");
  }

  @Test
  void openAiResponses_dropsReasoningOfAnotherModel() throws Exception {
    Option<Reasoning> r = Option.some(new Reasoning("x", Option.some("gAAAAB-encrypted")));
    assertGolden("openai-responses", "o4", weather("openai-responses", "o3", "call_1", r, ""), PLAIN, """
        {"messages":[
          {"type":"message","role":"user","content":[{"type":"input_text","text":"What's the weather like in San Francisco?"}]},
          {"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{\\"location\\":\\"San Francisco, CA\\"}"},
          {"type":"function_call_output","call_id":"call_1","output":"15 degrees, sunny"}],
         "store":false}""");
  }

  @Test
  void anthropic_weatherExample() throws Exception {
    assertGolden("anthropic", "claude", weather("anthropic", "claude", "toolu_01A09q90qw90lq917835lq9", Option.none(),
        "I'll check the current weather in San Francisco for you."), PLAIN.withSystem("Be brief."), """
        {"system":"Be brief.","messages":[
          {"role":"user","content":[{"type":"text","text":"What's the weather like in San Francisco?"}]},
          {"role":"assistant","content":[
            {"type":"text","text":"I'll check the current weather in San Francisco for you."},
            {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","input":{"location":"San Francisco, CA"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A09q90qw90lq917835lq9","content":"15 degrees, sunny"}]}]}""");
  }

  @Test
  void anthropic_thinkingOn_replaysOwnSignedThinkingFirst() throws Exception {
    Option<Reasoning> r = Option.some(new Reasoning("The user wants the weather.", Option.some("WaUjzkypQ2mUEVM36O2Txu")));
    assertGolden("anthropic", "claude", weather("anthropic", "claude", "toolu_01", r, ""), PLAIN.withThinking(true), """
        {"messages":[
          {"role":"user","content":[{"type":"text","text":"What's the weather like in San Francisco?"}]},
          {"role":"assistant","content":[
            {"type":"thinking","thinking":"The user wants the weather.","signature":"WaUjzkypQ2mUEVM36O2Txu"},
            {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"location":"San Francisco, CA"}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"15 degrees, sunny"}]}],
         "thinking":{"type":"enabled","budget_tokens":1024}}""");
  }

  @Test
  void anthropic_thinkingOn_historyFromKimi_dropsForeignReasoningAndTurnsThinkingOff_rewritesIds() throws Exception {
    Option<Reasoning> r = Option.some(new Reasoning("kimi thoughts", Option.some("kimi-sig")));
    ObjectNode body = Dialects.forName("anthropic").turnRequest(weather("kimi", "k2", "functions.get_weather:0", r, ""),
        PLAIN.withThinking(true), new Target("anthropic", "claude"));
    JsonNode assistant = body.get("messages").get(1);
    assertEquals("tool_use", assistant.get("content").get(0).get("type").asText());
    String id = assistant.get("content").get(0).get("id").asText();
    assertEquals(true, id.matches("^[a-zA-Z0-9_-]{1,64}$"), id);
    assertEquals(id, body.get("messages").get(2).get("content").get(0).get("tool_use_id").asText());
    assertEquals(false, body.has("thinking"));
    assertEquals(io.vavr.collection.List.empty(), Dialects.forName("anthropic").validator().validate(body, PLAIN.withThinking(true)));
  }

  @Test
  void kimi_thinkingOn_backfillsEmptyReasoningContent_keepsNativeIds() throws Exception {
    assertGolden("kimi", "kimi-k2", weather("anthropic", "claude", "functions.get_weather:0", Option.none(), ""), PLAIN.withThinking(true), """
        {"messages":[
          {"role":"user","content":"What's the weather like in San Francisco?"},
          {"role":"assistant","content":null,"reasoning_content":"","tool_calls":[{"id":"functions.get_weather:0","type":"function",
            "function":{"name":"get_weather","arguments":"{\\"location\\":\\"San Francisco, CA\\"}"}}]},
          {"role":"tool","tool_call_id":"functions.get_weather:0","content":"15 degrees, sunny"}],
         "thinking":{"type":"enabled"}}""");
  }

  @Test
  void kimiAnthropic_thinkingOn_backfillsSpaceThinking() throws Exception {
    assertGolden("kimi-anthropic", "kimi-k2", weather("openai-chat", "gpt", "get_weather:0", Option.none(), ""), PLAIN.withThinking(true), """
        {"messages":[
          {"role":"user","content":[{"type":"text","text":"What's the weather like in San Francisco?"}]},
          {"role":"assistant","content":[
            {"type":"thinking","thinking":" "},
            {"type":"tool_use","id":"get_weather:0","name":"get_weather","input":{"location":"San Francisco, CA"}}],
           "reasoning_content":" "},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"get_weather:0","content":"15 degrees, sunny"}]}],
         "thinking":{"type":"enabled","budget_tokens":1024}}""");
  }

  @Test
  void deepseekV4_thinkingOn_passesOwnReasoningBack() throws Exception {
    Option<Reasoning> r = Option.some(new Reasoning("Call the tool.", Option.none()));
    assertGolden("deepseek", "deepseek-v4", weather("deepseek", "deepseek-v4", "call_00_x", r, ""), PLAIN.withThinking(true), """
        {"messages":[
          {"role":"user","content":"What's the weather like in San Francisco?"},
          {"role":"assistant","content":null,"reasoning_content":"Call the tool.","tool_calls":[{"id":"call_00_x","type":"function",
            "function":{"name":"get_weather","arguments":"{\\"location\\":\\"San Francisco, CA\\"}"}}]},
          {"role":"tool","tool_call_id":"call_00_x","content":"15 degrees, sunny"}],
         "thinking":{"type":"enabled"}}""");
  }

  @Test
  void deepseekR1_stripsReasoning_andMergesSuccessiveUserMessages() throws Exception {
    Vector<Message> t = Vector.of(new UserMessage("Hi"), new SteerMessage("and also this", Origin.USER),
        new AssistantMessage("Hello.", Option.some(new Reasoning("greet", Option.none())), Vector.empty(), new Provenance("deepseek", "deepseek-reasoner")),
        new UserMessage("9.11 and 9.8, which is greater?"));
    assertGolden("deepseek", "deepseek-reasoner", t, PLAIN.withThinking(true), """
        {"messages":[
          {"role":"user","content":"Hi\\n\\nand also this"},
          {"role":"assistant","content":"Hello."},
          {"role":"user","content":"9.11 and 9.8, which is greater?"}]}""");
  }

  @Test
  void gemini_weatherExample_dummySignatureForForeignHistory() throws Exception {
    assertGolden("gemini", "gemini-3", weather("openai-chat", "gpt", "call_1", Option.none(), ""), PLAIN.withSystem("Be brief."), """
        {"systemInstruction":{"parts":[{"text":"Be brief."}]},"messages":[
          {"role":"user","parts":[{"text":"What's the weather like in San Francisco?"}]},
          {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"location":"San Francisco, CA"}},
            "thoughtSignature":"skip_thought_signature_validator"}]},
          {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"15 degrees, sunny"}}}]}]}""");
  }

  @Test
  void gemini_ownSignatureKeptOnFirstCall() throws Exception {
    Option<Reasoning> r = Option.some(new Reasoning("", Option.some("CiQBcsjafK")));
    ObjectNode body = Dialects.forName("gemini").turnRequest(weather("gemini", "gemini-3", "x", r, ""), PLAIN, new Target("gemini", "gemini-3"));
    assertEquals("CiQBcsjafK", body.get("messages").get(1).get("parts").get(0).get("thoughtSignature").asText());
  }

  @Test
  void mistral_weatherExample_nineCharIds_andBridgeBeforeFollowingUser() throws Exception {
    Vector<Message> t = weather("mistral", "mistral-large", "D681PevKs", Option.none(), "").append(new SteerMessage("Thanks!", Origin.USER));
    assertGolden("mistral", "mistral-large", t, PLAIN, """
        {"messages":[
          {"role":"user","content":"What's the weather like in San Francisco?"},
          {"role":"assistant","content":null,"tool_calls":[{"id":"D681PevKs","type":"function",
            "function":{"name":"get_weather","arguments":"{\\"location\\":\\"San Francisco, CA\\"}"}}]},
          {"role":"tool","tool_call_id":"D681PevKs","name":"get_weather","content":"15 degrees, sunny"},
          {"role":"assistant","content":"[lockstep:bridge] Noted; continuing with the tool results above."},
          {"role":"user","content":"Thanks!"}]}""");
  }

  @Test
  void bedrock_weatherExample_stubToolConfig_andBridge() throws Exception {
    Vector<Message> t = weather("bedrock", "claude", "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", Option.none(), "")
        .append(new SteerMessage("Thanks!", Origin.USER));
    assertGolden("bedrock", "claude", t, PLAIN, """
        {"messages":[
          {"role":"user","content":[{"text":"What's the weather like in San Francisco?"}]},
          {"role":"assistant","content":[{"toolUse":{"toolUseId":"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q","name":"get_weather",
            "input":{"location":"San Francisco, CA"}}}]},
          {"role":"user","content":[{"toolResult":{"toolUseId":"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q",
            "content":[{"text":"15 degrees, sunny"}],"status":"success"}}]},
          {"role":"assistant","content":[{"text":"[lockstep:bridge] Noted; continuing with the tool results above."}]},
          {"role":"user","content":[{"text":"Thanks!"}]}],
         "toolConfig":{"tools":[{"toolSpec":{"name":"lockstep_no_tools",
           "description":"[lockstep:stub] No tools are available in this request; do not call this.",
           "inputSchema":{"json":{"type":"object","properties":{}}}}}]}}""");
  }
}
