package dev.lockstep.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/** Executors that start one virtual thread per task; nothing to shut down. */
final class VirtualThreads {
  private VirtualThreads() {}

  /** An executor starting each task on a new virtual thread named {@code prefix + n}. */
  static Executor executor(String prefix) {
    ThreadFactory factory = Thread.ofVirtual().name(prefix, 0).factory();
    return task -> factory.newThread(task).start();
  }
}
