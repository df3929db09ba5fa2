package dev.lockstep.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every validator rule has a failing example: a minimal request breaking exactly that rule, which the
 * dialect's validator must report under that rule id with a non-empty provider error text. A coverage
 * test reads the validators' sources and fails when a rule id has no example here.
 */
class ValidatorRulesTest {
  private static final Map<String, String> BAD = new LinkedHashMap<>();

  private static void bad(String rule, String json) {
    BAD.put(rule, json.replace('\'', '"'));
  }

  private static final String U = "{'role':'user','content':'hi'}";
  private static final String OAI_CALL = "{'role':'assistant','content':null,'tool_calls':[{'id':'c1','type':'function','function':{'name':'f','arguments':'{}'}}]}";
  private static final String OAI_RESULT = "{'role':'tool','tool_call_id':'c1','content':'ok'}";

  static {
    // ---- openai-chat and kimi ----
    bad("openai-chat/messages-present", "{'messages':[]}");
    bad("openai-chat/content-string", "{'messages':[{'role':'user','content':null}]}");
    bad("openai-chat/tool-calls-non-empty", "{'messages':[" + U + ",{'role':'assistant','content':'x','tool_calls':[]}]}");
    bad("openai-chat/content-null-only-with-calls", "{'messages':[" + U + ",{'role':'assistant','content':null}," + U + "]}");
    bad("openai-chat/no-vacuous-assistant", "{'messages':[" + U + ",{'role':'assistant','content':' '}," + U + "]}");
    bad("kimi/reasoning-content-on-tool-calls", "{'thinking':{'type':'enabled'},'messages':[" + U + "," + OAI_CALL + "," + OAI_RESULT + "]}");
    bad("openai-chat/call-id-present", "{'messages':[" + U + ",{'role':'assistant','content':null,'tool_calls':[{'id':'','type':'function','function':{'name':'f','arguments':'{}'}}]},{'role':'tool','tool_call_id':'','content':'ok'}]}");
    bad("openai-chat/call-id-length", "{'messages':[" + U + ",{'role':'assistant','content':null,'tool_calls':[{'id':'" + "c".repeat(41) + "','type':'function','function':{'name':'f','arguments':'{}'}}]},{'role':'tool','tool_call_id':'" + "c".repeat(41) + "','content':'ok'}]}");
    bad("openai-chat/call-id-unique", "{'messages':[" + U + "," + OAI_CALL + "," + OAI_RESULT + "," + U + "," + OAI_CALL + "," + OAI_RESULT + "]}");
    bad("openai-chat/function-name-present", "{'messages':[" + U + ",{'role':'assistant','content':null,'tool_calls':[{'id':'c1','type':'function','function':{'name':'','arguments':'{}'}}]}," + OAI_RESULT + "]}");
    bad("openai-chat/arguments-json-object", "{'messages':[" + U + ",{'role':'assistant','content':null,'tool_calls':[{'id':'c1','type':'function','function':{'name':'f','arguments':'{bad'}}]}," + OAI_RESULT + "]}");
    bad("openai-chat/no-orphan-results", "{'messages':[" + U + "," + OAI_RESULT + "]}");
    bad("openai-chat/result-matches-call", "{'messages':[" + U + "," + OAI_CALL + "," + OAI_RESULT + ",{'role':'tool','tool_call_id':'c9','content':'x'}]}");
    bad("openai-chat/no-duplicate-results", "{'messages':[" + U + "," + OAI_CALL + "," + OAI_RESULT + "," + OAI_RESULT + "]}");
    bad("openai-chat/known-role", "{'messages':[{'role':'function','content':'x'}]}");
    bad("openai-chat/results-follow-call", "{'messages':[" + U + "," + OAI_CALL + "," + U + "]}");
    bad("openai-chat/tools-limit", "{'messages':[" + U + "],'tools':[" + String.join(",", java.util.Collections.nCopies(129, "{}")) + "]}");

    // ---- deepseek ----
    String v4 = "'thinking':{'type':'enabled'},";
    bad("deepseek/messages-present", "{" + v4 + "'messages':[]}");
    bad("deepseek/tools-non-empty", "{" + v4 + "'messages':[" + U + "],'tools':[]}");
    bad("deepseek/tool-calls-non-empty", "{'thinking':{'type':'disabled'},'messages':[" + U + ",{'role':'assistant','content':'x','tool_calls':[]}]}");
    bad("deepseek/content-null-only-with-calls", "{'thinking':{'type':'disabled'},'messages':[" + U + ",{'role':'assistant','content':null}," + U + "]}");
    bad("deepseek/r1-no-reasoning", "{'messages':[" + U + ",{'role':'assistant','content':'x','reasoning_content':'r'}," + U + "]}");
    bad("deepseek/r1-alternation", "{'messages':[" + U + "," + U + "]}");
    bad("deepseek/system-first", "{'messages':[" + U + ",{'role':'system','content':'s'}]}");
    bad("deepseek/reasoning-content-on-tool-calls", "{" + v4 + "'messages':[" + U + "," + OAI_CALL + "," + OAI_RESULT + "]}");
    bad("deepseek/call-id-present", "{'thinking':{'type':'disabled'},'messages':[" + U + ",{'role':'assistant','content':null,'tool_calls':[{'id':'','type':'function','function':{'name':'f','arguments':'{}'}}]},{'role':'tool','tool_call_id':'','content':'x'}]}");
    bad("deepseek/call-id-unique", "{'thinking':{'type':'disabled'},'messages':[" + U + "," + OAI_CALL + "," + OAI_RESULT + "," + U + "," + OAI_CALL + "," + OAI_RESULT + "]}");
    bad("deepseek/function-name-present", "{'thinking':{'type':'disabled'},'messages':[" + U + ",{'role':'assistant','content':null,'tool_calls':[{'id':'c1','type':'function','function':{'name':'','arguments':'{}'}}]}," + OAI_RESULT + "]}");
    bad("deepseek/no-orphan-results", "{'thinking':{'type':'disabled'},'messages':[" + U + "," + OAI_RESULT + "]}");
    bad("deepseek/no-duplicate-results", "{'thinking':{'type':'disabled'},'messages':[" + U + "," + OAI_CALL + "," + OAI_RESULT + "," + OAI_RESULT + "]}");
    bad("deepseek/known-role", "{'thinking':{'type':'disabled'},'messages':[{'role':'function','content':'x'}]}");
    bad("deepseek/results-follow-call", "{'thinking':{'type':'disabled'},'messages':[" + U + "," + OAI_CALL + "," + U + "]}");

    // ---- openai-responses ----
    String RU = "{'type':'message','role':'user','content':[{'type':'input_text','text':'hi'}]}";
    String FC = "{'type':'function_call','call_id':'call_1','name':'f','arguments':'{}'}";
    String FO = "{'type':'function_call_output','call_id':'call_1','output':'ok'}";
    bad("openai-responses/input-present", "{'messages':[]}");
    bad("openai-responses/item-id-unique", "{'messages':[{'type':'message','id':'msg_1','role':'assistant','content':'a'},{'type':'message','id':'msg_1','role':'assistant','content':'b'}," + RU + "]}");
    bad("openai-responses/function-call-item-id", "{'messages':[" + RU + ",{'type':'function_call','id':'call_1','call_id':'call_1','name':'f','arguments':'{}'}," + FO + "]}");
    bad("openai-responses/no-item-references", "{'store':false,'messages':[" + RU + ",{'type':'reasoning','id':'rs_1','summary':[]}," + FC + "," + FO + "]}");
    bad("openai-responses/outputs-follow-calls", "{'messages':[" + RU + "," + FC + "," + RU + "," + FO + "]}");
    bad("openai-responses/message-content", "{'messages':[{'type':'message','role':'user','content':''}]}");
    bad("openai-responses/message-role", "{'messages':[{'type':'message','role':'tool','content':'x'}]}");
    bad("openai-responses/call-id-present", "{'messages':[" + RU + ",{'type':'function_call','call_id':'','name':'f','arguments':'{}'},{'type':'function_call_output','call_id':'','output':'x'}]}");
    bad("openai-responses/call-id-length", "{'messages':[" + RU + ",{'type':'function_call','call_id':'" + "c".repeat(65) + "','name':'f','arguments':'{}'},{'type':'function_call_output','call_id':'" + "c".repeat(65) + "','output':'x'}]}");
    bad("openai-responses/call-id-unique", "{'messages':[" + RU + "," + FC + "," + FO + "," + FC + "]}");
    bad("openai-responses/function-name-present", "{'messages':[" + RU + ",{'type':'function_call','call_id':'call_1','name':'','arguments':'{}'}," + FO + "]}");
    bad("openai-responses/no-orphan-outputs", "{'messages':[" + RU + "," + FO + "]}");
    bad("openai-responses/single-output", "{'messages':[" + RU + "," + FC + "," + FO + "," + FO + "]}");
    bad("openai-responses/reasoning-followed", "{'messages':[" + RU + ",{'type':'reasoning','summary':[],'encrypted_content':'e'}," + RU + "]}");
    bad("openai-responses/reasoning-summary", "{'messages':[" + RU + ",{'type':'reasoning','encrypted_content':'e'}," + FC + "," + FO + "]}");
    bad("openai-responses/reasoning-content", "{'messages':[" + RU + ",{'type':'reasoning','summary':[]}," + FC + "," + FO + "]}");
    bad("openai-responses/item-type", "{'messages':[" + RU + ",{'type':'web_search_call'}]}");

    // ---- anthropic and kimi-anthropic ----
    String AU = "{'role':'user','content':[{'type':'text','text':'hi'}]}";
    String USE = "{'role':'assistant','content':[{'type':'tool_use','id':'toolu_1','name':'f','input':{}}]}";
    String RES = "{'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_1','content':'ok'}]}";
    String THINK = "{'type':'thinking','thinking':'t','signature':'s'}";
    bad("anthropic/messages-present", "{'messages':[]}");
    bad("anthropic/forced-tool-with-thinking", "{'thinking':{'type':'enabled','budget_tokens':1024},'tool_choice':{'type':'any'},'messages':[" + AU + "]}");
    bad("anthropic/tool-names-unique", "{'tools':[{'name':'f'},{'name':'f'}],'messages':[" + AU + "]}");
    bad("anthropic/no-system-role", "{'messages':[{'role':'system','content':'s'}," + AU + "]}");
    bad("anthropic/known-role", "{'messages':[" + AU + ",{'role':'tool','content':'x'}]}");
    bad("anthropic/first-user", "{'messages':[{'role':'assistant','content':[{'type':'text','text':'a'}]}," + AU + "]}");
    bad("anthropic/non-empty-message", "{'messages':[{'role':'user','content':[]}]}");
    bad("anthropic/text-non-empty", "{'messages':[{'role':'user','content':[{'type':'text','text':''}]}]}");
    bad("anthropic/text-non-whitespace", "{'messages':[{'role':'user','content':[{'type':'text','text':'  '}]}]}");
    bad("anthropic/results-follow-calls", "{'messages':[" + AU + "," + USE + "," + AU + "]}");
    bad("anthropic/tool-use-last", "{'messages':[" + AU + ",{'role':'assistant','content':[{'type':'tool_use','id':'toolu_1','name':'f','input':{}},{'type':'text','text':'after'}]}," + RES + "]}");
    bad("anthropic/thinking-in-assistant", "{'messages':[{'role':'user','content':[" + THINK + ",{'type':'text','text':'x'}]}]}");
    bad("anthropic/thinking-leading", "{'messages':[" + AU + ",{'role':'assistant','content':[{'type':'text','text':'a'}," + THINK + ",{'type':'text','text':'b'}]}," + AU + "]}");
    bad("anthropic/thinking-signed", "{'thinking':{'type':'enabled'},'messages':[" + AU + ",{'role':'assistant','content':[{'type':'thinking','thinking':'t','signature':''},{'type':'text','text':'b'}]}," + AU + "]}");
    bad("anthropic/tool-use-in-assistant", "{'messages':[{'role':'user','content':[{'type':'tool_use','id':'toolu_1','name':'f','input':{}}]}]}");
    bad("anthropic/tool-use-id-present", "{'messages':[" + AU + ",{'role':'assistant','content':[{'type':'tool_use','id':'','name':'f','input':{}}]},{'role':'user','content':[{'type':'tool_result','tool_use_id':'','content':'ok'}]}]}");
    bad("anthropic/tool-use-id-pattern", "{'messages':[" + AU + ",{'role':'assistant','content':[{'type':'tool_use','id':'functions.f:0','name':'f','input':{}}]},{'role':'user','content':[{'type':'tool_result','tool_use_id':'functions.f:0','content':'ok'}]}]}");
    bad("anthropic/tool-use-id-length", "{'messages':[" + AU + ",{'role':'assistant','content':[{'type':'tool_use','id':'" + "a".repeat(65) + "','name':'f','input':{}}]},{'role':'user','content':[{'type':'tool_result','tool_use_id':'" + "a".repeat(65) + "','content':'ok'}]}]}");
    bad("anthropic/tool-use-id-unique", "{'messages':[" + AU + "," + USE + "," + RES + ",{'role':'assistant','content':[{'type':'text','text':'a'}]}," + AU + "," + USE + "," + RES + "]}");
    bad("anthropic/tool-use-name-present", "{'messages':[" + AU + ",{'role':'assistant','content':[{'type':'tool_use','id':'toolu_1','name':'','input':{}}]}," + RES + "]}");
    bad("anthropic/tool-use-input-object", "{'messages':[" + AU + ",{'role':'assistant','content':[{'type':'tool_use','id':'toolu_1','name':'f','input':'{}'}]}," + RES + "]}");
    bad("anthropic/tool-result-in-user", "{'messages':[" + AU + ",{'role':'assistant','content':[{'type':'tool_result','tool_use_id':'toolu_1','content':'ok'}]}," + AU + "]}");
    bad("anthropic/no-orphan-results", "{'messages':[" + AU + "," + RES + "]}");
    bad("anthropic/single-result", "{'messages':[" + AU + "," + USE + ",{'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_1','content':'ok'},{'type':'tool_result','tool_use_id':'toolu_1','content':'again'}]}]}");
    bad("anthropic/tool-results-first", "{'messages':[" + AU + "," + USE + ",{'role':'user','content':[{'type':'text','text':'note'},{'type':'tool_result','tool_use_id':'toolu_1','content':'ok'}]}]}");
    bad("anthropic/final-block-not-thinking", "{'thinking':{'type':'enabled'},'messages':[" + AU + ",{'role':'assistant','content':[" + THINK + "]}," + AU + "]}");
    bad("kimi-anthropic/reasoning-on-tool-calls", "{'thinking':{'type':'enabled'},'messages':[" + AU + "," + USE + "," + RES + "]}");
    // A thinking block alone is not enough: Kimi reads the message-level reasoning_content (seed 003).
    bad("kimi-anthropic/reasoning-on-tool-calls", "{'thinking':{'type':'enabled'},'messages':[" + AU
        + ",{'role':'assistant','content':[{'type':'thinking','thinking':' '},{'type':'tool_use','id':'toolu_1','name':'f','input':{}}]},"
        + RES + "]}");
    bad("anthropic/thinking-first", "{'thinking':{'type':'enabled','budget_tokens':1024},'messages':[" + AU + "," + USE + "," + RES + "]}");
    bad("anthropic/thinking-disabled-final", "{'messages':[" + AU + ",{'role':'assistant','content':[" + THINK + ",{'type':'tool_use','id':'toolu_1','name':'f','input':{}}]}," + RES + "]}");

    // ---- gemini ----
    String GU = "{'role':'user','parts':[{'text':'hi'}]}";
    String GC = "{'role':'model','parts':[{'functionCall':{'name':'f','args':{}},'thoughtSignature':'s'}]}";
    String GR = "{'role':'user','parts':[{'functionResponse':{'name':'f','response':{'output':'ok'}}}]}";
    bad("gemini/contents-present", "{'messages':[]}");
    bad("gemini/role", "{'messages':[{'role':'system','parts':[{'text':'s'}]}," + GU + "]}");
    bad("gemini/parts-non-empty", "{'messages':[{'role':'user','parts':[]}]}");
    bad("gemini/text-non-empty", "{'messages':[{'role':'user','parts':[{'text':''}]}]}");
    bad("gemini/function-call-role", "{'messages':[" + GU + ",{'role':'user','parts':[{'functionCall':{'name':'f','args':{}},'thoughtSignature':'s'}]}]}");
    bad("gemini/response-object", "{'messages':[" + GU + "," + GC + ",{'role':'user','parts':[{'functionResponse':{'name':'f','response':'ok'}}]}]}");
    bad("gemini/function-call-placement", "{'messages':[" + GC + "," + GR + "]}");
    bad("gemini/thought-signature", "{'messages':[" + GU + ",{'role':'model','parts':[{'functionCall':{'name':'f','args':{}}}]}," + GR + "]}");
    bad("gemini/function-response-placement", "{'messages':[" + GU + "," + GR + "]}");
    bad("gemini/response-count", "{'messages':[" + GU + ",{'role':'model','parts':[{'functionCall':{'name':'f','args':{}},'thoughtSignature':'s'},{'functionCall':{'name':'f','args':{}}}]}," + GR + "]}");
    bad("gemini/ends-with-user", "{'messages':[" + GU + ",{'role':'model','parts':[{'text':'a'}]}]}");

    // ---- mistral ----
    String MC = "{'role':'assistant','content':null,'tool_calls':[{'id':'D681PevKs','type':'function','function':{'name':'f','arguments':'{}'}}]}";
    String MR = "{'role':'tool','tool_call_id':'D681PevKs','name':'f','content':'ok'}";
    bad("mistral/messages-present", "{'messages':[]}");
    bad("mistral/known-role", "{'messages':[" + U + ",{'role':'function','content':'x'}]}");
    bad("mistral/role-order", "{'messages':[" + U + "," + MC + "," + MR + "," + U + "]}");
    bad("mistral/calls-answered", "{'messages':[" + U + "," + MC + "," + MR + "," + MR + "]}");
    bad("mistral/assistant-not-empty", "{'messages':[" + U + ",{'role':'assistant','content':''}," + U + "]}");
    bad("mistral/tool-call-id-format", "{'messages':[" + U + ",{'role':'assistant','content':null,'tool_calls':[{'id':'call_PTLP8xhu3uwZk4l3nlnrrJha','type':'function','function':{'name':'f','arguments':'{}'}}]},{'role':'tool','tool_call_id':'call_PTLP8xhu3uwZk4l3nlnrrJha','content':'ok'}]}");
    bad("mistral/arguments-object", "{'messages':[" + U + ",{'role':'assistant','content':null,'tool_calls':[{'id':'D681PevKs','type':'function','function':{'name':'f','arguments':'[1]'}}]}," + MR + "]}");
    bad("mistral/content-present", "{'messages':[{'role':'user','content':null}]}");
    bad("mistral/last-role", "{'messages':[" + U + ",{'role':'assistant','content':'a'}]}");

    // ---- bedrock ----
    String BU = "{'role':'user','content':[{'text':'hi'}]}";
    String BA = "{'role':'assistant','content':[{'text':'a'}]}";
    String BC = "{'role':'assistant','content':[{'toolUse':{'toolUseId':'tu_1','name':'f','input':{}}}]}";
    String BR = "{'role':'user','content':[{'toolResult':{'toolUseId':'tu_1','content':[{'text':'ok'}],'status':'success'}}]}";
    String TC = ",'toolConfig':{'tools':[{'toolSpec':{'name':'f'}}]}";
    bad("bedrock/messages-present", "{'messages':[]}");
    bad("bedrock/known-role", "{'messages':[{'role':'system','content':[{'text':'s'}]}," + BU + "]}");
    bad("bedrock/first-user", "{'messages':[" + BA + "," + BU + "]}");
    bad("bedrock/alternation", "{'messages':[" + BU + "," + BU + "]}");
    bad("bedrock/content-non-empty", "{'messages':[{'role':'user','content':[]}]}");
    bad("bedrock/text-not-blank", "{'messages':[{'role':'user','content':[{'text':' '}]}]}");
    bad("bedrock/tool-result-in-user", "{'messages':[" + BU + ",{'role':'assistant','content':[{'toolResult':{'toolUseId':'tu_1','content':[{'text':'ok'}]}}]}," + BU + "]" + TC + "}");
    bad("bedrock/tool-use-id-format", "{'messages':[" + BU + ",{'role':'assistant','content':[{'toolUse':{'toolUseId':'functions.f:0','name':'f','input':{}}}]},{'role':'user','content':[{'toolResult':{'toolUseId':'functions.f:0','content':[{'text':'ok'}]}}]}]" + TC + "}");
    bad("bedrock/tool-use-id-unique", "{'messages':[" + BU + "," + BC + "," + BR + "," + BA + "," + BU + "," + BC + "," + BR + "]" + TC + "}");
    bad("bedrock/tool-name-format", "{'messages':[" + BU + ",{'role':'assistant','content':[{'toolUse':{'toolUseId':'tu_1','name':'1-f','input':{}}}]}," + BR + "]" + TC + "}");
    bad("bedrock/tool-use-input-object", "{'messages':[" + BU + ",{'role':'assistant','content':[{'toolUse':{'toolUseId':'tu_1','name':'f','input':[]}}]}," + BR + "]" + TC + "}");
    bad("bedrock/tool-use-in-assistant", "{'messages':[{'role':'user','content':[{'toolUse':{'toolUseId':'tu_1','name':'f','input':{}}}]}]" + TC + "}");
    bad("bedrock/reasoning-leading", "{'messages':[" + BU + ",{'role':'assistant','content':[{'text':'a'},{'reasoningContent':{'reasoningText':{'text':'r','signature':'s'}}}]}," + BU + "]}");
    bad("bedrock/reasoning-signed", "{'messages':[" + BU + ",{'role':'assistant','content':[{'reasoningContent':{'reasoningText':{'text':'r'}}},{'text':'a'}]}," + BU + "]}");
    bad("bedrock/results-only-turn", "{'messages':[" + BU + "," + BC + ",{'role':'user','content':[{'toolResult':{'toolUseId':'tu_1','content':[{'text':'ok'}]}},{'text':'also'}]}]" + TC + "}");
    bad("bedrock/result-count", "{'messages':[" + BU + "," + BC + ",{'role':'user','content':[{'toolResult':{'toolUseId':'tu_1','content':[{'text':'ok'}]}},{'toolResult':{'toolUseId':'tu_2','content':[{'text':'ok'}]}}]}]" + TC + "}");
    bad("bedrock/results-present", "{'messages':[" + BU + "," + BC + "," + BU + "]" + TC + "}");
    bad("bedrock/tool-config-present", "{'messages':[" + BU + "," + BC + "," + BR + "]}");
    bad("bedrock/thinking-first", "{'additionalModelRequestFields':{'thinking':{'type':'enabled','budget_tokens':1024}},'messages':[" + BU + "," + BC + "," + BR + "]" + TC + "}");
  }

