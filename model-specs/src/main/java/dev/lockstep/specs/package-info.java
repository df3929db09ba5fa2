/**
 * The conformance side of the reference model (spec version {@link dev.lockstep.specs.Vectors#SPEC_VERSION}):
 * reading vector files, comparing a replay output with a vector's {@code expect}, and running a port
 * (any program that reads a trace on stdin and writes the replay JSON on stdout) over every vector.
 */
package dev.lockstep.specs;
