package dev.lockstep.machine;

import dev.lockstep.model.Origin;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Everything that can reach a session's mailbox (TRACE-FORMAT v1 plus the runtime's own events).
 * Events are immutable values; the reducer decides what each one means in the current state.
 */
public sealed interface Event {

  /** A user prompt: starts a turn when idle, is queued for the next turn while one runs. */
  record UserPrompt(String text) implements Event {
    public UserPrompt {
      Objects.requireNonNull(text, "text");
    }
  }

  /** A message injected into the running turn; deferred to the next step boundary (rule S1). */
  record Steer(String text, Origin origin) implements Event {
    public Steer {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(origin, "origin");
    }
  }

  /**
   * The model's reply. {@code request} names the request it answers (absent: the one in flight); a
   * reply to any other request is stale (rule S3). {@code finish} absent means "derive from calls".
   */
  record ModelReply(
      String text,
      Option<String> reasoning,
      Option<String> signature,
      Vector<RawCall> calls,
      Option<Finish> finish,
      Option<Long> request)
      implements Event {
    public ModelReply {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(reasoning, "reasoning");
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(calls, "calls");
      Objects.requireNonNull(finish, "finish");
      Objects.requireNonNull(request, "request");
    }

    /** A plain text reply to the request in flight. */
    public static ModelReply text(String text) {
      return new ModelReply(text, Option.none(), Option.none(), Vector.empty(), Option.none(), Option.none());
    }

    /** A reply with tool calls (and optional text) to the request in flight. */
    public static ModelReply calls(String text, RawCall... calls) {
      return new ModelReply(text, Option.none(), Option.none(), Vector.of(calls), Option.none(), Option.none());
    }

    /** The finish reason, derived from the calls when the reply did not say. */
    public Finish effectiveFinish() {
      return finish.getOrElse(calls.isEmpty() ? Finish.STOP : Finish.TOOL_CALLS);
    }
  }

  /** The final failure of a model request (after the client's own retries, rule V5). */
  record ModelError(int status, String message, Option<Long> request) implements Event {
    public ModelError {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(request, "request");
    }
  }

  /**
   * The runtime's validator refused to send a request (rule V2). For a turn request this fails the
   * turn like a model error; for a compaction request it fails the compaction (rule C3).
   */
  record RequestBlocked(long request, String reason) implements Event {
    public RequestBlocked {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Later requests go to another dialect and/or model (fallback). */
  record Switch(Option<String> dialect, Option<String> model) implements Event {
    public Switch {
      Objects.requireNonNull(dialect, "dialect");
      Objects.requireNonNull(model, "model");
    }
  }

  /** The executor really began running a call (rule D1: lets interrupt and crash tell INTERRUPTED from UNKNOWN). */
  record ToolStarted(CallRef call) implements Event {
    public ToolStarted {
      Objects.requireNonNull(call, "call");
    }
  }

  /**
   * A tool finished. {@code error} makes the outcome {@code FAILED}. {@code synthetic} marks results
   * the runtime wrote itself (timeouts): their text already carries a {@code [lockstep:…]} marker.
   */
  record ToolResult(CallRef call, String output, boolean error) implements Event {
    public ToolResult {
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(output, "output");
    }
  }

  /** The user stopped the turn (rule S2: nothing more is sent; waiting input is kept). */
  record Interrupt(Option<String> reason) implements Event {
    public Interrupt {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Compaction requested (rules C1–C4). */
  record Compact() implements Event {}

  /** The summarizer answered the compaction in flight. */
  record CompactionDone(String summary) implements Event {
    public CompactionDone {
      Objects.requireNonNull(summary, "summary");
    }
  }

  /** The summarizer failed; the transcript stays as it was (rule C3). */
  record CompactionFailed(Option<String> message) implements Event {
    public CompactionFailed {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Written once by recovery after a crash (rule D4): seals every open slot ({@code UNKNOWN} if it had
   * started, else {@code INTERRUPTED}), ends the turn without a new request, drops a compaction in
   * flight and keeps waiting steers and prompts. Folding it twice is harmless: the second finds nothing
   * open.
   */
  record Recovered() implements Event {}
}
