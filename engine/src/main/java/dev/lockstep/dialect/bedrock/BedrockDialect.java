package dev.lockstep.dialect.bedrock;

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
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.SummaryMessage;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import dev.lockstep.model.UserMessage;
import io.vavr.collection.Vector;

/**
 * AWS Bedrock Converse ({@code bedrock}).
 *
 * <ul>
 *   <li>Placement: the system prompt is the top-level {@code system}; roles strictly alternate
 *       {@code user}/{@code assistant} (consecutive user texts merge into one message). Tool results
 *       form a results-only user turn right after their assistant turn; user text that follows results
 *       gets an assistant bridge ({@link ProjectionText#BRIDGE}) first, so text and results never share
 *       a turn and roles still alternate.
 *   <li>{@code toolConfig} is always present when the history holds tool blocks: the offered tools, or
 *       a stub tool ({@value #STUB_TOOL}) when none are offered.
 *   <li>Ids (P4): {@code [a-zA-Z0-9_-]{1,64}} kept, otherwise {@code tooluse_ls<hash>}; tool names
 *       made to match {@code ^[a-zA-Z][a-zA-Z0-9_]*$} (≤ 64), identically for calls and results.
 *   <li>Reasoning (V3, Claude on Bedrock): with thinking on, a reply's signed reasoning is replayed as
 *       a leading {@code reasoningContent} block to the same dialect and model only; as for
 *       {@code anthropic}, a request continuing a tool loop whose assistant turn has no such block is
 *       sent with thinking off and no reasoning blocks.
 *   <li>Empty content: no blank text; a blank user text becomes {@link ProjectionText#EMPTY_MESSAGE},
 *       a blank tool output {@link ProjectionText#EMPTY_RESULT}.
 * </ul>
 */
public final class BedrockDialect implements Dialect {
  /** Name of the stub tool declared when history has tool blocks but no tools are offered. */
  public static final String STUB_TOOL = "lockstep_no_tools";
  /** Thinking budget requested through {@code additionalModelRequestFields} when thinking is on. */
  public static final int THINKING_BUDGET_TOKENS = 1024;

  private final RequestValidator validator = new BedrockValidator();

  @Override
  public String name() {
    return "bedrock";
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
    options.system().filter(s -> !s.isBlank()).forEach(s -> body.putArray("system").addObject().put("text", s));
    ArrayNode messages = project(transcript, thinking, target);
    body.set("messages", messages);
    boolean historyHasTools = transcript.exists(m -> m instanceof ToolResultMessage);
    if (!options.tools().isEmpty()) {
      ArrayNode tools = body.putObject("toolConfig").putArray("tools");
      for (ToolSpec t : options.tools()) {
        ObjectNode spec = tools.addObject().putObject("toolSpec");
        spec.put("name", t.name());
        spec.put("description", t.description());
        spec.putObject("inputSchema").set("json", t.parameters());
      }
    } else if (historyHasTools) {
      ObjectNode spec = body.putObject("toolConfig").putArray("tools").addObject().putObject("toolSpec");
      spec.put("name", STUB_TOOL);
      spec.put("description", "[lockstep:stub] No tools are available in this request; do not call this.");
      ObjectNode schema = spec.putObject("inputSchema").putObject("json");
      schema.put("type", "object");
      schema.putObject("properties");
    }
    if (thinking) {
      ObjectNode th = body.putObject("additionalModelRequestFields").putObject("thinking");
      th.put("type", "enabled");
      th.put("budget_tokens", THINKING_BUDGET_TOKENS);
    }
    return body;
  }

  private static boolean thinkingOn(Vector<Message> transcript, DialectOptions options, Target target) {
    if (!options.thinking()) {
      return false;
    }
    int lastAssistant = transcript.lastIndexWhere(m -> m instanceof AssistantMessage);
    if (lastAssistant < 0) {
      return true;
    }
    AssistantMessage a = (AssistantMessage) transcript.get(lastAssistant);
    return !a.hasCalls() || ProjectionText.ownSigned(a, target).isDefined();
  }

