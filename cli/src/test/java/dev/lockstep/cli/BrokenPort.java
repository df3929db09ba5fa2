package dev.lockstep.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Json;
import dev.lockstep.replay.Replayer;
import dev.lockstep.replay.TraceReader;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately broken port for the conformance runner's negative control: it replays correctly,
 * then drops the last message of the final transcript (the "lost message" class of bugs).
 */
public final class BrokenPort {
  public static void main(String[] args) throws Exception {
    String trace = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    ObjectNode out = Replayer.replay(TraceReader.parse(trace)).toJson();
    ArrayNode t = (ArrayNode) out.get("transcript");
    if (!t.isEmpty()) {
      t.remove(t.size() - 1);
    }
    System.out.println(Json.MAPPER.writeValueAsString(out));
  }
}
