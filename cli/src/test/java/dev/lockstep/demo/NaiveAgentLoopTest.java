package dev.lockstep.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lockstep.demo.naive.NaiveAgentLoop;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.openai.OpenAiChatValidator;
import dev.lockstep.machine.RawCall;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The negative control really is wrong: a steer that lands mid-tool breaks the next request (seed 000). */
class NaiveAgentLoopTest {

  @Test
  void steerArrivingBetweenCallAndResult_makesTheRequestInvalid() {
    NaiveAgentLoop loop = new NaiveAgentLoop();
    loop.user("task");
    loop.assistant("", List.of(new RawCall("Read:158", "Read", "{}")), "");
    loop.steer("also this"); // arrives while Read:158 runs
    loop.toolResult("Read:158", "file contents");
    var violations = OpenAiChatValidator.kimi().validate(loop.request(false), DialectOptions.defaults());
    assertFalse(violations.isEmpty());
    assertFalse(violations.filter(v -> v.providerError().contains("did not have response messages: Read:158")).isEmpty(),
        violations::toString);
  }
}
