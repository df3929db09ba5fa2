package dev.lockstep.journal;

import dev.lockstep.dialect.RequestViolation;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.RawCall;
import dev.lockstep.machine.SessionState;
import dev.lockstep.model.Origin;
import dev.lockstep.runtime.ModelResponse;
import dev.lockstep.runtime.Receipt;
import dev.lockstep.runtime.Session;
import dev.lockstep.runtime.SessionListener;
import dev.lockstep.runtime.ToolOutput;
import io.vavr.collection.Vector;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;

/**
 * The process {@link KillTest} kills: a busy real {@link Session} opened with {@link
 * DurableSessions#open} (so it first recovers whatever the previous child left), driven by a scripted
 * model client, quick tools on virtual threads, a steering thread, prompts, interrupts and compactions.
 *
 * <p>Protocol on standard output: {@code READY <nextSeq>} once the session is open; then, for every
 * acknowledged event (its receipt completed: durable and applied, rule D1), {@code ACK <seq> <crc32c of
 * the event's encoding>}, written by a listener after the receipts of its batch completed and flushed
 * once per batch; {@code VIOLATION <text>} if the model client ever receives a request its dialect's
 * validator rejects (a bug). Runs until killed.
 *
 * <p>Arguments: directory, session id, durability policy, seed.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String id = args[1];
    DurabilityPolicy policy = DurabilityPolicy.valueOf(args[2]);
    Random seeds = new Random(Long.parseLong(args[3]));
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    Random modelRandom = new Random(seeds.nextLong());
    Random toolRandom = new Random(seeds.nextLong());

    Agents.ScriptedModel model = new Agents.ScriptedModel(n -> {
      synchronized (modelRandom) {
        return reply(modelRandom, n);
      }
    }) {
      @Override
      public CompletableFuture<ModelResponse> send(dev.lockstep.runtime.ModelRequest request) {
        CompletableFuture<ModelResponse> r = super.send(request);
        RequestViolation v;
        while ((v = violations.poll()) != null) {
          synchronized (out) {
            out.println("VIOLATION " + v);
            out.flush();
          }
        }
        return r;
      }
    };
    Session.Builder builder = Agents.builder(model)
        .toolRunner((call, arguments) -> {
          int d;
          synchronized (toolRandom) {
            d = toolRandom.nextInt(100);
          }
          Thread.sleep(d % 4); // quick tools, so kills land both between and during tool runs
          if (d < 5) {
            throw new IllegalStateException("tool " + call.name() + " crashed");
          }
          return d < 10 ? ToolOutput.error("no such file") : ToolOutput.ok(call.name() + " -> " + arguments);
        })
        .summarizer(request -> CompletableFuture.completedFuture("summary of " + request.id()))
        .listener(new AckPrinter(out));

    DurableSession ds = DurableSessions.open(dir, id, policy, builder);
    Session session = ds.session();
    synchronized (out) {
      out.println("READY " + ds.report().recordsRead());
      out.flush();
    }

    Random steerRandom = new Random(seeds.nextLong());
    Thread.ofVirtual().name("steerer").start(() -> {
      try {
        while (true) {
          Thread.sleep(steerRandom.nextInt(4));
          session.steer("steer " + steerRandom.nextInt(1000), steerRandom.nextBoolean() ? Origin.USER : Origin.BACKGROUND);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    Random r = new Random(seeds.nextLong());
    while (true) {
      Thread.sleep(r.nextInt(3));
      SessionState s = session.snapshot();
      int d = r.nextInt(100);
      if (s.turn().isEmpty() && d < 70) {
        session.prompt("prompt " + r.nextInt(1000));
      } else if (d < 3) {
        session.interrupt();
      } else if (d < 5 && !s.compacting() && s.transcript().size() > 4) {
        session.compact();
      } else if (d < 7) {
        session.prompt("queued " + r.nextInt(1000));
      }
    }
  }

  /** The scripted model: a text answer, or one to three calls (sometimes repeated ids or bad arguments). */
  private static ModelResponse reply(Random r, int n) {
    int d = r.nextInt(100);
    if (d < 35) {
      return ModelResponse.Reply.text("done " + n);
    }
    if (d < 37) {
      return new ModelResponse.Failure(503, "overloaded");
    }
    int k = 1 + r.nextInt(3);
    RawCall[] calls = new RawCall[k];
    for (int i = 0; i < k; i++) {
      String args = r.nextInt(25) == 0 ? "{\"path\":" : "{\"path\":\"f" + r.nextInt(9) + "\"}";
      calls[i] = new RawCall("call_" + r.nextInt(5), r.nextBoolean() ? "read" : "write", args);
    }
    return new ModelResponse.Reply("", r.nextBoolean() ? io.vavr.control.Option.some("thinking") : io.vavr.control.Option.none(),
        io.vavr.control.Option.none(), Vector.of(calls), io.vavr.control.Option.none());
  }

  /** Prints {@code ACK} lines for each applied batch, after its receipts completed. */
  private static final class AckPrinter implements SessionListener {
    private final PrintStream out;
    private final StringBuilder pending = new StringBuilder();

    AckPrinter(PrintStream out) {
      this.out = out;
    }

    @Override
    public void onApplied(Session session, Receipt receipt) {
      pending.append("ACK ").append(receipt.sequence()).append(' ').append(crc(receipt.event())).append('\n');
    }

    @Override
    public void onState(Session session, SessionState state) {
      synchronized (out) {
        out.print(pending);
        out.flush();
      }
      pending.setLength(0);
    }
  }

  static long crc(Event e) {
    CRC32C c = new CRC32C();
    c.update(EventCodec.encode(e));
    return c.getValue();
  }
}
