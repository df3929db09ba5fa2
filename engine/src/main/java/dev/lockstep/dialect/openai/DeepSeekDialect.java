package dev.lockstep.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.lockstep.model.Reasoning;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.SummaryMessage;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import dev.lockstep.model.UserMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Locale;

/**
 * DeepSeek chat completions ({@code deepseek}), OpenAI-compatible.
 *
 * <ul>
 *   <li>Model families: a model whose name contains {@code reasoner} or {@code r1} is treated as
 *       legacy R1: no {@code reasoning_content} is ever sent (R1 rejects it), no {@code thinking}
 *       field, and user/assistant messages strictly alternate (consecutive user-role texts merge into
 *       one message, joined by a blank line). Any other model is V3.1+/V4: with thinking on, the
 *       request says {@code thinking: enabled} and every assistant message carries
 *       {@code reasoning_content} — the reply's own text when DeepSeek produced it, else {@code ""}
 *       (required on tool turns, harmless elsewhere); with thinking off it says
 *       {@code thinking: disabled} and sends none.
 *   <li>Ids: DeepSeek accepts any id; session ids are kept verbatim (already unique, rule P4).
 *   <li>Tool messages follow their call in call order; {@code content} is {@code null} only on an
 *       assistant message with tool calls; {@code tools} is omitted rather than empty.
 * </ul>
 */
public final class DeepSeekDialect implements Dialect {
  private final RequestValidator validator = new DeepSeekValidator();

  /** True for legacy R1 model names ({@code deepseek-reasoner}, {@code deepseek-r1…}). */
  public static boolean isR1(String model) {
    String m = model.toLowerCase(Locale.ROOT);
    return m.contains("reasoner") || m.contains("r1");
  }

  @Override
  public String name() {
    return "deepseek";
  }

  @Override
  public RequestValidator validator() {
    return validator;
  }

  @Override
  public ArrayNode messages(Vector<Message> transcript, DialectOptions options, Target target) {
    boolean r1 = isR1(target.model());
    boolean reasoning = !r1 && options.thinking();
    WireIds ids = new WireIds(WireIds.verbatim());
    ArrayNode out = Json.NODES.arrayNode();
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
        JsonNode last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (r1 && last != null && last.path("role").asText().equals("user")) {
          String joined = last.path("content").asText();
          ((ObjectNode) last).put("content", joined.isEmpty() ? text : text.isEmpty() ? joined : joined + "\n\n" + text);
        } else {
          out.addObject().put("role", "user").put("content", text);
        }
      } else if (m instanceof ToolResultMessage r) {
        ObjectNode tool = out.addObject();
        tool.put("role", "tool");
        tool.put("tool_call_id", ids.of(r.callId()));
        tool.put("content", r.text());
      } else {
        AssistantMessage a = (AssistantMessage) m;
        ObjectNode msg = out.addObject();
        msg.put("role", "assistant");
        if (a.hasCalls() && a.text().isBlank()) {
          msg.putNull("content");
        } else {
          msg.put("content", a.text());
        }
        if (reasoning) {
          msg.put("reasoning_content", own(a).getOrElse(""));
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
    if (!isR1(target.model())) {
      body.putObject("thinking").put("type", options.thinking() ? "enabled" : "disabled");
    }
    return body;
  }

  /** Reasoning text DeepSeek itself produced; other providers' reasoning is not passed off as its own. */
  private static Option<String> own(AssistantMessage a) {
    return a.provenance().dialect().equals("deepseek") ? a.reasoning().map(Reasoning::text) : Option.none();
  }
}
