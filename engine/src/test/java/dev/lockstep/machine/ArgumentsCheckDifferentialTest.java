package dev.lockstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The streaming {@link Reducer#argumentsProblem} against {@link TreeArgumentsCheck} (the tree-based check
 * it replaced, kept as the oracle): for every input of the corpus both give the same verdict, word for
 * word, including the parser's message for invalid JSON. Each test also checks that all three verdicts
 * (an object, not an object, invalid) and many distinct parser messages were exercised.
 */
class ArgumentsCheckDifferentialTest {

  private static final class Tally {
    int objects;
    int notObjects;
    int invalid;
    final Set<String> messages = new HashSet<>();

    void check(String arguments) {
      Option<String> oracle = TreeArgumentsCheck.problem(arguments);
      Option<String> streamed = Reducer.argumentsProblem(arguments);
      assertEquals(oracle, streamed, () -> "arguments: " + show(arguments));
      if (oracle.isEmpty()) {
        objects++;
      } else if (oracle.get().startsWith("its arguments are not a JSON object")) {
        notObjects++;
      } else {
        invalid++;
        messages.add(oracle.get().replaceAll("\\(code \\d+\\)|'.*'", ""));
      }
    }
  }

  private static String show(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : (s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " chars)" : s).toCharArray()) {
      out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }

  private static final List<String> CORPUS = List.of(
      "", " ", "\n\t\r ", "null", " null ", "null null", "null x", "nul", "{}", " {} ", "{}\n", "{} {}", "{}x", "{} x",
      "{} 1", "{} []", "{} null", "{}}", "{}]", "{},", "[]", "[1]", "[{}]", "[] {}", "1", "-1", "0", "01", "1.5",
      "1e999", "-", "\"str\"", "\"\"", "\"", "true", "false", "tru", "{\"a\":1}", "{\"a\":", "{\"a\"}", "{\"a\" 1}",
      "{'a':1}", "{a:1}", "{\"a\":1,}", "{,}", "{\"a\":1,,\"b\":2}", "[1,]", "[,1]", "{\"a\":NaN}", "{\"a\":Infinity}",
      "{\"a\":-Infinity}", "{\"a\":+1}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":0x10}",
      "{\"a\":1e99999}", "{\"a\":-1e-99999}", "{\"a\":-}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}",
      "{\"a\":\"\\ud800\"}", "{\"a\":\"\ud800\"}", "{\"a\":\"\udc00x\"}", "{\"a\":\"\t\"}", "{\"a\":\"\u0001\"}",
      "{\"a\":\"\u0000\"}", "{\"a\":\"\u2028\u00e9\u65e5\ud83d\ude00\"}", "{\"a\":1}//c", "{\"a\":1}/*", "/*c*/{}",
      "#c\n{}", "\uFEFF{}", "{}\uFEFF", "{\"a\":1}\u0000", "\u0000", "{\"a\":[1,{\"b\":[true,false,null]}],\"c\":{}}",
      "{\"a\":{\"b\":{\"c\":[[[]]]}}}", "{\"path\": \"x", "{\"path\":\"f1\"}", "{\"a\":1,\"a\":2}", "{\"\":\"\"}",
      "{\"a\":tru}", "{\"a\":nulll}", "{\"a\":[1 2]}", "{\"a\":{\"b\"}}", "{\"a\":\"b\"\"c\":1}", "}", "]", ":", ",",
      "{\"a\":" + "9".repeat(1000) + "}", "{\"a\":" + "9".repeat(1001) + "}", "{\"a\":-" + "9".repeat(1000) + "}",
      "{\"a\":0." + "9".repeat(998) + "}", "{\"a\":0." + "9".repeat(1001) + "}", "{\"a\":1e" + "9".repeat(1000) + "}",
      "{\"a\":[9223372036854775808,-9223372036854775809,2147483648,1" + "0".repeat(30) + "]}",
      "[" + "9".repeat(1001) + "]", "{\"" + "k".repeat(50_000) + "\":1}", "{\"" + "k".repeat(50_001) + "\":1}");

  @Test
  void fixedCorpus_isJudgedAsByTheTreeCheck() {
    Tally t = new Tally();
    for (String s : CORPUS) {
      t.check(s);
      t.check(" " + s + " ");
      t.check("{\"wrapped\":" + s + "}");
      t.check("[" + s + "]");
    }
    assertTrue(t.objects > 20 && t.notObjects > 20 && t.invalid > 100,
        "objects=" + t.objects + " notObjects=" + t.notObjects + " invalid=" + t.invalid);
    assertTrue(t.messages.size() > 25, "distinct messages: " + t.messages);
  }

  @Test
  void deepNesting_isJudgedAsByTheTreeCheck() {
    Tally t = new Tally();
    for (int depth : new int[] {998, 999, 1000, 1001, 1002, 5000}) {
      t.check("[".repeat(depth) + "]".repeat(depth));
      t.check("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
      t.check("{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
      t.check("{\"a\":" + "[{\"b\":".repeat(depth / 2) + "1" + "}]".repeat(depth / 2) + "}");
      t.check("{\"a\":" + "[".repeat(depth));
    }
    assertTrue(t.objects > 3 && t.notObjects > 1 && t.invalid > 5,
        "objects=" + t.objects + " notObjects=" + t.notObjects + " invalid=" + t.invalid);
  }

  @Test
  void everyPrefixAndRandomMutations_areJudgedAsByTheTreeCheck() {
    Tally t = new Tally();
    List<String> valid = List.of("{\"path\":\"f1\"}", "{\"a\":[1,-2.5e3,{\"b\":[true,false,null]}],\"c\":{},\"d\":\"\\u00e9\\n\"}",
        " { \"q\" : \"\u65e5\ud83d\ude00\" , \"n\" : 12345678901234567890 } ", "[{\"a\":1}]", "\"s\"", "-12.5E+3");
    for (String s : valid) {
      for (int end = 0; end <= s.length(); end++) {
        t.check(s.substring(0, end));
      }
    }
    Random r = new Random(11);
    String alphabet = "{}[],:\"\\ 0123456789.eE-+tfnulax\u0000\u00e9\ud83d";
    for (int i = 0; i < 30_000; i++) {
      StringBuilder b = new StringBuilder(valid.get(r.nextInt(valid.size())));
      for (int k = 1 + r.nextInt(3); k > 0 && b.length() > 0; k--) {
        int at = r.nextInt(b.length());
        switch (r.nextInt(3)) {
          case 0 -> b.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
          case 1 -> b.deleteCharAt(at);
          default -> b.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
        }
      }
      t.check(b.toString());
    }
    assertTrue(t.objects > 1000 && t.notObjects > 100 && t.invalid > 10_000,
        "objects=" + t.objects + " notObjects=" + t.notObjects + " invalid=" + t.invalid);
  }

  @Test
  void stringsLongerThanTheParsersLimit_areJudgedAlike() {
    Tally t = new Tally();
    int max = StreamReadConstraints.defaults().getMaxStringLength();
    List<String> inputs = new ArrayList<>();
    for (int len : new int[] {max, max + 1}) {
      String big = "a".repeat(len);
      inputs.add("{\"a\":\"" + big + "\"}");
      inputs.add("[\"" + big + "\"]");
    }
    for (String s : inputs) {
      t.check(s);
    }
    assertTrue(t.objects == 1 && t.notObjects == 1 && t.invalid == 2,
        "objects=" + t.objects + " notObjects=" + t.notObjects + " invalid=" + t.invalid);
  }
}
