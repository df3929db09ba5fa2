package dev.lockstep.journal;

/** A payload that does not decode to an event of a supported codec version; the message says why. */
public final class EventCodecException extends Exception {
  public EventCodecException(String message) {
    super(message);
  }

  public EventCodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
