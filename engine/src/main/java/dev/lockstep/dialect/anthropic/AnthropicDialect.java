package dev.lockstep.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.lockstep.model.Outcome;
import dev.lockstep.model.Reasoning;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.SummaryMessage;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import dev.lockstep.model.UserMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * Anthropic Messages ({@code anthropic}) and Moonshot/Kimi's Anthropic-compatible endpoint
 * ({@code kimi-anthropic}).
 *
 * <ul>
 *   <li>Placement: the system prompt is the top-level {@code system}; consecutive user-role messages
 *       (tool results, steers, notes, prompts) merge into one user message whose {@code tool_result}
 *       blocks come first; an assistant message is {@code [thinking?, text?, tool_use…]}, so its
 *       {@code tool_use} blocks are last.
 *   <li>Ids (P4): {@code anthropic} keeps an id matching {@code ^[a-zA-Z0-9_-]+$} of at most 64
 *       characters, otherwise {@code toolu_ls<hash>}; {@code kimi-anthropic} keeps Kimi's native
 *       {@code Name:N} ids. Calls and results get the same id ({@link WireIds}).
 *   <li>Reasoning (V3), {@code anthropic}: with thinking on, a reply's thinking block is replayed
 *       verbatim (text and signature), first in its message, only to the dialect and model that signed
 *       it. If the request continues a tool loop (its last user message carries tool results) and the
 *       assistant message before it has no such block (history from another model), thinking is
 *       switched off for this request and every thinking block is left out: the documented way to
 *       avoid the "Expected `thinking`" error without forging a signature. With thinking off, no
 *       thinking block is sent.
 *   <li>Reasoning, {@code kimi-anthropic}: with thinking on, every assistant message with tool calls
 *       starts with a thinking block: the reply's own reasoning when it came from a Kimi dialect, else
 *       {@code " "} (Kimi rejects an empty one); the signature only when the same dialect and model
 *       produced it.
 *   <li>Empty content: blank text blocks are never sent. A user message that would be empty gets
 *       {@link ProjectionText#EMPTY_MESSAGE}; an empty tool output becomes
 *       {@link ProjectionText#EMPTY_RESULT}. Outcomes other than {@code COMPLETED} set {@code is_error}.
 * </ul>
 */
public final class AnthropicDialect implements Dialect {
  /** The thinking budget requested when thinking is on (Anthropic's documented minimum). */
  public static final int THINKING_BUDGET_TOKENS = 1024;
  private static final String KIMI_REASONING_BACKFILL = " ";

  private final String name;
  private final boolean kimi;
  private final RequestValidator validator;

  private AnthropicDialect(String name, boolean kimi) {
    this.name = name;
    this.kimi = kimi;
    this.validator = kimi ? AnthropicValidator.kimi() : AnthropicValidator.anthropic();
  }

  /** Anthropic Messages. */
  public static AnthropicDialect anthropic() {
    return new AnthropicDialect("anthropic", false);
  }

  /** Moonshot/Kimi, Anthropic-compatible. */
  public static AnthropicDialect kimiAnthropic() {
    return new AnthropicDialect("kimi-anthropic", true);
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
    return project(transcript, thinkingOn(transcript, options, target), target);
  }

  @Override
  public ObjectNode turnRequest(Vector<Message> transcript, DialectOptions options, Target target) {
    boolean thinking = thinkingOn(transcript, options, target);
    ObjectNode body = Json.NODES.objectNode();
    options.system().filter(s -> !s.isBlank()).forEach(s -> body.put("system", s));
    body.set("messages", project(transcript, thinking, target));
    if (!options.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolSpec t : options.tools()) {
        ObjectNode tool = tools.addObject();
        tool.put("name", t.name());
        tool.put("description", t.description());
        tool.set("input_schema", t.parameters());
      }
    }
    if (thinking) {
      ObjectNode th = body.putObject("thinking");
      th.put("type", "enabled");
      th.put("budget_tokens", THINKING_BUDGET_TOKENS);
    } else if (kimi) {
      // Kimi thinks by default; say so explicitly when it is off.
      body.putObject("thinking").put("type", "disabled");
    }
    return body;
  }

  /**
   * Whether this request runs with thinking on. For {@code anthropic}, thinking requested but the
   * assistant message a tool loop continues has no replayable thinking block: off (see class doc).
   */
  private boolean thinkingOn(Vector<Message> transcript, DialectOptions options, Target target) {
    if (!options.thinking() || kimi) {
      return options.thinking();
    }
    int lastAssistant = transcript.lastIndexWhere(m -> m instanceof AssistantMessage);
    if (lastAssistant < 0) {
      return true;
    }
    AssistantMessage a = (AssistantMessage) transcript.get(lastAssistant);
    boolean continuesToolLoop = a.hasCalls();
    return !continuesToolLoop || ProjectionText.ownSigned(a, target).isDefined();
  }

  private ArrayNode project(Vector<Message> transcript, boolean thinking, Target target) {
    WireIds ids = new WireIds(kimi
        ? WireIds.verbatim()
        : WireIds.bounded(64, id -> id.chars().allMatch(WireIds::isIdChar), "toolu_ls"));
    Builder b = new Builder();
    for (Message m : transcript) {
      switch (m) {
        case UserMessage u -> b.userText(u.text());
        case SteerMessage s -> b.userText(s.text());
        case NoteMessage n -> b.userText(n.text());
        case SummaryMessage s -> b.userText(s.text());
        case ToolResultMessage r -> {
          ObjectNode block = Json.NODES.objectNode();
          block.put("type", "tool_result");
          block.put("tool_use_id", ids.of(r.callId()));
          block.put("content", ProjectionText.nonBlank(r.text(), ProjectionText.EMPTY_RESULT));
          if (r.outcome() != Outcome.COMPLETED) {
            block.put("is_error", true);
          }
          b.userBlock(block);
        }
        case AssistantMessage a -> {
          b.assistant(assistantBlocks(a, thinking, target, ids));
          if (kimi && thinking && a.hasCalls()) {
            // Seed 003 (openclaw #70565): Kimi's Anthropic endpoint reads a message-level
            // reasoning_content on every assistant tool_use message; "" is refused, " " accepted.
            b.lastAssistant().put("reasoning_content", kimiReasoning(a));
          }
        }
      }
    }
    return b.finish();
  }

  private ArrayNode assistantBlocks(AssistantMessage a, boolean thinking, Target target, WireIds ids) {
    ArrayNode blocks = Json.NODES.arrayNode();
    if (thinking) {
      thinkingBlock(a, target).forEach(blocks::add);
    }
    if (!a.text().isBlank()) {
      blocks.addObject().put("type", "text").put("text", a.text());
    }
    for (ToolCall c : a.calls()) {
      ObjectNode use = blocks.addObject();
      use.put("type", "tool_use");
      use.put("id", ids.of(c.id()));
      use.put("name", kimi ? (c.name().isBlank() ? ProjectionText.UNKNOWN_TOOL : c.name()) : ProjectionText.safeToolName(c.name()));
      use.set("input", ProjectionText.argumentsObject(c));
    }
    return blocks;
  }

  private Option<ObjectNode> thinkingBlock(AssistantMessage a, Target target) {
    if (!kimi) {
      return ProjectionText.ownSigned(a, target).map(r -> {
        ObjectNode t = Json.NODES.objectNode();
        t.put("type", "thinking");
        t.put("thinking", r.text());
        t.put("signature", r.signature().get());
        return t;
      });
    }
    Option<Reasoning> own = kimiOwn(a);
    String text = kimiReasoning(a);
    if (!a.hasCalls() && own.map(Reasoning::text).filter(s -> !s.isBlank()).isEmpty()) {
      return Option.none();
    }
    ObjectNode t = Json.NODES.objectNode();
    t.put("type", "thinking");
    t.put("thinking", text);
    ProjectionText.ownSigned(a, target).forEach(r -> t.put("signature", r.signature().get()));
    return Option.some(t);
  }

  /** Reasoning a Kimi dialect produced itself; foreign reasoning is never replayed as Kimi's (V3). */
  private static Option<Reasoning> kimiOwn(AssistantMessage a) {
    String origin = a.provenance().dialect();
    return origin.equals("kimi") || origin.equals("kimi-anthropic") ? a.reasoning() : Option.none();
  }

  /** Kimi's own reasoning text, else the {@code " "} backfill. */
  private static String kimiReasoning(AssistantMessage a) {
    return kimiOwn(a).map(Reasoning::text).filter(s -> !s.isEmpty()).getOrElse(KIMI_REASONING_BACKFILL);
  }

  /** Accumulates role runs: consecutive user-role content merges into one message. */
  private static final class Builder {
    private final ArrayNode out = Json.NODES.arrayNode();
    private ArrayNode user;

    void userText(String text) {
      if (!text.isBlank()) {
        userBlock(textBlock(text));
      } else {
        openUser();
      }
    }

    void userBlock(ObjectNode block) {
      openUser();
      user.add(block);
    }

    private void openUser() {
      if (user == null) {
        user = Json.NODES.arrayNode();
      }
    }

    /** The assistant message added last. */
    ObjectNode lastAssistant() {
      return (ObjectNode) out.get(out.size() - 1);
    }

    void assistant(ArrayNode blocks) {
      flushUser();
      JsonNode last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.path("role").asText().equals("assistant")) {
        // Never produced by the reducer; merged defensively without the second message's thinking.
        ArrayNode prev = (ArrayNode) last.get("content");
        for (JsonNode blk : blocks) {
          if (!blk.path("type").asText().equals("thinking")) {
            prev.add(blk);
          }
        }
        return;
      }
      ObjectNode m = out.addObject();
      m.put("role", "assistant");
      m.set("content", blocks);
    }

    private void flushUser() {
      if (user != null) {
        if (user.isEmpty()) {
          user.add(textBlock(ProjectionText.EMPTY_MESSAGE));
        }
        ObjectNode m = out.addObject();
        m.put("role", "user");
        m.set("content", user);
        user = null;
      }
    }

    ArrayNode finish() {
      flushUser();
      return out;
    }

    private static ObjectNode textBlock(String text) {
      ObjectNode t = Json.NODES.objectNode();
      t.put("type", "text");
      t.put("text", text);
      return t;
    }
  }
}
