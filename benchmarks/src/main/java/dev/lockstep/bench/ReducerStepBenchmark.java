package dev.lockstep.bench;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.lockstep.machine.Decision;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Targets 1 and 2: the cost per event of one realistic step (steer mid-step, a reply with two tool
 * calls, two results: four events) on top of a history of {@code history} messages.
 *
 * <ul>
 *   <li>{@code lockstep}: {@link Reducer#decide} for each event; the request the last one emits carries
 *       the whole transcript as a persistent value (no copy). Each invocation starts from the same
 *       immutable base state, so the history length stays exactly {@code history}.
 *   <li>{@code langchain4j}: {@code MessageWindowChatMemory.add} then {@code messages()} per event — what
 *       a LangChain4j loop does before each call; the window is {@code history} messages, so it sits in
 *       its steady state (each add evicts the oldest).
 *   <li>{@code naiveList}: a mutable {@code ArrayList}: add, then snapshot the list for the request.
 * </ul>
 *
 * Targets: Lockstep median ≤ 1 µs per event, flat (10^5 ≤ 1.5× 10^2); at 10^4 at least 50× cheaper
 * than LangChain4j.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class ReducerStepBenchmark {
  @Param({"100", "1000", "10000", "100000"})
  int history;

  SessionState base;
  MessageWindowChatMemory memory;
  List<ChatMessage> naive;

  @Setup
  public void setUp() {
    base = Workload.lockstepHistory(history);
    memory = MessageWindowChatMemory.withMaxMessages(history);
    List<ChatMessage> h = Workload.langchainHistory(history);
    h.forEach(memory::add);
    naive = new ArrayList<>(h);
  }

  @Benchmark
  @OperationsPerInvocation(4)
  public SessionState lockstep() {
    Decision d = Reducer.decide(base, Workload.STEER);
    d = Reducer.decide(d.state(), Workload.REPLY);
    d = Reducer.decide(d.state(), Workload.RESULT_1);
    d = Reducer.decide(d.state(), Workload.RESULT_2);
    return d.state();
  }

  @Benchmark
  @OperationsPerInvocation(4)
  public void langchain4j(Blackhole bh) {
    memory.add(Workload.LC_REPLY);
    bh.consume(memory.messages());
    memory.add(Workload.LC_RESULT_1);
    bh.consume(memory.messages());
    memory.add(Workload.LC_RESULT_2);
    bh.consume(memory.messages());
    memory.add(Workload.LC_STEER);
    bh.consume(memory.messages());
  }

  @Benchmark
  @OperationsPerInvocation(4)
  public void naiveList(Blackhole bh) {
    naive.add(Workload.LC_STEER);
    bh.consume(new ArrayList<>(naive));
    naive.add(Workload.LC_REPLY);
    bh.consume(new ArrayList<>(naive));
    naive.add(Workload.LC_RESULT_1);
    bh.consume(new ArrayList<>(naive));
    naive.add(Workload.LC_RESULT_2);
    bh.consume(new ArrayList<>(naive));
    for (int i = 0; i < 4; i++) {
      naive.remove(naive.size() - 1);
    }
  }
}
