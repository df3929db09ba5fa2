package dev.lockstep.dialect.errors;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.HashSet;
import java.util.Locale;

/**
 * Classifies a provider's error response (rule V5) by case-insensitive substring matching on the
 * message — wording drifts, so only stable fragments are matched — using the error-string table of
 * {@code reference/provider-rules.md} §10 for schema errors, plus the usual rate-limit, overload, auth
 * and context-length wordings. A message that matches nothing falls back to the HTTP status (429 rate
 * limit; 401/403 auth; 413 context; 408/5xx/529 overload; else unknown).
 *
 * <p>Order of precedence: context length, schema, auth, rate limit, overload. Entries tagged with the
 * request's dialect are tried before entries of other providers (gateways re-use other providers'
 * wording, so those still match).
 */
public final class ErrorClassifier {

  private record Entry(String substring, Set<String> dialects, ErrorClass errorClass, String cause, String repair) {}

  private static final Set<String> OPENAI_LIKE = HashSet.of("openai-chat", "kimi", "deepseek");
  private static final Set<String> RESPONSES = HashSet.of("openai-responses");
  private static final Set<String> ANTHROPIC = HashSet.of("anthropic", "kimi-anthropic", "bedrock");
  private static final Set<String> KIMI = HashSet.of("kimi", "kimi-anthropic");
  private static final Set<String> DEEPSEEK = HashSet.of("deepseek");
  private static final Set<String> GEMINI = HashSet.of("gemini");
  private static final Set<String> MISTRAL = HashSet.of("mistral");
  private static final Set<String> BEDROCK = HashSet.of("bedrock");
  private static final Set<String> ANY = HashSet.empty();

  private static Entry schema(String s, Set<String> d, String cause, String repair) {
    return new Entry(s, d, ErrorClass.SCHEMA, cause, repair);
  }

  private static Entry of(String s, ErrorClass c, String cause) {
    return new Entry(s, ANY, c, cause, "");
  }

