package dev.lockstep.stress.naive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.openai.OpenAiChatValidator;
import dev.lockstep.stress.Fixture.View;
import io.vavr.collection.List;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * <b>NEGATIVE CONTROL — deliberately wrong; never use this.</b>
 *
 * <p>The same design as the demo's {@code dev.lockstep.demo.naive.NaiveAgentLoop} ({@code lockstep demo
 * --naive}), the agent loop the seed reports describe: one mutable {@link ArrayList} of chat messages
 * shared by every thread with no locking discipline. A steer is appended the moment it arrives (even
 * between an assistant's tool calls and their results: the Read:158 race), a tool result whenever its
 * tool finishes (even after an interrupt gave up on it), an interrupt appends the usual "[interrupted
 * by user]" message and stops waiting.
 *
 * <p>It is a separate copy because the jcstress races need a few operations the demo loop does not
 * have (a turn-running flag, compaction, a mailbox drain) and because the stress jar should not drag
 * the CLI in. Each addition is written the way naive loops write it, and says where its race is:
 * <ul>
 *   <li>{@link #prompt}/{@link #answer}: check-then-act on a plain {@code running} flag — a prompt
 *       that arrives as the turn ends can be parked in {@code pendingPrompts} after the turn's end
 *       looked there, and is then stranded;
 *   <li>{@link #compactionDone}: rewrites the list in place (copy the tail, build the summary, clear,
 *       add) — a message appended meanwhile is lost or lands before the summary;
 *   <li>{@link #commitStep}: appends a step message by message — a reader sees half a step;
 *   <li>{@link #tell}: a mailbox drained under a plain {@code draining} flag, reset without a second
 *       look — the classic lost wake-up (and two drainers at once).
 * </ul>
 */
public final class NaiveLoop {
  /** One chat message; {@code token} is the stress tests' shorthand (see {@link View}). */
  public record Msg(String token, String role, String content, java.util.List<String> callIds, String callId) {}

  /** The whole history. Shared and unsynchronized on purpose: this is the bug. */
  private final ArrayList<Msg> messages = new ArrayList<>();
  private final ArrayList<String> pendingPrompts = new ArrayList<>();
  private boolean running;
  private int compactionCut = -1;
  private final ConcurrentLinkedQueue<Msg> inbox = new ConcurrentLinkedQueue<>();
  private boolean draining;
  /** The first exception an operation threw (the unsynchronized list can throw under races). */
  private volatile String crash;

  // ---- the loop -------------------------------------------------------------------------------

  /** A user prompt: starts a turn when none runs, else parks it for the end of the turn. */
  public void prompt(String text) {
    try {
      if (running) {
        pendingPrompts.add(text);
      } else {
        running = true;
        messages.add(user("U", text));
      }
    } catch (RuntimeException e) {
      crashed(e);
    }
  }

  /** A steer, appended on arrival wherever the history currently ends. */
  public void steer(String text) {
    try {
      messages.add(user("S", text));
    } catch (RuntimeException e) {
      crashed(e);
    }
  }

  /** The model's reply with tool calls, appended; the tools start at once. */
  public void calls(String... ids) {
    try {
      messages.add(new Msg("C", "assistant", null, java.util.List.of(ids), null));
    } catch (RuntimeException e) {
      crashed(e);
    }
  }

  /** The model's final answer: appended; the turn ends and a parked prompt, if any, starts the next. */
  public void answer(String text) {
    try {
      messages.add(new Msg("A", "assistant", text, java.util.List.of(), null));
      running = false;
      if (!pendingPrompts.isEmpty()) {
        String next = pendingPrompts.remove(0);
        running = true;
        messages.add(user("U", next));
      }
    } catch (RuntimeException e) {
      crashed(e);
    }
  }

  /** A tool result, appended whenever the tool finishes. */
  public void toolResult(String callId, String output) {
    try {
      messages.add(result(callId, output));
    } catch (RuntimeException e) {
      crashed(e);
    }
  }

  /** The user pressed Esc: the loop stops waiting for its tools and says so in the history. */
  public void interrupt() {
    try {
      running = false;
      messages.add(user("I", "[interrupted by user]"));
    } catch (RuntimeException e) {
      crashed(e);
    }
  }

  /** A step written out when it is done: the reply, then its results, one {@code add} each. */
  public void commitStep(java.util.List<String> ids, java.util.List<String> outputs) {
    try {
      messages.add(new Msg("C", "assistant", null, ids, null));
      for (int i = 0; i < ids.size(); i++) {
        messages.add(result(ids.get(i), outputs.get(i)));
      }
    } catch (RuntimeException e) {
      crashed(e);
    }
  }

  /** Compaction starts: the summarizer is shown everything up to here. */
  public void startCompaction() {
    try {
      compactionCut = messages.size();
    } catch (RuntimeException e) {
      crashed(e);
    }
  }

  /** The summarizer answered: the summarized prefix is replaced by the summary, in place. */
  public void compactionDone(String summary) {
    try {
      if (compactionCut < 0) {
        return; // no compaction running
      }
      java.util.List<Msg> tail = new ArrayList<>(messages.subList(compactionCut, messages.size()));
      java.util.List<String> kept = new ArrayList<>();
      for (Msg m : tail) {
        kept.add(m.role());
      }
      String text = "[summary] " + render(java.util.Map.of("summary", summary, "kept", kept));
      messages.clear();
      messages.add(user("M", text));
      messages.addAll(tail);
      compactionCut = -1;
    } catch (RuntimeException e) {
      crashed(e);
    }
  }

  /** The summarizer failed: nothing to replace. */
  public void compactionFailed() {
    compactionCut = -1;
  }

  /** The naive mailbox: enqueue, and drain unless someone seems to be draining already. */
  public void tell(Msg m) {
    try {
      inbox.add(m);
      if (!draining) {
        draining = true;
        Msg next;
        while ((next = inbox.poll()) != null) {
          messages.add(next);
        }
        draining = false; // no second look: a message enqueued since the last poll is stranded
      }
    } catch (RuntimeException e) {
      crashed(e);
    }
  }

  /** A user message for {@link #tell}. */
  public static Msg userMessage(String text) {
    return user("U", text);
  }

  private void crashed(RuntimeException e) {
    if (crash == null) {
      crash = e.getClass().getSimpleName();
    }
  }

  // ---- readers --------------------------------------------------------------------------------

  /** What a concurrent reader (a UI, a request builder) sees: a copy taken without any lock. */
  public java.util.List<Msg> read() {
    try {
      return new ArrayList<>(messages);
    } catch (ConcurrentModificationException | ArrayIndexOutOfBoundsException torn) {
      return java.util.Arrays.asList((Msg) null);
    }
  }

  /** Whether the loop believes a turn is running. */
  public boolean running() {
    return running;
  }

  /** Messages parked in the mailbox that no drain will ever take. */
  public int stranded() {
    return inbox.size();
  }

  /** The outcome, in the same encoding the Lockstep tests use. */
  public View view() {
    return view(read());
  }

  /** The outcome of a given read, in the same encoding the Lockstep tests use. */
  public View view(java.util.List<Msg> seen) {
    boolean torn = seen.contains(null) || crash != null;
    List<String> history = List.ofAll(seen).map(m -> m == null ? "?" : m.token());
    if (crash != null) {
      history = history.append("X"); // an operation crashed: the loop is dead
    }
    List<String> waiting = List.ofAll(new ArrayList<>(pendingPrompts)).map(p -> "P");
    boolean valid = !torn && !seen.isEmpty() && VALIDATOR.validate(request(seen), DialectOptions.defaults()).isEmpty();
    return new View(valid, history, waiting);
  }

  private static final OpenAiChatValidator VALIDATOR = OpenAiChatValidator.openAi();

  /** The OpenAI-chat request body the loop would send for {@code seen}. */
  static ObjectNode request(java.util.List<Msg> seen) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode body = json.objectNode();
    body.put("model", "stress-model");
    ArrayNode out = body.putArray("messages");
    for (Msg m : seen) {
      ObjectNode o = out.addObject();
      o.put("role", m.role());
      if (m.role().equals("assistant") && !m.callIds().isEmpty()) {
        o.putNull("content");
        ArrayNode cs = o.putArray("tool_calls");
        for (String id : m.callIds()) {
          ObjectNode c = cs.addObject();
          c.put("id", id);
          c.put("type", "function");
          c.putObject("function").put("name", "read").put("arguments", "{}");
        }
      } else {
        o.put("content", m.content());
      }
      if (m.callId() != null) {
        o.put("tool_call_id", m.callId());
      }
    }
    return body;
  }

  private static Msg user(String token, String text) {
    return new Msg(token, "user", text, java.util.List.of(), null);
  }

  private static Msg result(String callId, String output) {
    return new Msg("R", "tool", render(java.util.Map.of("tool_call_id", callId, "output", output)), java.util.List.of(), callId);
  }

  /** Tool output as the JSON text the loop sends, like most loops serialize results. */
  private static String render(java.util.Map<String, ?> value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
}
