package dev.lockstep.specs.mc;

import dev.lockstep.machine.Decision;
import dev.lockstep.machine.Event;
import dev.lockstep.machine.SessionState;

/** A transition function: the real reducer or a seeded bug wrapped around it. */
@FunctionalInterface
public interface Machine {
  Decision decide(SessionState state, Event event);

  Machine REFERENCE = dev.lockstep.machine.Reducer::decide;
}
