/**
 * Small JSON helpers shared by the reducer and the journal codec: reading JSON with Jackson's
 * streaming parser while giving exactly the verdicts its tree reader ({@code readTree}) would.
 */
package dev.lockstep.json;
