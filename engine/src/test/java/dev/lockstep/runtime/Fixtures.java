package dev.lockstep.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.Dialects;
import dev.lockstep.dialect.RequestViolation;
import dev.lockstep.machine.Invariants;
import dev.lockstep.machine.RawCall;
import dev.lockstep.machine.SessionState;
import dev.lockstep.model.Message;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.ToolResultMessage;
import io.vavr.collection.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Shared test doubles: a scripted model client that checks every request it receives. */
final class Fixtures {
  private Fixtures() {}

  /**
   * A model client answering the n-th request it receives with {@code script.apply(n)}, on the
   * caller's thread, after re-validating the request body independently.
   */
  static final class ScriptedModel implements ModelClient {
    final IntFunction<ModelResponse> script;
    final AtomicInteger received = new AtomicInteger();
    final ConcurrentLinkedQueue<ModelRequest> requests = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<RequestViolation> violations = new ConcurrentLinkedQueue<>();

    ScriptedModel(IntFunction<ModelResponse> script) {
      this.script = script;
    }

    @Override
    public CompletableFuture<ModelResponse> send(ModelRequest request) {
      requests.add(request);
      violations.addAll(Dialects.forName(request.target().dialect()).validator()
          .validate(request.body(), DialectOptions.defaults()).asJava());
      return CompletableFuture.completedFuture(script.apply(received.getAndIncrement()));
    }
  }

  /** First request: {@code calls} parallel calls {@code t:0..}; every later one: a plain answer. */
  static ScriptedModel fanOut(int calls) {
    return new ScriptedModel(n -> {
      if (n > 0) {
        return ModelResponse.Reply.text("answer " + n);
      }
      RawCall[] cs = new RawCall[calls];
      for (int i = 0; i < calls; i++) {
        cs[i] = new RawCall("t:" + i, "work", "{\"i\":" + i + "}");
      }
      return ModelResponse.Reply.calls("", cs);
    });
  }

  static void assertSound(SessionState s) {
    List<?> broken = Invariants.check(s);
    assertTrue(broken.isEmpty(), () -> "invariants broken: " + broken);
  }

  static long count(SessionState s, String text, Class<? extends Message> kind) {
    return s.transcript().count(m -> kind.isInstance(m) && m.text().equals(text));
  }

  static long steers(SessionState s, String text) {
    return count(s, text, SteerMessage.class);
  }

  static long results(SessionState s, String text) {
    return count(s, text, ToolResultMessage.class);
  }

  static void assertOnce(SessionState s, String text, Class<? extends Message> kind) {
    assertEquals(1, count(s, text, kind), () -> kind.getSimpleName() + " '" + text + "' must be in the transcript once");
  }
}
