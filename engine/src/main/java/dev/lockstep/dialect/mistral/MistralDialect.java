package dev.lockstep.dialect.mistral;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Dialect;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.Json;
import dev.lockstep.dialect.ProjectionText;
import dev.lockstep.dialect.RequestValidator;
import dev.lockstep.dialect.WireIds;
import dev.lockstep.machine.Target;
import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Message;
import dev.lockstep.model.NoteMessage;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.SummaryMessage;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import dev.lockstep.model.UserMessage;
import io.vavr.collection.Vector;

/**
 * Mistral chat completions ({@code mistral}).
 *
 * <ul>
 *   <li>Placement: the system prompt is the first message and the only system message. A user-role
 *       message that directly follows a {@code tool} message is preceded by an assistant bridge
 *       ({@link ProjectionText#BRIDGE}, marked {@code [lockstep:bridge]}, rule V6), because Mistral
 *       rejects {@code user} after {@code tool}. A request never ends on an assistant message.
 *   <li>Ids (P4): exactly 9 ASCII letters and digits. An id of that shape is kept; any other id is
 *       replaced by the first 9 base-62 digits of its SHA-256 (re-hashed on a collision), the same for
 *       the call and its {@code tool} message.
 *   <li>Reasoning: none is replayed (no documented replay for Mistral).
 *   <li>{@code content} is {@code null} only on an assistant message with tool calls; a blank user text
 *       becomes {@link ProjectionText#EMPTY_MESSAGE}.
 * </ul>
 */
public final class MistralDialect implements Dialect {
  private final RequestValidator validator = new MistralValidator();

  @Override
  public String name() {
    return "mistral";
  }

  @Override
  public RequestValidator validator() {
    return validator;
  }

  @Override
  public ArrayNode messages(Vector<Message> transcript, DialectOptions options, Target target) {
    ArrayNode out = Json.NODES.arrayNode();
    WireIds ids = new WireIds(WireIds.alphanumeric(9));
    String last = "";
    for (Message m : transcript) {
      String text = switch (m) {
        case UserMessage u -> u.text();
        case SteerMessage s -> s.text();
        case NoteMessage n -> n.text();
        case SummaryMessage s -> s.text();
        case AssistantMessage a -> null;
        case ToolResultMessage r -> null;
      };
      if (text != null) {
        if (last.equals("tool")) {
          out.addObject().put("role", "assistant").put("content", ProjectionText.BRIDGE);
        }
        out.addObject().put("role", "user").put("content", ProjectionText.nonBlank(text, ProjectionText.EMPTY_MESSAGE));
        last = "user";
      } else if (m instanceof ToolResultMessage r) {
        ObjectNode tool = out.addObject();
        tool.put("role", "tool");
        tool.put("tool_call_id", ids.of(r.callId()));
        tool.put("name", ProjectionText.safeToolName(r.name()));
        tool.put("content", r.text());
        last = "tool";
      } else {
        AssistantMessage a = (AssistantMessage) m;
        ObjectNode msg = out.addObject();
        msg.put("role", "assistant");
        if (a.hasCalls() && a.text().isBlank()) {
          msg.putNull("content");
        } else {
          msg.put("content", a.text());
        }
        if (a.hasCalls()) {
          ArrayNode calls = msg.putArray("tool_calls");
          for (ToolCall c : a.calls()) {
            ObjectNode call = calls.addObject();
            call.put("id", ids.of(c.id()));
            call.put("type", "function");
            ObjectNode fn = call.putObject("function");
            fn.put("name", ProjectionText.safeToolName(c.name()));
            fn.put("arguments", ProjectionText.argumentsString(c));
          }
        }
        last = "assistant";
      }
    }
    return out;
  }

  @Override
  public ObjectNode turnRequest(Vector<Message> transcript, DialectOptions options, Target target) {
    ObjectNode body = Json.NODES.objectNode();
    ArrayNode messages = body.putArray("messages");
    options.system().filter(s -> !s.isBlank()).forEach(s -> messages.addObject().put("role", "system").put("content", s));
    messages.addAll(messages(transcript, options, target));
    if (!options.tools().isEmpty()) {
      body.set("tools", ProjectionText.functionTools(options.tools()));
    }
    return body;
  }
}
