package dev.lockstep.dialect.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.ElementwiseDialect;
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

/**
 * OpenAI Chat Completions ({@code openai-chat}) and its Moonshot/Kimi flavour ({@code kimi}).
 *
 * <ul>
 *   <li>Every assistant message with {@code tool_calls} is followed by one {@code tool} message per call,
 *       in call order (P1 makes that a copy of the transcript order).
 *   <li>Ids (P4): {@code openai-chat} keeps an id of at most 40 characters and otherwise maps it to
 *       {@code call_<hex of its SHA-256>} (see {@link WireIds}); {@code kimi} keeps native {@code Name:N} ids. The same
 *       mapping is applied to calls and results and stays injective across the request.
 *   <li>Arguments (V4): the raw string when it is a JSON object, else {@code {}}; the call's result then
 *       says why it was rejected.
 *   <li>Reasoning (V3): {@code openai-chat} replays none. {@code kimi} with thinking on puts
 *       {@code reasoning_content} on every assistant message with tool calls: the original text when the
 *       reply came from a Kimi dialect, else {@code ""}; with thinking off it sends none and says
 *       {@code thinking: disabled} (K2.5+ think by default).
 *   <li>{@code content} is {@code null} only on an assistant message with tool calls.
 * </ul>
 *
 * Each transcript message becomes exactly one element of {@code messages} ({@link ElementwiseDialect}),
 * so {@link dev.lockstep.dialect.IncrementalRequest} can reuse the bytes of a projected prefix.
 */
public final class OpenAiChatDialect implements ElementwiseDialect {
  static final int OPENAI_MAX_ID = 40;

  private final String name;
  private final boolean kimi;
  private final RequestValidator validator;

  private OpenAiChatDialect(String name, boolean kimi) {
    this.name = name;
    this.kimi = kimi;
    this.validator = kimi ? OpenAiChatValidator.kimi() : OpenAiChatValidator.openAi();
  }

  /** Plain OpenAI Chat Completions. */
  public static OpenAiChatDialect openAi() {
    return new OpenAiChatDialect("openai-chat", false);
  }

  /** Moonshot/Kimi's OpenAI-compatible endpoint. */
  public static OpenAiChatDialect kimi() {
    return new OpenAiChatDialect("kimi", true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RequestValidator validator() {
    return validator;
  }

  @Override
  public ArrayNode messages(Vector<Message> transcript, DialectOptions options, Target target) {
    ArrayNode out = Json.NODES.arrayNode();
    MessageProjector projector = projector(options, target);
    for (Message m : transcript) {
      out.add(projector.project(m));
    }
    return out;
  }

  @Override
  public MessageProjector projector(DialectOptions options, Target target) {
    return new Projector(options,
        new WireIds(kimi ? WireIds.verbatim() : WireIds.bounded(OPENAI_MAX_ID, id -> true, "call_")));
  }

  /** One message at a time; the only state is the id mapping (P4), forked in O(1). */
  private final class Projector implements MessageProjector {
    private final DialectOptions options;
    private final WireIds ids;

    Projector(DialectOptions options, WireIds ids) {
      this.options = options;
      this.ids = ids;
    }

    @Override
    public ObjectNode project(Message m) {
      return switch (m) {
        case UserMessage u -> text("user", u.text());
        case SteerMessage s -> text("user", s.text());
        case NoteMessage n -> text("user", n.text());
        case SummaryMessage s -> text("user", s.text());
        case AssistantMessage a -> assistant(a, options, ids);
        case ToolResultMessage r -> {
          ObjectNode tool = Json.NODES.objectNode();
          tool.put("role", "tool");
          tool.put("tool_call_id", ids.of(r.callId()));
          tool.put("content", r.text());
          yield tool;
        }
      };
    }

    @Override
    public MessageProjector fork() {
      return new Projector(options, ids.fork());
    }
  }

  @Override
  public ObjectNode turnRequest(Vector<Message> transcript, DialectOptions options, Target target) {
    ObjectNode body = Json.NODES.objectNode();
    ArrayNode messages = body.putArray("messages");
    options.system().forEach(sys -> messages.add(text("system", sys)));
    messages.addAll(messages(transcript, options, target));
    if (!options.tools().isEmpty()) {
      body.set("tools", ProjectionText.functionTools(options.tools()));
    }
    if (kimi) {
      body.putObject("thinking").put("type", options.thinking() ? "enabled" : "disabled");
    }
    return body;
  }

  private ObjectNode assistant(AssistantMessage a, DialectOptions options, WireIds ids) {
    ObjectNode msg = Json.NODES.objectNode();
    msg.put("role", "assistant");
    if (a.hasCalls()) {
      if (a.text().isBlank()) {
        msg.putNull("content");
      } else {
        msg.put("content", a.text());
      }
      if (kimi && options.thinking()) {
        msg.put("reasoning_content", ownReasoning(a).getOrElse(""));
      }
      ArrayNode calls = msg.putArray("tool_calls");
      for (ToolCall c : a.calls()) {
        String wireId = ids.of(c.id());
        ObjectNode call = calls.addObject();
        call.put("id", wireId);
        call.put("type", "function");
        ObjectNode fn = call.putObject("function");
        fn.put("name", c.name().isBlank() ? ProjectionText.UNKNOWN_TOOL : c.name());
        fn.put("arguments", ProjectionText.argumentsString(c));
      }
    } else {
      msg.put("content", a.text());
      if (kimi && options.thinking()) {
        ownReasoning(a).filter(r -> !r.isEmpty()).forEach(r -> msg.put("reasoning_content", r));
      }
    }
    return msg;
  }

  /** Reasoning text produced by a Kimi dialect; foreign reasoning is never replayed as Kimi's own (V3). */
  private static Option<String> ownReasoning(AssistantMessage a) {
    String origin = a.provenance().dialect();
    boolean own = origin.equals("kimi") || origin.equals("kimi-anthropic");
    return own ? a.reasoning().map(Reasoning::text) : Option.none();
  }

  private static ObjectNode text(String role, String content) {
    ObjectNode n = Json.NODES.objectNode();
    n.put("role", role);
    n.put("content", content);
    return n;
  }
}
