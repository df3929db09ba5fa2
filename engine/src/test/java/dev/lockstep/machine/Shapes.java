package dev.lockstep.machine;

import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.Message;
import dev.lockstep.model.NoteMessage;
import dev.lockstep.model.SteerMessage;
import dev.lockstep.model.SummaryMessage;
import dev.lockstep.model.ToolCall;
import dev.lockstep.model.ToolResultMessage;
import dev.lockstep.model.UserMessage;
import io.vavr.collection.List;
import io.vavr.collection.Vector;

/** A compact, exact rendering of a transcript for assertions: one string per message. */
final class Shapes {
  private Shapes() {}

  static List<String> of(Vector<Message> t) {
    return t.toList().map(Shapes::of);
  }

  static String of(Message m) {
    return switch (m) {
      case UserMessage u -> "user:" + u.text();
      case SteerMessage s -> "steer:" + s.text();
      case NoteMessage n -> "note:" + n.kind();
      case SummaryMessage s -> "summary";
      case AssistantMessage a -> a.hasCalls()
          ? "assistant" + a.calls().map(ToolCall::id).mkString("[", ",", "]") + (a.text().isEmpty() ? "" : ":" + a.text())
          : "assistant:" + a.text();
      case ToolResultMessage r -> "tool:" + r.callId() + "=" + r.outcome();
    };
  }
}
