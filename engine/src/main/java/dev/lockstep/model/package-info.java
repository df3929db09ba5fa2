/**
 * Immutable, provider-neutral values of a conversation: messages, tool calls, outcomes and reasoning
 * payloads. Nothing here knows about providers or threads; the transcript is a vavr persistent
 * {@link io.vavr.collection.Vector} so that appending a step never copies the history.
 */
package dev.lockstep.model;
