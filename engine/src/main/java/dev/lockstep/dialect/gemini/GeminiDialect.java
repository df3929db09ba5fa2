package dev.lockstep.dialect.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Dialect;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.Json;
import dev.lockstep.dialect.ProjectionText;
import dev.lockstep.dialect.RequestValidator;
import dev.lockstep.dialect.ToolSpec;
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
 * Google Gemini {@code generateContent} ({@code gemini}); {@code contents} appear under
 * {@code messages} in replay output.
 *
 * <ul>
 *   <li>Placement: the system prompt is {@code systemInstruction}; roles are {@code user} and
 *       {@code model}. A reply is one {@code model} turn {@code [text?, functionCall…]}; its results are
 *       the very next turn, a {@code user} turn holding exactly one {@code functionResponse} part per
 *       {@code functionCall} part, in call order (and nothing else). Steers and notes after it are a
 *       separate user turn.
 *   <li>Ids: none are sent (optional in the API and rejected by some Vertex paths); calls and
 *       responses pair by position and name. Names are made to match {@code [A-Za-z0-9_-]{1,64}}, the
 *       same way for a call and its response.
 *   <li>Thought signatures (V3): the first {@code functionCall} part of every model turn carries a
 *       {@code thoughtSignature}: the reply's own when the same dialect and model produced it, else
 *       Google's documented dummy {@value #DUMMY_SIGNATURE} (history from another model). Reasoning
 *       text (thought summaries) is not replayed.
 *   <li>Empty content: no empty text part; a blank user text becomes
 *       {@link ProjectionText#EMPTY_MESSAGE}. Results are {@code {"output": text}} or, for outcomes
 *       other than {@code COMPLETED}, {@code {"error": text}}.
 * </ul>
 */
public final class GeminiDialect implements Dialect {
  /** The documented dummy signature for function calls the current model did not produce. */
  public static final String DUMMY_SIGNATURE = "skip_thought_signature_validator";

  private final RequestValidator validator = new GeminiValidator();

  @Override
  public String name() {
    return "gemini";
  }

  @Override
  public RequestValidator validator() {
    return validator;
  }

  @Override
  public ArrayNode messages(Vector<Message> transcript, DialectOptions options, Target target) {
    ArrayNode contents = Json.NODES.arrayNode();
    ArrayNode userText = null;
    ArrayNode responses = null;
    for (Message m : transcript) {
      if (m instanceof ToolResultMessage r) {
        if (responses == null) {
          responses = turn(contents, "user");
        }
        ObjectNode part = responses.addObject();
        ObjectNode fr = part.putObject("functionResponse");
        fr.put("name", ProjectionText.safeToolName(r.name()));
        fr.putObject("response").put(r.outcome() == Outcome.COMPLETED ? "output" : "error", r.text());
        continue;
      }
      responses = null;
      switch (m) {
        case UserMessage u -> userText = addText(contents, userText, u.text());
        case SteerMessage s -> userText = addText(contents, userText, s.text());
        case NoteMessage n -> userText = addText(contents, userText, n.text());
        case SummaryMessage s -> userText = addText(contents, userText, s.text());
        case AssistantMessage a -> {
          userText = null;
          ArrayNode parts = turn(contents, "model");
          if (!a.text().isBlank()) {
            parts.addObject().put("text", a.text());
          }
          boolean first = true;
          for (ToolCall c : a.calls()) {
            ObjectNode part = parts.addObject();
            ObjectNode fc = part.putObject("functionCall");
            fc.put("name", ProjectionText.safeToolName(c.name()));
            fc.set("args", ProjectionText.argumentsObject(c));
            if (first) {
              part.put("thoughtSignature", ProjectionText.ownSigned(a, target)
                  .map(r -> r.signature().get()).getOrElse(DUMMY_SIGNATURE));
              first = false;
            }
          }
        }
        case ToolResultMessage r -> throw new AssertionError("handled above");
      }
    }
    return contents;
  }

  @Override
  public ObjectNode turnRequest(Vector<Message> transcript, DialectOptions options, Target target) {
    ObjectNode body = Json.NODES.objectNode();
    options.system().filter(s -> !s.isBlank()).forEach(s ->
        body.putObject("systemInstruction").putArray("parts").addObject().put("text", s));
    body.set("messages", messages(transcript, options, target));
    if (!options.tools().isEmpty()) {
      ArrayNode decls = body.putArray("tools").addObject().putArray("functionDeclarations");
      for (ToolSpec t : options.tools()) {
        ObjectNode d = decls.addObject();
        d.put("name", t.name());
        d.put("description", t.description());
        d.set("parameters", t.parameters());
      }
    }
    return body;
  }

  /** Adds a text part to the open user text turn (or opens one); blank text gets the marked fallback. */
  private static ArrayNode addText(ArrayNode contents, ArrayNode open, String text) {
    ArrayNode parts = open != null ? open : turn(contents, "user");
    if (!text.isBlank()) {
      parts.addObject().put("text", text);
    } else if (parts.isEmpty()) {
      parts.addObject().put("text", ProjectionText.EMPTY_MESSAGE);
    }
    return parts;
  }

  private static ArrayNode turn(ArrayNode contents, String role) {
    ObjectNode c = contents.addObject();
    c.put("role", role);
    return c.putArray("parts");
  }
}
