package dev.lockstep.dialect;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vavr.control.Option;

/** Shared Jackson plumbing for projections and validators. */
public final class Json {
  /** A strict mapper: trailing tokens after a JSON value are an error. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  /** Node factory for building request bodies. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** {@code raw} parsed, when it is a JSON object; none otherwise. */
  public static Option<JsonNode> parseObject(String raw) {
    try {
      JsonNode n = MAPPER.readTree(raw);
      return n != null && n.isObject() ? Option.some(n) : Option.none();
    } catch (Exception e) {
      return Option.none();
    }
  }
}
