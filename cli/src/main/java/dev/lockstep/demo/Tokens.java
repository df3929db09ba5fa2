package dev.lockstep.demo;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every steer and every tool output in the demo carries a unique token ({@code [s:…]} or
 * {@code [r:…]}), so "nothing lost, nothing duplicated" can be checked by counting tokens in the final
 * history; the scripted summarizer copies the tokens it is shown into its summary.
 */
final class Tokens {
  static final Pattern ANY = Pattern.compile("\\[[sr]:[A-Za-z0-9:_#-]+\\]");

  private Tokens() {}

  static String steer(int n) {
    return "[s:" + n + "]";
  }

  static String result(String callId) {
    return "[r:" + callId + "]";
  }

  /** Adds every token in {@code text} to {@code counts}. */
  static void count(String text, Map<String, Integer> counts) {
    Matcher m = ANY.matcher(text);
    while (m.find()) {
      counts.merge(m.group(), 1, Integer::sum);
    }
  }

  static Map<String, Integer> count(String text) {
    Map<String, Integer> out = new HashMap<>();
    count(text, out);
    return out;
  }
}
