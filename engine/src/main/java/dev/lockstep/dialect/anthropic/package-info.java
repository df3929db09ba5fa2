/** Anthropic Messages dialects: {@code anthropic} and Kimi's Anthropic-compatible {@code kimi-anthropic}. */
package dev.lockstep.dialect.anthropic;
