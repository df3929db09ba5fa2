package dev.lockstep.dialect.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real provider error texts (provider-rules.md) map to the right class; wording drift is tolerated. */
class ErrorClassifierTest {

  @ParameterizedTest(name = "{1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      SCHEMA | openai-chat | 400 | An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_1
      SCHEMA | openai-chat | 400 | Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.
      SCHEMA | openai-chat | 400 | Invalid 'messages[68].tool_calls[0].id': string too long. Expected a string with maximum length 40, but got a string with length 46 instead.
      SCHEMA | openai-responses | 400 | No tool output found for function call call_abc.
      SCHEMA | openai-responses | 400 | Item 'rs_1' of type 'reasoning' was provided without its required following item.
      SCHEMA | openai-responses | 400 | The encrypted content gAAA== could not be verified.
      SCHEMA | anthropic | 400 | messages.3: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1. Each `tool_use` block must have a corresponding `tool_result` block in the next message.
      SCHEMA | anthropic | 400 | messages.1.content.0: Invalid `signature` in `thinking` block
      SCHEMA | anthropic | 400 | messages: text content blocks must contain non-whitespace text
      SCHEMA | kimi | 400 | thinking is enabled but reasoning_content is missing in assistant tool call message at index 2
      SCHEMA | kimi-anthropic | 400 | thinking is enabled but reasoning_content is missing in assistant tool call message at index 6
      SCHEMA | deepseek | 400 | The `reasoning_content` in the thinking mode must be passed back to the API.
      SCHEMA | deepseek | 400 | deepseek-reasoner does not support successive user or assistant messages (messages[1] and messages[2] in your input).
      SCHEMA | gemini | 400 | Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.
      SCHEMA | gemini | 400 | Function call is missing a thought_signature in functionCall parts.
      SCHEMA | mistral | 400 | Tool call id was call_PTLP8xhu3uwZk4l3nlnrrJha but must be a-z, A-Z, 0-9, with a length of 9.
      SCHEMA | mistral | 400 | Unexpected role 'user' after role 'tool'
      SCHEMA | bedrock | 400 | messages.2.content: Conversation blocks and tool result blocks cannot be provided in the same turn.
      SCHEMA | bedrock | 400 | The toolConfig field must be defined when using toolUse and toolResult content blocks.
      SCHEMA | openai-chat | 400 | MESSAGES WITH ROLE 'TOOL' MUST BE A RESPONSE TO A PRECEEDING MESSAGE WITH 'TOOL_CALLS'
      SCHEMA | mistral | 400 | An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'.
      RATE_LIMIT | anthropic | 429 | {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}
      RATE_LIMIT | bedrock | 400 | ThrottlingException: Too many requests, please wait before trying again.
      RATE_LIMIT | gemini | 429 | RESOURCE_EXHAUSTED
      RATE_LIMIT | openai-chat | 429 | something new
      OVERLOAD | anthropic | 529 | {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}
      OVERLOAD | gemini | 503 | The model is overloaded. Please try again later.
      OVERLOAD | openai-chat | 502 | upstream connect error
      AUTH | anthropic | 401 | invalid x-api-key
      AUTH | openai-chat | 429 | You exceeded your current quota, please check your plan and billing details.
      AUTH | gemini | 400 | API key not valid. Please pass a valid API key.
      CONTEXT_TOO_LONG | anthropic | 400 | prompt is too long: 210000 tokens > 200000 maximum
      CONTEXT_TOO_LONG | openai-chat | 400 | This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.
      CONTEXT_TOO_LONG | bedrock | 400 | Input is too long for requested model.
      CONTEXT_TOO_LONG | gemini | 400 | The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).
      UNKNOWN | openai-chat | 400 | Something we have never seen
      UNKNOWN | mistral | 404 | not found
      """)
  void classifiesKnownProviderErrors(ErrorClass expected, String dialect, int status, String message) {
    assertEquals(expected, ErrorClassifier.classify(status, message, dialect).errorClass());
  }

  @ParameterizedTest
  @CsvSource({"RATE_LIMIT,true", "OVERLOAD,true", "SCHEMA,false", "AUTH,false", "CONTEXT_TOO_LONG,false", "UNKNOWN,false"})
  void onlyRateLimitAndOverloadAreRetryable(ErrorClass c, boolean retryable) {
    assertEquals(retryable, c.retryable());
  }
}
