/**
 * The session actor and the interfaces an embedding application implements: {@link
 * dev.lockstep.runtime.ModelClient} (the provider call), {@link dev.lockstep.runtime.ToolRunner} (the
 * tools), {@link dev.lockstep.runtime.Summarizer} (compaction) and {@link
 * dev.lockstep.runtime.Durability} (the write-ahead journal). Completions come back as events; nothing
 * but the actor changes session state.
 */
package dev.lockstep.runtime;
