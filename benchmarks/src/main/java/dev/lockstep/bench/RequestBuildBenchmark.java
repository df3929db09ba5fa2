package dev.lockstep.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Dialect;
import dev.lockstep.dialect.DialectOptions;
import dev.lockstep.dialect.Dialects;
import dev.lockstep.dialect.IncrementalRequest;
import dev.lockstep.dialect.Json;
import dev.lockstep.dialect.ToolSpec;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Target;
import dev.lockstep.model.Message;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Target 3: producing the provider request body (all of its bytes) for the next step of a session with
 * a {@code history}-message transcript, on {@code openai-chat} with a system prompt and two tools.
 *
 * <p>Each invocation starts from the same state: the body of the previous request (transcript
 * {@code T0}, already built, set up outside the measurement) and the transcript after one realistic
 * step ({@code T1} = {@code T0} + reply with two calls, two results, a steer: four messages).
 *
 * <ul>
 *   <li>{@code incremental}: {@link IncrementalRequest#next} from the previous body (prefix check over
 *       all of {@code T1}, projection and serialization of the four new messages) and writing every
 *       byte of the body to a counting stream — the chunks an HTTP client would send.
 *   <li>{@code incrementalToArray}: the same, copied into one contiguous {@code byte[]}.
 *   <li>{@code jacksonSerializeOnly} (the target's baseline): Jackson serializing the already-built
 *       full request tree of {@code T1} from scratch to a counting stream — serialization alone, no
 *       projection.
 *   <li>{@code fullProjection}: what a non-incremental engine does per step: project {@code T1} to a
 *       JSON tree ({@code Dialect.turnRequest}) and serialize it.
 * </ul>
 *
 * Target: {@code incremental} ≤ 10% of {@code jacksonSerializeOnly} at 10^4 messages.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class RequestBuildBenchmark {
  @Param({"10000"})
  int history;

  Dialect dialect;
  DialectOptions options;
  Target target;
  Vector<Message> next;
  IncrementalRequest previous;
  ObjectNode fullTree;

  @Setup
  public void setUp() throws IOException {
    dialect = Dialects.forName("openai-chat");
    target = new Target("openai-chat", "bench");
    options = new DialectOptions(false, io.vavr.control.Option.some("You are a careful coding agent."), Vector.of(
        new ToolSpec("Read", "Read a file", Json.parseObject(
            "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}").get()),
        new ToolSpec("Grep", "Search files", Json.parseObject(
            "{\"type\":\"object\",\"properties\":{\"pattern\":{\"type\":\"string\"}}}").get())));
    SessionState base = Workload.lockstepHistory(history);
    SessionState after = Workload.applyChecked(base, Workload.STEER, Workload.REPLY, Workload.RESULT_1,
        Workload.RESULT_2);
    Vector<Message> t0 = base.transcript();
    next = after.transcript();
    if (next.size() != t0.size() + 4) {
      throw new IllegalStateException("the step should add four messages, added " + (next.size() - t0.size()));
    }
    previous = IncrementalRequest.empty().next(dialect, t0, options, target);
    fullTree = dialect.turnRequest(next, options, target);
    // The incremental body must be the bytes Jackson writes for the full projection.
    byte[] expected = Json.MAPPER.writeValueAsBytes(fullTree);
    if (!java.util.Arrays.equals(expected, previous.next(dialect, next, options, target).toByteArray())) {
      throw new IllegalStateException("incremental body differs from the full projection");
    }
  }

  @Benchmark
  public long incremental(Blackhole bh) throws IOException {
    IncrementalRequest body = previous.next(dialect, next, options, target);
    NullStream out = new NullStream();
    body.writeTo(out);
    bh.consume(body);
    return out.count;
  }

  @Benchmark
  public byte[] incrementalToArray() {
    return previous.next(dialect, next, options, target).toByteArray();
  }

  @Benchmark
  public long jacksonSerializeOnly() throws IOException {
    NullStream out = new NullStream();
    Json.MAPPER.writeValue(out, fullTree);
    return out.count;
  }

  @Benchmark
  public long fullProjection() throws IOException {
    NullStream out = new NullStream();
    Json.MAPPER.writeValue(out, dialect.turnRequest(next, options, target));
    return out.count;
  }
}
