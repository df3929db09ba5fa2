package dev.lockstep.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.journal.DurabilityPolicy;
import dev.lockstep.journal.DurableSession;
import dev.lockstep.journal.DurableSessions;
import dev.lockstep.machine.Invariants;
import dev.lockstep.machine.RawCall;
import dev.lockstep.model.Origin;
import dev.lockstep.runtime.ModelResponse;
import dev.lockstep.runtime.Session;
import dev.lockstep.runtime.ToolOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The README's embedding example, kept compiling and running: the same calls in the same order, with
 * a scripted provider standing in for {@code myHttp} and a trivial tool for {@code myTools}.
 */
class ReadmeEmbeddingExampleTest {

  @Test
  void readmeEmbeddingExample_runsEndToEnd_andReopensCleanly() throws Exception {
    Path dir = Files.createTempDirectory("lockstep-readme");
    AtomicInteger calls = new AtomicInteger();

    Session.Builder builder = Session.builder()
        .id("chat-42")
        .target("kimi", "kimi-for-coding")
        .options(DialectOptions.defaults().withThinking(true))
        .modelClient(request -> CompletableFuture.completedFuture(calls.getAndIncrement() == 0
            ? ModelResponse.Reply.calls("", new RawCall("Read:0", "Read", "{\"path\":\"Test.java\"}"))
            : ModelResponse.Reply.text("Fixed.")))
        .toolRunner((call, args) -> ToolOutput.ok("contents of " + args.get("path").asText()))
        .summarizer(request -> CompletableFuture.completedFuture("The user wants a failing test fixed."))
        .toolTimeout(Duration.ofMinutes(2));

    DurableSession durable = DurableSessions.open(dir, "chat-42", DurabilityPolicy.GROUP_COMMIT, builder);
    Session session = durable.session();

    session.prompt("Fix the failing test");
    session.steer("use JUnit 5, not 4");
    session.steer("CI finished: 3 failures", Origin.BACKGROUND);
    assertTrue(session.awaitIdle(Duration.ofSeconds(30)));
    session.compact();
    assertTrue(session.awaitIdle(Duration.ofSeconds(30)));
    var transcript = session.transcript();
    assertTrue(Invariants.check(session.snapshot()).isEmpty());
    assertTrue(transcript.get(0).text().startsWith("[lockstep:summary] "), transcript.toString());
    session.close();

    DurableSession again = DurableSessions.open(dir, "chat-42", DurabilityPolicy.GROUP_COMMIT, builder);
    assertEquals(transcript, again.session().transcript(), "the journal gives back the same transcript");
    again.close();
  }
}
