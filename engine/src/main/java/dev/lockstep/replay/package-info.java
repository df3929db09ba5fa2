/**
 * Event traces (TRACE-FORMAT v1) and the replay contract: read a trace, drive one session with it (the
 * trace is the model and the tools), and report every request, the final transcript and state, the
 * rejections and the validator's findings as one JSON object.
 */
package dev.lockstep.replay;
