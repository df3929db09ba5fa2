/**
 * Provider error classification (rule V5): which failures are schema errors (repair once, never retry
 * blindly), transient (retry with backoff), auth, context-length (compact) or unknown.
 */
package dev.lockstep.dialect.errors;
