package dev.lockstep.machine;

import dev.lockstep.model.Message;
import dev.lockstep.model.Outcome;
import dev.lockstep.model.ToolCall;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * What the reducer asks the world to do, as data. Executors run effects after the event that caused
 * them is durable (rule D1) and post completions back to the same mailbox.
 */
public sealed interface Effect {

  /**
   * Send a turn request. {@code transcript} is the whole committed transcript to project (a persistent
   * value: holding it costs nothing); {@code target} is the dialect and model to send it to.
   */
  record CallModel(long request, Vector<Message> transcript, Target target) implements Effect {
    public CallModel {
      Objects.requireNonNull(transcript, "transcript");
      Objects.requireNonNull(target, "target");
    }
  }

  /** Run one tool call. The runtime posts {@code ToolStarted} and waits for its receipt first (D1). */
  record RunTool(ToolCall call) implements Effect {
    public RunTool {
      Objects.requireNonNull(call, "call");
    }
  }

  /** Cancel a call that was sealed by an interrupt while it was pending or running. */
  record CancelTool(ToolCall call, Outcome sealedAs) implements Effect {
    public CancelTool {
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(sealedAs, "sealedAs");
    }
  }

  /**
   * Summarize a prefix (rule C4): the request is {@code prefix} followed by one user message with
   * {@code instruction}; the answer comes back as {@code CompactionDone} or {@code CompactionFailed}.
   */
  record Summarize(long request, Vector<Message> prefix, String instruction, Target target) implements Effect {
    public Summarize {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(instruction, "instruction");
      Objects.requireNonNull(target, "target");
    }
  }

  /** Something the embedding UI may want to show (turn ended, compaction applied, …). */
  record Notify(Notice notice) implements Effect {
    public Notify {
      Objects.requireNonNull(notice, "notice");
    }
  }

  /** The event did not apply and changed nothing; {@code reason} says why. */
  record Rejected(String reason) implements Effect {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
