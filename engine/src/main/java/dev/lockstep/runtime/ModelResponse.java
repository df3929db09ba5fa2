package dev.lockstep.runtime;

import dev.lockstep.machine.Finish;
import dev.lockstep.machine.RawCall;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/** What a {@link ModelClient} returns for a request: the final reply, or the final failure (rule V5). */
public sealed interface ModelResponse {

  /** The model's reply, as the provider returned it (raw ids, raw argument strings). */
  record Reply(String text, Option<String> reasoning, Option<String> signature, Vector<RawCall> calls, Option<Finish> finish)
      implements ModelResponse {
    public Reply {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(reasoning, "reasoning");
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(calls, "calls");
      Objects.requireNonNull(finish, "finish");
    }

    /** A plain text reply. */
    public static Reply text(String text) {
      return new Reply(text, Option.none(), Option.none(), Vector.empty(), Option.none());
    }

    /** A reply with tool calls. */
    public static Reply calls(String text, RawCall... calls) {
      return new Reply(text, Option.none(), Option.none(), Vector.of(calls), Option.none());
    }
  }

  /** The request failed for good (after the client's own retries). */
  record Failure(int status, String message) implements ModelResponse {
    public Failure {
      Objects.requireNonNull(message, "message");
    }
  }
}
