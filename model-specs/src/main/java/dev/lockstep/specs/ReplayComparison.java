package dev.lockstep.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Compares a replay output with a vector's {@code expect}, the way every port is judged.
 *
 * <ul>
 *   <li>Objects compare by key set and value (key order never matters); arrays by position; numbers
 *       by value.
 *   <li>A string that the reference wrote with a {@code [lockstep:<kind>]} marker (rule V6) matches any
 *       string that starts with the same marker: the wording after the marker is the port's own.
 *   <li>{@code rejected} entries compare by {@code event} index only, and {@code violations} by
 *       {@code rule} only: reasons and error texts are prose.
 * </ul>
 */
public final class ReplayComparison {
  private static final String MARKER_START = "[lockstep:";

  private ReplayComparison() {}

  /** Every difference, as {@code path: expected … got …}; empty when the output conforms. */
  public static List<String> differences(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    diff("$", normalize(expected), normalize(actual), out);
    return out;
  }

  /** The output with prose removed from {@code rejected} and {@code violations}. */
  public static JsonNode normalize(JsonNode output) {
    if (!(output instanceof ObjectNode o)) {
      return output;
    }
    ObjectNode copy = o.deepCopy();
    copy.set("rejected", keep(copy.get("rejected"), "event"));
    copy.set("violations", keep(copy.get("violations"), "rule"));
    return copy;
  }

  private static JsonNode keep(JsonNode list, String field) {
    if (list == null || !list.isArray()) {
      return list == null ? Json.NODES.arrayNode() : list;
    }
    ArrayNode out = Json.NODES.arrayNode();
    for (JsonNode e : list) {
      ObjectNode k = Json.NODES.objectNode();
      if (e.has(field)) {
        k.set(field, e.get(field));
      }
      out.add(k);
    }
    return out;
  }

  /** The marker of a synthetic text ({@code [lockstep:kind]}), or null. */
  static String markerOf(String s) {
    if (!s.startsWith(MARKER_START)) {
      return null;
    }
    int end = s.indexOf(']');
    return end < 0 ? null : s.substring(0, end + 1);
  }

  private static void diff(String path, JsonNode e, JsonNode a, List<String> out) {
    if (e == null || a == null) {
      if (e != a) {
        out.add(path + ": expected " + show(e) + ", got " + show(a));
      }
      return;
    }
    if (e.isTextual() && a.isTextual()) {
      String marker = markerOf(e.asText());
      boolean same = marker != null ? a.asText().startsWith(marker) : e.asText().equals(a.asText());
      if (!same) {
        out.add(path + ": expected " + show(e) + (marker != null ? " (up to the marker)" : "") + ", got " + show(a));
      }
      return;
    }
    if (e.isNumber() && a.isNumber()) {
      if (e.decimalValue().compareTo(a.decimalValue()) != 0) {
        out.add(path + ": expected " + e + ", got " + a);
      }
      return;
    }
    if (e.getNodeType() != a.getNodeType()) {
      out.add(path + ": expected " + show(e) + ", got " + show(a));
      return;
    }
    if (e.isArray()) {
      if (e.size() != a.size()) {
        out.add(path + ": expected " + e.size() + " elements, got " + a.size());
      }
      for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
        diff(path + "[" + i + "]", e.get(i), a.get(i), out);
      }
      return;
    }
    if (e.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      e.fieldNames().forEachRemaining(keys::add);
      a.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        String p = path + "." + k;
        if (!e.has(k)) {
          out.add(p + ": unexpected field, got " + show(a.get(k)));
        } else if (!a.has(k)) {
          out.add(p + ": missing, expected " + show(e.get(k)));
        } else {
          diff(p, e.get(k), a.get(k), out);
        }
      }
      return;
    }
    if (!e.equals(a)) {
      out.add(path + ": expected " + show(e) + ", got " + show(a));
    }
  }

  private static String show(JsonNode n) {
    if (n == null) {
      return "nothing";
    }
    String s = n.toString();
    return s.length() > 160 ? s.substring(0, 157) + "..." : s;
  }

}
