package dev.lockstep.demo;

import dev.lockstep.machine.RawCall;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * One situation from the seed reports, as data both loops (Lockstep and the naive negative control)
 * play: what the scripted model answers to its n-th request, how long tools take, and what other
 * threads do meanwhile (steers, an interrupt, a compaction), with times drawn at random per run.
 *
 * @param name short name shown in the table
 * @param story one line saying which seed it replays
 * @param replies the model's replies by request index; past the end the model answers with text
 * @param toolMillis tool duration range [min, max) in milliseconds
 * @param steers steers fired by other threads, each at a random time in its window
 * @param interruptWindow if present, an interrupt fired at a random time in this window
 * @param compactWindow if present, a compaction requested at a random time in this window
 */
public record Scenario(
    String name,
    String story,
    Vector<Vector<RawCall>> replies,
    Window toolMillis,
    List<PlannedSteer> steers,
    io.vavr.control.Option<Window> interruptWindow,
    io.vavr.control.Option<Window> compactWindow) {

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(replies, "replies");
  }

  /** A time window in milliseconds after the prompt, [from, to). */
  public record Window(int from, int to) {}

  /** A steer from the user or a background task, fired at a random time in {@code window}. */
  public record PlannedSteer(boolean background, Window window) {}

  private static RawCall call(String id, String name, String args) {
    return new RawCall(id, name, args);
  }

  /** The four seed situations. */
  public static List<Scenario> all() {
    io.vavr.control.Option<Window> none = io.vavr.control.Option.none();
    return List.of(
        new Scenario("read-158-steer", "seed 000: a steer arrives while Read:158 runs",
            Vector.of(Vector.of(call("Read:158", "Read", "{\"path\":\"README.md\"}"))),
            new Window(15, 40),
            List.of(new PlannedSteer(false, new Window(0, 30)), new PlannedSteer(true, new Window(5, 45))),
            none, none),
        new Scenario("parallel-out-of-order", "four parallel calls finish in random order; steers race them",
            Vector.of(Vector.of(
                call("Read:1", "Read", "{\"path\":\"a.txt\"}"),
                call("Grep:2", "Grep", "{\"pattern\":\"TODO\"}"),
                call("Bash:3", "Bash", "{\"cmd\":\"ls\"}"),
                call("Read:4", "Read", "{\"path\":\"b.txt\"}"))),
            new Window(5, 40),
            List.of(new PlannedSteer(false, new Window(0, 30)), new PlannedSteer(false, new Window(10, 40)),
                new PlannedSteer(true, new Window(0, 45))),
            none, io.vavr.control.Option.some(new Window(20, 45))),
        new Scenario("todolist-3-progression", "seed 001: three Skill calls, then TodoList:3, TodoList:4; compaction midway",
            Vector.of(
                Vector.of(call("Skill:0", "Skill", "{\"name\":\"codex-orchestrate\"}"),
                    call("Skill:1", "Skill", "{\"name\":\"claude-orchestrate\"}"),
                    call("Skill:2", "Skill", "{\"name\":\"verification-before-completion\"}")),
                Vector.of(call("TodoList:3", "TodoList", "{\"items\":[\"plan\",\"build\"]}")),
                Vector.of(call("TodoList:4", "TodoList", "{\"items\":[\"build\"]}"))),
            new Window(3, 15),
            List.of(new PlannedSteer(true, new Window(0, 50))),
            none, io.vavr.control.Option.some(new Window(10, 40))),
        new Scenario("interrupt-mid-tool", "the user interrupts while three calls run, then continues",
            Vector.of(Vector.of(
                call("Bash:5", "Bash", "{\"cmd\":\"make test\"}"),
                call("Bash:6", "Bash", "{\"cmd\":\"make lint\"}"),
                call("Read:7", "Read", "{\"path\":\"build.log\"}"))),
            new Window(10, 60),
            List.of(new PlannedSteer(false, new Window(0, 40))),
            io.vavr.control.Option.some(new Window(5, 35)), none));
  }
}
