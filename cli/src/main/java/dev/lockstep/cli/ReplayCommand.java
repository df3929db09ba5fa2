package dev.lockstep.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lockstep.dialect.Json;
import dev.lockstep.dialect.UnsupportedDialectException;
import dev.lockstep.replay.ReplayResult;
import dev.lockstep.replay.Replayer;
import dev.lockstep.replay.Trace;
import dev.lockstep.replay.TraceFormatException;
import dev.lockstep.replay.TraceReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lockstep replay}: TRACE-FORMAT v1's replay contract. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Feed a trace to one session (the trace is the model and the tools) and print every request,",
      "the final transcript and state, rejections and validator findings as one JSON object."
    })
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dialect", description = "Override the trace's dialect (openai-chat, kimi, ...).")
  String dialect;

  @Option(names = "--thinking", description = "Turn thinking on (overrides the trace's options).")
  boolean thinking;

  @Option(names = "--model", description = "Override the trace's model.")
  String model;

  @Option(names = "--compact", description = "Print compact JSON instead of indented JSON.")
  boolean compact;

  @Parameters(index = "0", paramLabel = "FILE|-", description = "The trace file, or - for standard input.")
  String file;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    String text;
    try {
      text = file.equals("-")
          ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      err.println("lockstep replay: no such file: " + file);
      return 2;
    } catch (IOException e) {
      err.println("lockstep replay: cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    try {
      Trace trace = TraceReader.parse(text);
      if (dialect != null) {
        trace = trace.withDialect(dialect);
      }
      if (model != null) {
        trace = trace.withModel(model);
      }
      if (thinking) {
        trace = trace.withOptions(trace.options().withThinking(true));
      }
      ReplayResult result = Replayer.replay(trace);
      var writer = compact ? Json.MAPPER.writer() : Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);
      PrintWriter out = spec.commandLine().getOut();
      out.println(writer.writeValueAsString(result.toJson()));
      out.flush();
      return 0;
    } catch (TraceFormatException | UnsupportedDialectException e) {
      err.println("lockstep replay: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("lockstep replay: cannot write the output: " + e.getMessage());
      return 2;
    }
  }
}
