/** Concurrency harnesses for the session actor (jcstress, lincheck, soak). */
package dev.lockstep.stress;