  /** The table, in precedence order. */
  private static final List<Entry> TABLE = List.of(
      // ---- context too long (before schema: some are 400s too) ----
      of("prompt is too long", ErrorClass.CONTEXT_TOO_LONG, "the prompt exceeds the context window"),
      of("context_length_exceeded", ErrorClass.CONTEXT_TOO_LONG, "the prompt exceeds the context window"),
      of("maximum context length", ErrorClass.CONTEXT_TOO_LONG, "the prompt exceeds the context window"),
      of("exceed context limit", ErrorClass.CONTEXT_TOO_LONG, "input plus max_tokens exceed the context window"),
      of("context window", ErrorClass.CONTEXT_TOO_LONG, "the prompt exceeds the context window"),
      of("input is too long", ErrorClass.CONTEXT_TOO_LONG, "the prompt exceeds the context window"),
      of("exceeds the maximum number of tokens", ErrorClass.CONTEXT_TOO_LONG, "the prompt exceeds the context window"),
      of("exceeded model token limit", ErrorClass.CONTEXT_TOO_LONG, "the prompt exceeds the context window"),
      of("too many tokens", ErrorClass.CONTEXT_TOO_LONG, "the prompt exceeds the context window"),
      of("reduce the length of the messages", ErrorClass.CONTEXT_TOO_LONG, "the prompt exceeds the context window"),
      // ---- schema (provider-rules.md §10) ----
      schema("must be followed by tool messages responding to each 'tool_call_id'", OPENAI_LIKE, "missing tool result", "insert synthetic error result / drop call"),
      schema("must be followed by tool messages responding to each \"tool_call_id\"", OPENAI_LIKE, "missing tool result", "insert synthetic error result / drop call"),
      schema("must be a response to a preceeding message", OPENAI_LIKE, "orphan tool message", "drop or re-anchor"),
      schema("preceding message with 'tool_calls'", OPENAI_LIKE, "orphan tool message", "drop or re-anchor"),
      schema("not found in 'tool_calls' of previous message", OPENAI_LIKE, "result id mismatch", "remap/drop"),
      schema("Duplicate value for 'tool_call_id'", OPENAI_LIKE, "duplicate result", "keep first"),
      schema("string too long. Expected a string with maximum length 40", OPENAI_LIKE, "id > 40", "rewrite id"),
      schema("Expected a string with maximum length 64", RESPONSES, "call_id > 64", "rewrite id"),
      schema("Expected an ID that begins with 'fc'", RESPONSES, "wrong item id", "omit id"),
      schema("No tool output found for", RESPONSES, "missing/non-adjacent output", "synthesize / reorder"),
      schema("No tool call found for function call output", RESPONSES, "orphan output", "drop"),
      schema("without its required 'reasoning' item", RESPONSES, "reasoning/item split", "drop item ids or keep pair"),
      schema("without its required following item", RESPONSES, "reasoning/item split", "drop item ids or keep pair"),
      schema("Items are not persisted when", RESPONSES, "id reference with store=false", "inline encrypted_content / strip ids"),
      schema("could not be verified", RESPONSES, "foreign reasoning", "drop reasoning items"),
      schema("Duplicate item found with id", RESPONSES, "re-sent item", "drop duplicate items"),
      schema("ids were found without", ANTHROPIC, "missing/misplaced result, text before result, text after tool_use", "reorder / synthesize"),
      schema("tool_result block(s) at the beginning", ANTHROPIC, "missing/misplaced result", "reorder / synthesize"),
      schema("unexpected `tool_use_id`", ANTHROPIC, "orphan result", "drop"),
      schema("ids must be unique", ANTHROPIC, "duplicate tool_use ids", "rewrite id"),
      schema("must have a single result", ANTHROPIC, "duplicate results", "dedupe"),
      schema("Expected `thinking` or `redacted_thinking`", ANTHROPIC, "missing thinking on final assistant", "restore or disable thinking"),
      schema("cannot be modified", ANTHROPIC, "edited thinking", "restore verbatim"),
      schema("Invalid `signature`", ANTHROPIC, "foreign thinking", "drop foreign thinking"),
      schema("When thinking is disabled", ANTHROPIC, "stale thinking with thinking off", "strip thinking"),
      schema("final block in an assistant message cannot be", ANTHROPIC, "thinking-only assistant", "drop message / add text"),
      schema("text content blocks must", ANTHROPIC, "empty/whitespace text", "drop block"),
      schema("must have non-empty content", ANTHROPIC, "empty message", "drop/merge"),
      schema("String should match pattern", ANTHROPIC, "tool_use id charset", "rewrite id"),
      schema("Unexpected role \"system\"", ANTHROPIC, "system role in messages", "move to top-level system"),
      schema("tool_choice forces tool use", ANTHROPIC, "forced tool + thinking", "auto or disable thinking"),
      schema("incompatible with thinking enabled", KIMI, "forced tool + thinking", "auto or disable thinking"),
      schema("reasoning_content is missing in assistant tool call message", KIMI, "missing reasoning", "backfill \"\" (OAI) / \" \" (Anthropic-compatible)"),
      schema("reasoning_content` in the thinking mode must be passed back", DEEPSEEK, "missing reasoning", "backfill"),
      schema("content[].thinking in the thinking mode", DEEPSEEK, "missing reasoning", "backfill"),
      schema("Missing `reasoning_content` field", DEEPSEEK, "missing reasoning", "backfill"),
      schema("does not support successive user or assistant messages", DEEPSEEK, "alternation", "merge"),
      schema("function call turn comes immediately after", GEMINI, "turn order", "reorder / synthesize"),
      schema("function response turn comes immediately after", GEMINI, "turn order", "reorder / synthesize"),
      schema("number of function response parts", GEMINI, "count", "reorder / synthesize"),
      schema("missing a thought_signature", GEMINI, "signature", "restore or dummy signature"),
      schema("contents.parts must not be empty", GEMINI, "empty turn", "drop/merge"),
      schema("contents is not specified", GEMINI, "no contents", "send at least one turn"),
      schema("must be a-z, A-Z, 0-9, with a length of 9", MISTRAL, "id format", "9-char rewrite"),
      schema("Not the same number of function calls and responses", MISTRAL, "count (incl. dup ids)", "synthesize / dedupe ids"),
      schema("Unexpected role '", MISTRAL, "role order", "bridge assistant / move system"),
      schema("Expected last role User or Tool", MISTRAL, "trailing assistant", "prefix: true or append user"),
      schema("toolResult blocks at messages", BEDROCK, "count", "synthesize / drop"),
      schema("Expected toolResult blocks", BEDROCK, "count", "synthesize / drop"),
      schema("cannot be provided in the same turn", BEDROCK, "mixed blocks", "split turns"),
      schema("must alternate between user and assistant", BEDROCK, "alternation", "merge"),
      schema("toolConfig field must be defined", BEDROCK, "tools absent", "stub toolConfig"),
      schema("is blank", BEDROCK, "blank text", "drop"),
      schema("is empty. Add a ContentBlock", BEDROCK, "empty content", "drop"),
      schema("System message must be at the beginning", ANY, "template: system not first", "merge systems"),
      schema("roles must alternate", ANY, "template: alternation", "alternate"),
      schema("Invalid value for 'content': expected a string, got null", OPENAI_LIKE, "content null without tool_calls", "send \"\""),
      schema("tool_calls': empty array", OPENAI_LIKE, "empty tool_calls", "omit the key"),
      // ---- auth / account ----
      of("invalid x-api-key", ErrorClass.AUTH, "bad API key"),
      of("authentication_error", ErrorClass.AUTH, "bad credentials"),
      of("incorrect api key", ErrorClass.AUTH, "bad API key"),
      of("invalid_api_key", ErrorClass.AUTH, "bad API key"),
      of("api key not valid", ErrorClass.AUTH, "bad API key"),
      of("invalid authentication", ErrorClass.AUTH, "bad credentials"),
      of("unrecognizedclientexception", ErrorClass.AUTH, "bad AWS credentials"),
      of("accessdeniedexception", ErrorClass.AUTH, "no access to the model"),
      of("permission_denied", ErrorClass.AUTH, "no access to the model"),
      of("insufficient_quota", ErrorClass.AUTH, "account quota exhausted (not transient)"),
      of("exceeded your current quota", ErrorClass.AUTH, "account quota exhausted (not transient)"),
      // ---- rate limit ----
      of("rate limit", ErrorClass.RATE_LIMIT, "rate limited"),
      of("rate_limit", ErrorClass.RATE_LIMIT, "rate limited"),
      of("too many requests", ErrorClass.RATE_LIMIT, "rate limited"),
      of("throttlingexception", ErrorClass.RATE_LIMIT, "rate limited"),
      of("resource_exhausted", ErrorClass.RATE_LIMIT, "rate limited"),
      // ---- overload ----
      of("overloaded", ErrorClass.OVERLOAD, "provider overloaded"),
      of("service unavailable", ErrorClass.OVERLOAD, "provider unavailable"),
      of("serviceunavailable", ErrorClass.OVERLOAD, "provider unavailable"),
      of("temporarily unavailable", ErrorClass.OVERLOAD, "provider unavailable"),
      of("server is busy", ErrorClass.OVERLOAD, "provider overloaded"),
      of("internal server error", ErrorClass.OVERLOAD, "provider error"),
      of("bad gateway", ErrorClass.OVERLOAD, "provider error"),
      of("modelnotreadyexception", ErrorClass.OVERLOAD, "model not ready"));

  private ErrorClassifier() {}

  /** Classifies an error response with HTTP {@code status} and body {@code message} from {@code dialect}. */
  public static Classification classify(int status, String message, String dialect) {
    String m = message.toLowerCase(Locale.ROOT);
    for (int pass = 0; pass < 2; pass++) {
      for (Entry e : TABLE) {
        boolean own = e.dialects().isEmpty() || e.dialects().contains(dialect);
        if ((pass == 0) == own && m.contains(e.substring().toLowerCase(Locale.ROOT))) {
          return new Classification(e.errorClass(), e.substring(), e.cause(), e.repair());
        }
      }
    }
    ErrorClass byStatus = switch (status) {
      case 429 -> ErrorClass.RATE_LIMIT;
      case 401, 403 -> ErrorClass.AUTH;
      case 413 -> ErrorClass.CONTEXT_TOO_LONG;
      case 408, 500, 502, 503, 504, 529 -> ErrorClass.OVERLOAD;
      default -> ErrorClass.UNKNOWN;
    };
    return new Classification(byStatus, "status:" + status, "classified by HTTP status only", "");
  }
}
