/**
 * The session actor and the interfaces an embedding application implements. {@link
 * dev.lockstep.runtime.Session} owns one conversation's state (one MPSC mailbox, one consumer at a
 * time, group commit to {@link dev.lockstep.runtime.Durability}, one volatile published state);
 * {@link dev.lockstep.runtime.SessionHost} runs many sessions on one executor. Effects go to {@link
 * dev.lockstep.runtime.ModelClient} (the provider call), {@link dev.lockstep.runtime.ToolRunner} (the
 * tools) and {@link dev.lockstep.runtime.Summarizer} (compaction); completions come back as events;
 * nothing but the actor changes session state. See {@code docs/runtime.md}.
 */
package dev.lockstep.runtime;
