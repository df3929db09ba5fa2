/** Google Gemini {@code generateContent} ({@code gemini}). */
package dev.lockstep.dialect.gemini;
