package dev.lockstep.dialect.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Dialect;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.Json;
import dev.lockstep.dialect.ProjectionText;
import dev.lockstep.dialect.RequestValidator;
import dev.lockstep.dialect.ToolSpec;
import dev.lockstep.dialect.WireIds;
import dev.lockstep.machine.Target;
import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Message;
import dev.lockstep.model.NoteMessage;
import dev.lockstep.model.Reasoning;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.SummaryMessage;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import dev.lockstep.model.UserMessage;
import io.vavr.collection.Vector;

/**
 * OpenAI Responses ({@code openai-responses}), stateless ({@code store: false}); the {@code input}
 * items appear under {@code messages} in replay output, the system prompt is {@code instructions}.
 *
 * <ul>
 *   <li>Items: user-role messages are {@code message} items with {@code input_text}; a reply is
 *       {@code [reasoning?] [message?] function_call…}, followed directly by one
 *       {@code function_call_output} per call in call order (the canonical contiguous form, which also
 *       satisfies DeepSeek's strict Responses endpoint).
 *   <li>Ids (P4): {@code call_id} is the session id when it has at most 64 characters, else
 *       {@code call_<hash>}; the same for the output. Item {@code id}s are never sent (no
 *       {@code fc_}/{@code rs_} references, so no "without its required reasoning item" pairing).
 *   <li>Reasoning (V3): a reply's encrypted reasoning (its signature) is replayed as a
 *       {@code reasoning} item — with {@code summary} and {@code encrypted_content} — immediately
 *       before the item it preceded, only to the same dialect and model; cross-model it is dropped.
 *   <li>Empty content: no empty assistant message item (a reply with calls and blank text has none).
 * </ul>
 */
public final class OpenAiResponsesDialect implements Dialect {
  private final RequestValidator validator = new OpenAiResponsesValidator();

  @Override
  public String name() {
    return "openai-responses";
  }

  @Override
  public RequestValidator validator() {
    return validator;
  }

  @Override
  public ArrayNode messages(Vector<Message> transcript, DialectOptions options, Target target) {
    WireIds ids = new WireIds(WireIds.bounded(64, id -> true, "call_"));
    ArrayNode out = Json.NODES.arrayNode();
    for (Message m : transcript) {
      switch (m) {
        case UserMessage u -> user(out, u.text());
        case SteerMessage s -> user(out, s.text());
        case NoteMessage n -> user(out, n.text());
        case SummaryMessage s -> user(out, s.text());
        case ToolResultMessage r -> {
          ObjectNode o = out.addObject();
          o.put("type", "function_call_output");
          o.put("call_id", ids.of(r.callId()));
          o.put("output", r.text());
        }
        case AssistantMessage a -> {
          ProjectionText.ownSigned(a, target).forEach(r -> reasoning(out, r));
          if (!a.text().isBlank()) {
            ObjectNode msg = out.addObject();
            msg.put("type", "message");
            msg.put("role", "assistant");
            msg.put("content", a.text());
          }
          for (ToolCall c : a.calls()) {
            ObjectNode fc = out.addObject();
            fc.put("type", "function_call");
            fc.put("call_id", ids.of(c.id()));
            fc.put("name", ProjectionText.safeToolName(c.name()));
            fc.put("arguments", ProjectionText.argumentsString(c));
          }
        }
      }
    }
    return out;
  }

  @Override
  public ObjectNode turnRequest(Vector<Message> transcript, DialectOptions options, Target target) {
    ObjectNode body = Json.NODES.objectNode();
    options.system().filter(s -> !s.isBlank()).forEach(s -> body.put("instructions", s));
    ArrayNode input = messages(transcript, options, target);
    body.set("messages", input);
    if (!options.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolSpec t : options.tools()) {
        ObjectNode tool = tools.addObject();
        tool.put("type", "function");
        tool.put("name", t.name());
        tool.put("description", t.description());
        tool.set("parameters", t.parameters());
      }
    }
    body.put("store", false);
    if (options.thinking()) {
      body.putArray("include").add("reasoning.encrypted_content");
    }
    return body;
  }

  private static void user(ArrayNode out, String text) {
    ObjectNode msg = out.addObject();
    msg.put("type", "message");
    msg.put("role", "user");
    msg.putArray("content").addObject().put("type", "input_text").put("text", text);
  }

  private static void reasoning(ArrayNode out, Reasoning r) {
    ObjectNode item = out.addObject();
    item.put("type", "reasoning");
    ArrayNode summary = item.putArray("summary");
    if (!r.text().isEmpty()) {
      summary.addObject().put("type", "summary_text").put("text", r.text());
    }
    item.put("encrypted_content", r.signature().get());
  }
}