  private static ArrayNode project(Vector<Message> transcript, boolean thinking, Target target) {
    WireIds ids = new WireIds(WireIds.bounded(64, id -> id.chars().allMatch(WireIds::isIdChar), "tooluse_ls"));
    ArrayNode out = Json.NODES.arrayNode();
    for (Message m : transcript) {
      switch (m) {
        case UserMessage u -> userText(out, u.text());
        case SteerMessage s -> userText(out, s.text());
        case NoteMessage n -> userText(out, n.text());
        case SummaryMessage s -> userText(out, s.text());
        case ToolResultMessage r -> {
          ArrayNode content = lastRole(out).equals("user") && onlyResults(last(out))
              ? (ArrayNode) last(out).get("content")
              : message(out, "user");
          ObjectNode tr = content.addObject().putObject("toolResult");
          tr.put("toolUseId", ids.of(r.callId()));
          tr.putArray("content").addObject().put("text", ProjectionText.nonBlank(r.text(), ProjectionText.EMPTY_RESULT));
          tr.put("status", r.outcome() == Outcome.COMPLETED ? "success" : "error");
        }
        case AssistantMessage a -> {
          ArrayNode content = message(out, "assistant");
          if (thinking) {
            ProjectionText.ownSigned(a, target).forEach(r -> {
              ObjectNode rt = content.addObject().putObject("reasoningContent").putObject("reasoningText");
              rt.put("text", r.text());
              rt.put("signature", r.signature().get());
            });
          }
          if (!a.text().isBlank()) {
            content.addObject().put("text", a.text());
          }
          for (ToolCall c : a.calls()) {
            ObjectNode use = content.addObject().putObject("toolUse");
            use.put("toolUseId", ids.of(c.id()));
            use.put("name", toolName(c.name()));
            use.set("input", ProjectionText.argumentsObject(c));
          }
        }
      }
    }
    return out;
  }

  private static void userText(ArrayNode out, String text) {
    String role = lastRole(out);
    ArrayNode content;
    if (role.equals("user") && !onlyResults(last(out))) {
      content = (ArrayNode) last(out).get("content");
    } else {
      if (role.equals("user")) {
        // Text must not share a turn with tool results, and roles must alternate.
        message(out, "assistant").addObject().put("text", ProjectionText.BRIDGE);
      }
      content = message(out, "user");
    }
    if (!text.isBlank()) {
      content.addObject().put("text", text);
    } else if (content.isEmpty()) {
      content.addObject().put("text", ProjectionText.EMPTY_MESSAGE);
    }
  }

  /** A Bedrock tool name: {@code ^[a-zA-Z][a-zA-Z0-9_]*$}, at most 64 characters. */
  static String toolName(String name) {
    StringBuilder b = new StringBuilder();
    name.codePoints().forEach(c -> b.append((c < 128 && (Character.isLetterOrDigit(c) || c == '_')) ? (char) c : '_'));
    String s = b.toString();
    if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
      s = "t" + s;
    }
    if (s.equals("t")) {
      s = ProjectionText.UNKNOWN_TOOL;
    }
    return s.length() > 64 ? s.substring(0, 64) : s;
  }

  private static boolean onlyResults(JsonNode message) {
    JsonNode content = message.path("content");
    if (content.isEmpty()) {
      return false;
    }
    for (JsonNode b : content) {
      if (!b.has("toolResult")) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode last(ArrayNode out) {
    return out.get(out.size() - 1);
  }

  private static String lastRole(ArrayNode out) {
    return out.isEmpty() ? "" : last(out).path("role").asText();
  }

  private static ArrayNode message(ArrayNode out, String role) {
    ObjectNode m = out.addObject();
    m.put("role", role);
    return m.putArray("content");
  }
}
