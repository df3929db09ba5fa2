package dev.lockstep.machine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vavr.control.Option;

/**
 * The oracle for {@link Reducer#argumentsProblem}: the tree-based "arguments are a JSON object" check
 * {@code Reducer.whyNotRunnable} made before it checked by streaming, kept unchanged so {@code
 * ArgumentsCheckDifferentialTest} can compare the two. Test code only; its behaviour is the specification.
 */
final class TreeArgumentsCheck {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private TreeArgumentsCheck() {}

  static Option<String> problem(String arguments) {
    try {
      JsonNode args = JSON.readTree(arguments);
      if (args == null || !args.isObject()) {
        return Option.some("its arguments are not a JSON object.");
      }
      return Option.none();
    } catch (JsonProcessingException e) {
      return Option.some("its arguments are not valid JSON (" + e.getOriginalMessage() + ").");
    }
  }
}
