/** Mistral chat completions ({@code mistral}). */
package dev.lockstep.dialect.mistral;
