package dev.lockstep.stress.lincheck;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Event;
import java.util.List;
import java.util.stream.Collectors;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/**
 * <b>Negative control (a peer).</b> The same operations against LangChain4j's
 * {@code MessageWindowChatMemory} (1.19.0), the chat memory a JVM agent would otherwise use: results,
 * steers, prompts and answers become {@code add}s, {@code snapshot()} is {@code messages()}; it has no
 * interrupt or compaction, so those do nothing. Its {@code add} reads the stored list, appends and
 * writes it back without synchronization, so concurrent adds lose messages and no sequential order of
 * its own behaviour explains the result. The build fails if lincheck stops finding this.
 */
public class LangChain4jMemoryLincheckTest extends AbstractSessionLincheckTest {
  private final MessageWindowChatMemory memory = MessageWindowChatMemory.withMaxMessages(100);

  {
    memory.add(UserMessage.from("start"));
    memory.add(AiMessage.from(List.of(
        ToolExecutionRequest.builder().id("a").name("read").arguments("{}").build(),
        ToolExecutionRequest.builder().id("b").name("read").arguments("{}").build())));
  }

  @Override
  protected String apply(Event event) {
    switch (event) {
      case Event.ToolResult r ->
          memory.add(ToolExecutionResultMessage.from(((CallRef.Raw) r.call()).value(), "read", r.output()));
      case Event.Steer s -> memory.add(UserMessage.from(s.text()));
      case Event.UserPrompt p -> memory.add(UserMessage.from(p.text()));
      case Event.ModelReply m -> memory.add(AiMessage.from(m.text()));
      default -> {} // no interrupt, no compaction
    }
    return "ok";
  }

  @Override
  protected String read() {
    return memory.messages().stream().map(LangChain4jMemoryLincheckTest::brief).collect(Collectors.joining("-"));
  }

  private static String brief(ChatMessage m) {
    return switch (m) {
      case ToolExecutionResultMessage r -> "R:" + r.id();
      case UserMessage u -> "U:" + u.singleText();
      case AiMessage a -> a.hasToolExecutionRequests() ? "C" : "A";
      default -> m.type().name();
    };
  }

  @Test
  void modelChecking_findsANonLinearizableHistory() {
    assertThrows(LincheckAssertionError.class, () -> LincheckOptions.modelChecking().check(getClass()));
  }

  @Test
  void stress_findsANonLinearizableHistory() {
    assertThrows(LincheckAssertionError.class, () -> LincheckOptions.stress().check(getClass()));
  }
}
