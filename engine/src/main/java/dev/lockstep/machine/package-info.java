/**
 * The pure turn/step state machine: events in, a decision (new state plus effects as data) out.
 * {@link dev.lockstep.machine.Reducer#decide} is total and deterministic; it does no I/O and throws for
 * no event: an event that does not apply is a recorded {@link dev.lockstep.machine.Effect.Rejected}.
 * {@link dev.lockstep.machine.Invariants} checks every DESIGN rule that a state can violate.
 */
package dev.lockstep.machine;