  @TestFactory
  Stream<DynamicTest> eachRule_hasAFailingExample_reportedUnderItsId() {
    return BAD.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      String rule = e.getKey();
      String dialect = rule.substring(0, rule.indexOf('/'));
      ObjectNode request = (ObjectNode) Json.MAPPER.readTree(e.getValue());
      var found = Dialects.forName(dialect).validator().validate(request, DialectOptions.defaults());
      assertTrue(found.exists(v -> v.rule().equals(rule) && !v.providerError().isBlank()),
          rule + " not reported; found " + found);
    }));
  }

  /** The rule names each validator source defines, by the dialects that use that validator. */
  private static final Map<String, List<String>> VALIDATORS = Map.of(
      "openai/OpenAiChatValidator.java", List.of("openai-chat", "kimi"),
      "openai/OpenAiResponsesValidator.java", List.of("openai-responses"),
      "openai/DeepSeekValidator.java", List.of("deepseek"),
      "anthropic/AnthropicValidator.java", List.of("anthropic", "kimi-anthropic"),
      "gemini/GeminiValidator.java", List.of("gemini"),
      "mistral/MistralValidator.java", List.of("mistral"),
      "bedrock/BedrockValidator.java", List.of("bedrock"));

  @Test
  void everyRuleIdInTheValidatorSources_hasAFailingExample() throws IOException {
    Pattern rule = Pattern.compile("\\bv\\(\"([a-z0-9-]+)\"");
    List<String> uncovered = new ArrayList<>();
    int rules = 0;
    for (var e : VALIDATORS.entrySet()) {
      String src = Files.readString(Path.of("src/main/java/dev/lockstep/dialect", e.getKey()));
      Matcher m = rule.matcher(src);
      TreeSet<String> names = new TreeSet<>();
      while (m.find()) {
        names.add(m.group(1));
      }
      for (String name : names) {
        rules++;
        if (e.getValue().stream().noneMatch(d -> BAD.containsKey(d + "/" + name))) {
          uncovered.add(e.getKey() + ": " + name);
        }
      }
    }
    assertEquals(List.of(), uncovered);
    assertTrue(rules > 100, "rules found: " + rules);
  }
}
