package dev.lockstep.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.model.ToolCall;

/**
 * Runs one tool call. Called on its own (virtual) thread only after the call's {@code tool_started}
 * event is durable and accepted (rule D1). Cancellation interrupts that thread. A thrown exception
 * becomes a {@code FAILED} result; a timeout becomes a {@code FAILED} result marked
 * {@code [lockstep:timeout]} (rule S5).
 */
@FunctionalInterface
public interface ToolRunner {
  /**
   * @param call the call (session-unique id, raw id, name, raw arguments)
   * @param arguments the parsed arguments (always a JSON object: unparsable calls never run)
   * @return the tool's output text
   */
  ToolOutput run(ToolCall call, JsonNode arguments) throws Exception;
}
