package dev.lockstep.bench;

import java.io.OutputStream;

/** An output stream that only counts the bytes written to it (the cost of producing them stays). */
final class NullStream extends OutputStream {
  long count;

  @Override
  public void write(int b) {
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    count += len;
  }
}
