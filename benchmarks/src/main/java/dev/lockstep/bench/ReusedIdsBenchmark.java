package dev.lockstep.bench;

import dev.lockstep.machine.CallRef;
import dev.lockstep.machine.Decision;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.RawCall;
import dev.lockstep.machine.Reducer;
import dev.lockstep.machine.SessionState;
import dev.lockstep.machine.Target;
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

/**
 * Target 1, Kimi variant: the same realistic step as {@link ReducerStepBenchmark#lockstep} (steer, a
 * reply with two calls, two results; four events), but with Kimi/Moonshot-style call ids, which
 * restart in every reply ({@code functions.Read:0}, {@code functions.Grep:1}), on a history of
 * {@code history} messages whose every turn used {@code functions.Read:0} too. The reducer keeps call
 * ids session-unique (P4), so each reused id must be given a fresh {@code Name:N}; this measures
 * whether that stays flat as the history grows. Target as for target 1: median ≤ 1 µs per event, flat.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class ReusedIdsBenchmark {
  static final String READ = "functions.Read:0";
  static final String GREP = "functions.Grep:1";

  @Param({"100", "1000", "10000"})
  int history;

  SessionState base;
  static final Event REPLY = Event.ModelReply.calls("", new RawCall(READ, "Read", Workload.ARGS),
      new RawCall(GREP, "Grep", Workload.ARGS));
  static final Event RESULT_1 = new Event.ToolResult(new CallRef.Raw(GREP), Workload.OUTPUT, false);
  static final Event RESULT_2 = new Event.ToolResult(new CallRef.Raw(READ), Workload.OUTPUT, false);

  @Setup
  public void setUp() {
    SessionState s = SessionState.initial(new Target("kimi", "kimi-k2"));
    int turn = 0;
    while (s.transcript().size() < history - 1) {
      s = Workload.applyChecked(s, new Event.UserPrompt("prompt " + turn),
          Event.ModelReply.calls("", new RawCall(READ, "Read", Workload.ARGS)),
          new Event.ToolResult(new CallRef.Raw(READ), Workload.OUTPUT, false),
          Event.ModelReply.text("answer " + turn));
      turn++;
    }
    base = Workload.applyChecked(s, new Event.UserPrompt("the benchmark turn"));
    Workload.applyChecked(base, Workload.STEER, REPLY, RESULT_1, RESULT_2);
  }

  @Benchmark
  @OperationsPerInvocation(4)
  public SessionState lockstepKimiIds() {
    Decision d = Reducer.decide(base, Workload.STEER);
    d = Reducer.decide(d.state(), REPLY);
    d = Reducer.decide(d.state(), RESULT_1);
    d = Reducer.decide(d.state(), RESULT_2);
    return d.state();
  }
}
