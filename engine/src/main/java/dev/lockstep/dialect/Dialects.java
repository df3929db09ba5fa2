package dev.lockstep.dialect;

import dev.lockstep.dialect.anthropic.AnthropicDialect;
import dev.lockstep.dialect.bedrock.BedrockDialect;
import dev.lockstep.dialect.gemini.GeminiDialect;
import dev.lockstep.dialect.mistral.MistralDialect;
import dev.lockstep.dialect.openai.DeepSeekDialect;
import dev.lockstep.dialect.openai.OpenAiChatDialect;
import dev.lockstep.dialect.openai.OpenAiResponsesDialect;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;

/** The registry of dialects by trace name: all nine of TRACE-FORMAT v1 are implemented. */
public final class Dialects {
  /** Every dialect name TRACE-FORMAT v1 defines. */
  public static final List<String> ALL_NAMES = List.of(
      "openai-chat", "openai-responses", "anthropic", "kimi", "kimi-anthropic", "deepseek", "gemini",
      "mistral", "bedrock");

  private static final Map<String, Dialect> IMPLEMENTED = LinkedHashMap.<String, Dialect>empty()
      .put("openai-chat", OpenAiChatDialect.openAi())
      .put("openai-responses", new OpenAiResponsesDialect())
      .put("anthropic", AnthropicDialect.anthropic())
      .put("kimi", OpenAiChatDialect.kimi())
      .put("kimi-anthropic", AnthropicDialect.kimiAnthropic())
      .put("deepseek", new DeepSeekDialect())
      .put("gemini", new GeminiDialect())
      .put("mistral", new MistralDialect())
      .put("bedrock", new BedrockDialect());

  private Dialects() {}

  /**
   * The dialect called {@code name}.
   *
   * @throws UnsupportedDialectException for an unknown name or one not implemented yet
   */
  public static Dialect forName(String name) {
    return IMPLEMENTED.get(name).getOrElseThrow(() -> new UnsupportedDialectException(
        ALL_NAMES.contains(name)
            ? "dialect '" + name + "' is not implemented yet; implemented: " + implemented().mkString(", ")
            : "unknown dialect '" + name + "'; known dialects: " + ALL_NAMES.mkString(", ")));
  }

  /** Names of the dialects that can be used now. */
  public static List<String> implemented() {
    return IMPLEMENTED.keySet().toList();
  }
}
