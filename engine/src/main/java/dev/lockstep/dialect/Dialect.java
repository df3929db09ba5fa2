package dev.lockstep.dialect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.machine.Target;
import dev.lockstep.model.Message;
import dev.lockstep.model.UserMessage;
import io.vavr.collection.Vector;

/**
 * One provider API's view of a transcript (rules V1, V3, P4). Projections are pure functions of the
 * transcript, the options and the target; they never fail for a transcript the reducer produced.
 */
public interface Dialect {

  /** The dialect name as used in traces ({@code openai-chat}, {@code kimi}, …). */
  String name();

  /**
   * The messages of the committed transcript in this dialect (without a system prompt): what the
   * replay output calls {@code transcript}.
   */
  ArrayNode messages(Vector<Message> transcript, DialectOptions options, Target target);

  /**
   * The whole request body for a turn: the message list under the key {@code messages} (whatever the
   * API calls it) plus the other top-level fields it would send ({@code system}, {@code tools}, …).
   */
  ObjectNode turnRequest(Vector<Message> transcript, DialectOptions options, Target target);

  /** The summarizer's request (rule C4): the prefix followed by one user message with the instruction. */
  default ObjectNode compactionRequest(
      Vector<Message> prefix, String instruction, DialectOptions options, Target target) {
    return turnRequest(prefix.append(new UserMessage(instruction)), options, target);
  }

  /** This dialect's independent validator. */
  RequestValidator validator();
}
