package dev.lockstep.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.machine.Event;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The streaming {@link EventCodec#decode} against {@link TreeEventDecoder} (the tree decoder it
 * replaced, kept as the oracle): over a corpus of valid, odd, mistyped, reordered, duplicated,
 * truncated and garbage payloads, both must return an equal event or both must refuse with the same
 * message. Nothing here says what the right answer is; only that the two agree, on inputs chosen to
 * reach every branch of both (each test also checks that both outcomes, and many distinct refusals,
 * were exercised, so the corpus cannot silently shrink to nothing).
 */
class EventCodecDifferentialTest {

  /** What a decoder did with one payload: the event, or the refusal's message. */
  private record Outcome(Event event, String refusal) {
    static Outcome of(Decoder d, byte[] payload) {
      try {
        return new Outcome(d.decode(payload), null);
      } catch (EventCodecException e) {
        return new Outcome(null, e.getMessage());
      } catch (RuntimeException e) {
        return new Outcome(null, "THREW " + e);
      }
    }
  }

  private interface Decoder {
    Event decode(byte[] payload) throws EventCodecException;
  }

  /** Counts what the corpus exercised. */
  private static final class Tally {
    int accepted;
    int refused;
    final Set<String> refusals = new HashSet<>();

    void check(byte[] payload) {
      Outcome oracle = Outcome.of(TreeEventDecoder::decode, payload);
      Outcome streamed = Outcome.of(EventCodec::decode, payload);
      assertEquals(oracle, streamed, () -> "payload: " + show(payload));
      assertTrue(oracle.refusal() == null || !oracle.refusal().startsWith("THREW"), () -> "oracle threw for " + show(payload));
      if (oracle.event() != null) {
        accepted++;
      } else {
        refused++;
        // Keep the kind of refusal, not the parser's column numbers.
        refusals.add(oracle.refusal().replaceAll("column: \\d+|line: \\d+|\\(code \\d+\\)", ""));
      }
    }

    void check(String json) {
      check(json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String show(byte[] b) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    StringBuilder out = new StringBuilder();
    for (char c : (s.length() > 400 ? s.substring(0, 400) + "...(" + s.length() + " bytes)" : s).toCharArray()) {
      out.append(c < 0x20 || c > 0x7e ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }

  // ---- a payload as an ordered list of raw JSON members -------------------------------------------

  private static String object(List<Map.Entry<String, String>> members) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, String> m : members) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append('"').append(m.getKey()).append("\":").append(m.getValue());
    }
    return b.append('}').toString();
  }

