package dev.lockstep.model;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * An opaque reasoning payload attached to an assistant reply (rule V3): the reasoning text the
 * provider returned and, for providers that sign it (Anthropic thinking, Gemini thought signatures,
 * OpenAI encrypted reasoning), the signature. Dialects decide whether and how to replay it, using the
 * reply's {@link Provenance}; the engine never edits it.
 */
public record Reasoning(String text, Option<String> signature) {
  public Reasoning {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(signature, "signature");
  }
}
