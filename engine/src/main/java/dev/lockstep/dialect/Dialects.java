package dev.lockstep.dialect;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;

/** The registry of dialects by trace name. */
public final class Dialects {
  /** Every dialect name TRACE-FORMAT v1 defines. */
  public static final List<String> ALL_NAMES = List.of(
      "openai-chat", "openai-responses", "anthropic", "kimi", "kimi-anthropic", "deepseek", "gemini",
      "mistral", "bedrock");

  private static final Map<String, Dialect> IMPLEMENTED = LinkedHashMap.of(
      "openai-chat", OpenAiChatDialect.openAi(),
      "kimi", OpenAiChatDialect.kimi());

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