  private static List<Map.Entry<String, String>> members(String... kv) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.add(Map.entry(kv[i], kv[i + 1]));
    }
    return out;
  }

  private static final String CALLS =
      "[{\"id\":\"call_1\",\"name\":\"Read\",\"arguments\":\"{\\\"path\\\":\\\"a\\\"}\"},"
          + "{\"name\":\"Grep\",\"arguments\":\"{}\",\"id\":\"Read:3\"}]";

  /** One payload per event type with every field it can carry. */
  private static final List<List<Map.Entry<String, String>>> FULL = List.of(
      members("v", "1", "type", "\"user\"", "text", "\"hi\""),
      members("v", "1", "type", "\"steer\"", "text", "\"look\"", "origin", "\"background\""),
      members("v", "1", "type", "\"model_reply\"", "text", "\"t\"", "reasoning", "\"r\"", "signature", "\"s\"",
          "tool_calls", CALLS, "finish", "\"tool_calls\"", "request", "7"),
      members("v", "1", "type", "\"model_error\"", "status", "500", "message", "\"boom\"", "request", "3"),
      members("v", "1", "type", "\"request_blocked\"", "request", "4", "reason", "\"too big\""),
      members("v", "1", "type", "\"switch\"", "dialect", "\"anthropic\"", "model", "\"m\""),
      members("v", "1", "type", "\"tool_started\"", "id", "\"c1\"", "ref", "\"exact\""),
      members("v", "1", "type", "\"tool_result\"", "id", "\"c1\"", "ref", "\"raw\"", "output", "\"out\"", "error", "true"),
      members("v", "1", "type", "\"interrupt\"", "reason", "\"user\""),
      members("v", "1", "type", "\"compact\""),
      members("v", "1", "type", "\"compaction_done\"", "summary", "\"sum\""),
      members("v", "1", "type", "\"compaction_failed\"", "message", "\"no\""),
      members("v", "1", "type", "\"recovered\""));

  /** Values of every JSON type and awkward numbers, to put where a field expects something else. */
  private static final List<String> VALUES = List.of(
      "null", "true", "false", "0", "1", "-1", "-0", "2", "7", "1.0", "1e0", "1E3", "-1.5e-3", "1e400",
      "2147483647", "2147483648", "-2147483648", "-2147483649",
      "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
      "18446744073709551617", "-18446744073709551615", "1" + "0".repeat(999), "1" + "0".repeat(1000),
      "1." + "5".repeat(998), "\"\"", "\"x\"", "\"1\"", "\"user\"", "\"raw\"", "\"exact\"", "\"stop\"",
      "\"tool_use\"", "\"max_tokens\"", "\"LENGTH\"", "\"background\"", "\"\\u0000\"", "\"\\ud800\"",
      "[]", "[1,\"a\",null]", "{}", "{\"id\":\"a\",\"name\":\"b\",\"arguments\":\"c\"}",
      "[{\"id\":\"a\",\"name\":\"b\",\"arguments\":\"c\"}]", "{\"a\":[1,{\"b\":[[],{}]}],\"c\":\"d\"}",
      "[[[[[[[[[[1]]]]]]]]]]", "[{}]", "[{\"id\":\"a\",\"name\":\"b\"}]", "[{\"id\":1,\"name\":\"b\",\"arguments\":\"c\"}]",
      "[{\"id\":\"a\",\"name\":null,\"arguments\":\"c\"}]", "[{\"id\":\"a\",\"name\":\"b\",\"arguments\":{}}]",
      "[{\"id\":\"a\",\"name\":\"b\",\"arguments\":\"c\"},2]", "[2,{\"id\":5}]", "[{\"id\":5},2]",
      "[{\"id\":\"a\",\"name\":\"b\",\"arguments\":\"c\",\"id\":7}]", "[{\"id\":7,\"name\":\"b\",\"arguments\":\"c\",\"id\":\"a\"}]",
      "[{\"x\":{\"id\":1},\"id\":\"a\",\"name\":\"b\",\"arguments\":\"c\",\"y\":[{\"name\":2}]}]");

  @Test
  void everyFieldMissingMistypedOrDuplicated_isDecodedOrRefusedAsByTheTreeDecoder() {
    Tally t = new Tally();
    for (List<Map.Entry<String, String>> full : FULL) {
      t.check(object(full));
      for (int i = 0; i < full.size(); i++) {
        List<Map.Entry<String, String>> without = new ArrayList<>(full);
        without.remove(i);
        t.check(object(without));
        String name = full.get(i).getKey();
        String good = full.get(i).getValue();
        for (String value : VALUES) {
          List<Map.Entry<String, String>> changed = new ArrayList<>(full);
          changed.set(i, Map.entry(name, value));
          t.check(object(changed));
          // Repeated fields: the last one counts, whichever is good.
          List<Map.Entry<String, String>> twice = new ArrayList<>(full);
          twice.add(Map.entry(name, value));
          t.check(object(twice));
          List<Map.Entry<String, String>> fixed = new ArrayList<>(changed);
          fixed.add(Map.entry(name, good));
          t.check(object(fixed));
        }
      }
      // Fields that belong to other event types are ignored or, when read, judged as the tree did.
      for (List<Map.Entry<String, String>> other : FULL) {
        List<Map.Entry<String, String>> mixed = new ArrayList<>(full);
        for (Map.Entry<String, String> m : other) {
          if (!m.getKey().equals("v") && !m.getKey().equals("type")) {
            mixed.add(m);
          }
        }
        t.check(object(mixed));
      }
    }
    assertTrue(t.accepted > 500 && t.refused > 2000, "accepted=" + t.accepted + " refused=" + t.refused);
    assertTrue(t.refusals.size() > 30, "distinct refusals: " + t.refusals);
  }

  @Test
  void fieldOrderAndUnknownFields_doNotChangeTheEvent() {
    Tally t = new Tally();
    Random r = new Random(31);
    List<String> unknown = List.of(
        "\"x\":{\"a\":[1,2,{\"b\":null,\"c\":[{\"d\":{}}]}],\"e\":\"f\"}", "\"y\":[[{}],[],{\"z\":[1.5e10]}]",
        "\"V\":2", "\"Type\":\"nope\"", "\"text \":5", "\"\":null", "\"v1\":\"1\"", "\"tool_calls_\":{}",
        "\"n\":" + "1".repeat(1000), "\"s\":\"" + "\\u00e9\\n\\\"".repeat(50) + "\"",
        "\"deep\":" + "[".repeat(900) + "]".repeat(900), "\"deepo\":" + "{\"a\":".repeat(900) + "1" + "}".repeat(900));
    for (List<Map.Entry<String, String>> full : FULL) {
      for (int k = 0; k < 12; k++) {
        List<Map.Entry<String, String>> shuffled = new ArrayList<>(full);
        Collections.shuffle(shuffled, r);
        t.check(object(shuffled));
        // Unknown members spliced in at random places.
        String json = object(shuffled);
        StringBuilder b = new StringBuilder(json.substring(0, json.length() - 1));
        for (String u : unknown) {
          if (r.nextInt(3) == 0) {
            b.append(',').append(u);
          }
        }
        String withUnknown = b.append('}').toString();
        t.check(withUnknown);
        t.check("{" + unknown.get(r.nextInt(unknown.size())) + "," + json.substring(1));
      }
      // type last, v last.
      List<Map.Entry<String, String>> reversed = new ArrayList<>(full);
      Collections.reverse(reversed);
      t.check(object(reversed));
      // A field name spelled with JSON escapes is the same name.
      t.check(object(full).replace("\"type\"", "\"t\\u0079pe\"").replace("\"v\"", "\"\\u0076\""));
    }
    for (String u : unknown) {
      t.check("{" + u + "}");
      t.check("{\"v\":1,\"type\":\"compact\"," + u + "}");
    }
    assertTrue(t.accepted > 300 && t.refused > 10, "accepted=" + t.accepted + " refused=" + t.refused);
  }

  @Test
  void versionsTypesAndSpellings_areJudgedAsByTheTreeDecoder() {
    Tally t = new Tally();
    List<String> versions = new ArrayList<>(VALUES);
    versions.addAll(List.of("-18446744073709551615", "18446744073709551616", "36893488147419103233", "1.00"));
    for (String v : versions) {
      t.check("{\"v\":" + v + ",\"type\":\"user\",\"text\":\"x\"}");
      t.check("{\"type\":\"user\",\"text\":\"x\",\"v\":" + v + "}");
    }
    t.check("{\"type\":\"user\",\"text\":\"x\"}");
    for (String type : List.of("\"\"", "\"USER\"", "\"user \"", "\"teleport\"", "1", "null", "{}", "\"model_reply\"",
        "\"tool_started\"", "\"Compact\"")) {
      t.check("{\"v\":1,\"type\":" + type + ",\"text\":\"x\"}");
    }
    for (String finish : List.of("stop", "tool_calls", "tool_use", "length", "max_tokens", "STOP", "", "x'y")) {
      t.check("{\"v\":1,\"type\":\"model_reply\",\"text\":\"\",\"tool_calls\":[],\"finish\":\"" + finish + "\"}");
    }
    for (String origin : List.of("user", "background", "User", "", "bg")) {
      t.check("{\"v\":1,\"type\":\"steer\",\"text\":\"\",\"origin\":\"" + origin + "\"}");
    }
    for (String ref : List.of("raw", "exact", "RAW", "", "exact ")) {
      t.check("{\"v\":1,\"type\":\"tool_started\",\"id\":\"a\",\"ref\":\"" + ref + "\"}");
      t.check("{\"v\":1,\"type\":\"tool_result\",\"id\":\"a\",\"ref\":\"" + ref + "\",\"output\":\"o\",\"error\":false}");
    }
    assertTrue(t.accepted > 10 && t.refused > 50, "accepted=" + t.accepted + " refused=" + t.refused);
  }

  @Test
  void garbageAndNonObjects_areRefusedWithTheTreeDecodersMessage() {
    Tally t = new Tally();
    String valid = "{\"v\":1,\"type\":\"user\",\"text\":\"hi\"}";
    List<String> texts = new ArrayList<>(List.of(
        "", " ", "\n\t\r ", "[]", "[1,2]", "null", "true", "1", "-1.5", "\"x\"", "{}", "{", "}", "[", "]", ",", ":",
        "{\"v\":1", "{\"v\":1,}", "{\"v\":1,,\"type\":\"user\"}", "{\"v\" 1}", "{v:1}", "{'v':1}", "{\"v\":01}",
        "{\"v\":1.}", "{\"v\":-}", "{\"v\":NaN}", "{\"v\":Infinity}", "{\"v\":+1}", "{\"v\":0x1}", "{\"v\":1e}",
        "{\"a\":\"\\x\"}", "{\"a\":\"\\u12g4\"}", "{\"a\":\"\t\"}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":[1,]}",
        "{\"a\":[1 2]}", "{\"a\":{\"b\"}}", "/* c */" + valid, valid + "/* c */", valid + "//", "# x\n" + valid,
        "\uFEFF" + valid, valid + " ", valid + "\n", valid + " x", valid + "x", valid + " {}", valid + "{}",
        valid + " 1", valid + " null", valid + " []", valid + "]", valid + "}", valid + ",", valid + "\u0000",
        valid + " \"x\"", "null null", "[] []", "1 2", "\"x\" \"y\"", "[] x", "{}}", "{\"v\":1}}",
        "{" + "\"a\":[".repeat(1) + "[".repeat(998) + "]".repeat(999) + "}", "[".repeat(999) + "]".repeat(999),
        "[".repeat(1000) + "]".repeat(1000), "[".repeat(1001) + "]".repeat(1001), "[".repeat(3000),
        "{\"a\":" + "{\"b\":".repeat(1000) + "1" + "}".repeat(1001),
        "{\"v\":1,\"type\":\"user\",\"text\":\"x\",\"n\":" + "9".repeat(1001) + "}",
        "{\"v\":1,\"type\":\"user\",\"text\":\"x\",\"n\":0." + "9".repeat(1001) + "}",
        "{\"v\":1,\"type\":\"user\",\"text\":\"x\",\"" + "k".repeat(50_001) + "\":1}"));
    for (String s : texts) {
      t.check(s);
    }
    // Bytes that are not UTF-8, and other encodings the parser detects by itself.
    byte[] ok = valid.getBytes(StandardCharsets.UTF_8);
    for (byte[] odd : List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, 0x28}, new byte[] {0, 0, 0},
        new byte[] {(byte) 0xfe, (byte) 0xff}, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
        "{\"v\":1,\"type\":\"user\",\"text\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1),
        "{\"v\":1,\"type\":\"user\",\"text\":\"\ud83d\"}".getBytes(StandardCharsets.UTF_8),
        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'},
        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"', '}'},
        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0x80, '"', '}'},
        new byte[] {'{', '"', (byte) 0xe2, (byte) 0x82, '"', ':', '1', '}'})) {
      t.check(odd);
      byte[] prefixed = Arrays.copyOf(odd, odd.length + ok.length);
      System.arraycopy(ok, 0, prefixed, odd.length, ok.length);
      t.check(prefixed);
      byte[] suffixed = Arrays.copyOf(ok, ok.length + odd.length);
      System.arraycopy(odd, 0, suffixed, ok.length, odd.length);
      t.check(suffixed);
    }
    for (String cs : List.of("UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE", "UTF-32")) {
      Charset c = Charset.forName(cs);
      t.check(valid.getBytes(c));
      t.check((valid + " x").getBytes(c));
      t.check("[1]".getBytes(c));
    }
    assertTrue(t.refused > 100 && t.accepted > 5, "accepted=" + t.accepted + " refused=" + t.refused);
    assertTrue(t.refusals.size() > 30, "distinct refusals: " + t.refusals);
  }

  @Test
  void everyPrefixOfValidPayloads_isJudgedAsByTheTreeDecoder() {
    Tally t = new Tally();
    Random r = new Random(5);
    List<byte[]> payloads = new ArrayList<>();
    for (List<Map.Entry<String, String>> full : FULL) {
      payloads.add(object(full).getBytes(StandardCharsets.UTF_8));
    }
    for (int i = 0; i < 3 * TestEvents.KINDS; i++) {
      payloads.add(EventCodec.encode(TestEvents.any(r, i)));
    }
    payloads.add("{\"v\":1,\"type\":\"user\",\"text\":\"\u00e9\u65e5\ud83d\ude00\\u00e9\\ud83d\\ude00\\n\",\"x\":[1.5e3,{\"y\":-2}]} "
        .getBytes(StandardCharsets.UTF_8));
    for (byte[] p : payloads) {
      for (int end = 0; end <= p.length; end++) {
        t.check(Arrays.copyOf(p, end));
      }
    }
    assertTrue(t.accepted >= payloads.size() && t.refused > 1000, "accepted=" + t.accepted + " refused=" + t.refused);
  }

  @Test
  void encodedEventsAndRandomMutations_areJudgedAsByTheTreeDecoder() {
    Tally t = new Tally();
    Random r = new Random(20261124);
    for (int i = 0; i < 5_000; i++) {
      t.check(EventCodec.encode(TestEvents.any(r, i)));
    }
    int accepted = t.accepted;
    assertEquals(5_000, accepted, "every encoded event decodes");
    for (int i = 0; i < 30_000; i++) {
      byte[] b = EventCodec.encode(TestEvents.any(r, i));
      int flips = 1 + r.nextInt(3);
      for (int k = 0; k < flips; k++) {
        int at = r.nextInt(b.length);
        b[at] = switch (r.nextInt(4)) {
          case 0 -> (byte) r.nextInt(256);
          case 1 -> (byte) "{}[],:\"\\ 0123456789.eE-+tfnul".charAt(r.nextInt(29));
          default -> (byte) (b[at] ^ (1 << r.nextInt(8)));
        };
      }
      t.check(b);
    }
    assertTrue(t.accepted - accepted > 1000 && t.refused > 10_000, "accepted=" + t.accepted + " refused=" + t.refused);
  }

  @Test
  void stringsLongerThanTheParsersLimit_areRefusedAlike() {
    Tally t = new Tally();
    int max = com.fasterxml.jackson.core.StreamReadConstraints.defaults().getMaxStringLength();
    for (int len : new int[] {max, max + 1}) {
      String big = "a".repeat(len);
      t.check("{\"v\":1,\"type\":\"user\",\"text\":\"" + big + "\"}");
      t.check("{\"v\":1,\"type\":\"user\",\"text\":\"x\",\"unknown\":[\"" + big + "\"]}");
    }
    assertTrue(t.accepted >= 1 && t.refused >= 1, "accepted=" + t.accepted + " refused=" + t.refused);
  }
}
