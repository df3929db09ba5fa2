/**
 * The write-ahead journal of a session and its recovery (rules D1–D6). Embedders call {@link
 * dev.lockstep.journal.DurableSessions#open}, which recovers a session's journal and starts the session
 * actor on it. Underneath, {@link
 * dev.lockstep.journal.JournalRecovery#recover} opens a session's journal under an exclusive lock,
 * cuts a torn tail, refuses corruption in the middle, folds the reducer over the events and closes an
 * open turn with one durable {@code Recovered} record; the {@link dev.lockstep.journal.FileJournal} it
 * returns is the session actor's {@link dev.lockstep.runtime.Durability}. {@link
 * dev.lockstep.journal.EventCodec} and {@link dev.lockstep.journal.JournalFormat} define the bytes;
 * {@code docs/journal.md} documents them. {@link dev.lockstep.journal.JournalSalvage} is the operator's
 * way out of a corrupted journal (the API behind {@code lockstep doctor}).
 */
package dev.lockstep.journal;
