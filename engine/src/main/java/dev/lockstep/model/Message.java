package dev.lockstep.model;

/**
 * One committed entry of the provider-neutral transcript. The set of kinds is closed so that every
 * projection handles each of them ({@code switch} without {@code default}).
 *
 * <p>Rule P1: an {@link AssistantMessage} with tool calls only ever appears in a transcript followed
 * immediately by one {@link ToolResultMessage} per call, in call order.
 */
public sealed interface Message
    permits UserMessage, AssistantMessage, ToolResultMessage, SteerMessage, NoteMessage, SummaryMessage {

  /** The text a model would read for this message (possibly empty for an assistant with calls). */
  String text();
}
