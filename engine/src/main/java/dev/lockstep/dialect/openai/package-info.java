/** OpenAI-compatible chat dialects ({@code openai-chat}, {@code kimi}, {@code deepseek}) and OpenAI Responses. */
package dev.lockstep.dialect.openai;
