package dev.lockstep.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.util.ClassUtil;
import java.io.IOException;

/**
 * Walks JSON with a streaming {@link JsonParser} making the same parser calls Jackson's tree
 * deserializer makes ({@code nextFieldName} inside objects, {@code nextToken} in arrays, and for every
 * scalar the accessor it reads the value with), so malformed text, invalid UTF-8 and the parser's
 * length, depth and number limits fail at the same token with the same message — while building
 * nothing. Used where a tree was built only to be checked or skipped: the reducer's tool-argument
 * check (rule S4) and the journal codec's unknown fields (rule D3). Both are tested against the tree
 * reader by differential tests.
 */
public final class TreeFaithfulWalk {
  private TreeFaithfulWalk() {}

  /** Reads past the value the parser is on (its current token is the value's first token). */
  public static void skip(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (!t.isStructStart()) {
      touchScalar(p, t);
      return;
    }
    int depth = 1;
    while (depth > 0) {
      if (p.getParsingContext().inObject()) {
        if (p.nextFieldName() == null) {
          depth--;
          continue;
        }
        t = p.nextToken();
      } else {
        t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
          depth--;
          continue;
        }
      }
      if (t.isStructStart()) {
        depth++;
      } else {
        touchScalar(p, t);
      }
    }
  }

  /** Asks the parser what the tree deserializer asks about scalar token {@code t}, keeping nothing. */
  public static void touchScalar(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING -> {
        // Finishing the token validates it as getText does; only getText checks the length limit.
        if (p.getTextLength() > p.streamReadConstraints().getMaxStringLength()) {
          p.getText();
        }
      }
      case VALUE_NUMBER_INT -> {
        switch (p.getNumberType()) {
          case INT -> p.getIntValue();
          case LONG -> p.getLongValue();
          default -> p.getBigIntegerValue();
        }
      }
      case VALUE_NUMBER_FLOAT -> {
        switch (p.getNumberTypeFP()) {
          case BIG_DECIMAL -> p.getDecimalValue();
          case FLOAT32 -> p.getFloatValue();
          default -> p.getDoubleValue();
        }
      }
      default -> {
        // true, false, null: nothing to ask.
      }
    }
  }

  /** The exception {@code readTree} throws for a token after the root value (FAIL_ON_TRAILING_TOKENS). */
  public static MismatchedInputException trailingToken(JsonParser p, JsonToken trailing) {
    return MismatchedInputException.from(p, JsonNode.class, String.format(
        "Trailing token (of type %s) found after value (bound as %s): not allowed as per "
            + "`DeserializationFeature.FAIL_ON_TRAILING_TOKENS`", trailing, ClassUtil.nameOf(JsonNode.class)));
  }
}
