package dev.lockstep.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lockstep} command. */
@Command(
    name = "lockstep",
    mixinStandardHelpOptions = true,
    version = "lockstep 0.1.0",
    description = "Conversation state for LLM agent loops that cannot be bricked by its own history.",
    subcommands = {ReplayCommand.class, DemoCommand.class, ConformanceCommand.class, DoctorCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
