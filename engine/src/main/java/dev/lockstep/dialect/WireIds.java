package dev.lockstep.dialect;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import java.util.HexFormat;
import java.util.function.Predicate;

/**
 * The per-request mapping from session-unique call ids to the ids a provider accepts (rule P4).
 * Projector-side only: validators never use it.
 *
 * <p>Guarantees, for one projection of one transcript:
 * <ul>
 *   <li><b>Stable</b>: the wire id of a call depends only on its own id and the calls before it, so
 *       projecting a longer transcript (the next step) gives every earlier call the same wire id;
 *   <li><b>Injective</b>: two different call ids never get the same wire id (collisions of the
 *       preferred shape are resolved by re-hashing with a counter, in transcript order);
 *   <li><b>Consistent</b>: a result is given exactly the wire id its call got.
 * </ul>
 * An id that already has the provider's shape is kept verbatim, so a provider's own ids survive.
 *
 * <p>The mapping is held in persistent maps, so {@link #fork()} is O(1): incremental projection
 * ({@link IncrementalRequest}) keeps the mapping reached after a projected prefix and continues from a
 * fork of it for the next step, leaving the cached one untouched. An instance is not thread-safe; a
 * fork shares nothing mutable with its origin.
 */
public final class WireIds {

  /** How one provider shapes ids. */
  public interface Scheme {
    /** True when the provider accepts {@code id} as it is. */
    boolean accepts(String id);

    /** The replacement for an id the provider does not accept; {@code attempt} counts collisions. */
    String rewrite(String id, int attempt);
  }

  private final Scheme scheme;
  private HashMap<String, String> byCallId = HashMap.empty();
  private HashSet<String> taken = HashSet.empty();

  public WireIds(Scheme scheme) {
    this.scheme = scheme;
  }

  private WireIds(Scheme scheme, HashMap<String, String> byCallId, HashSet<String> taken) {
    this.scheme = scheme;
    this.byCallId = byCallId;
    this.taken = taken;
  }

  /** An independent copy of this mapping in O(1): assignments made on either are not seen by the other. */
  public WireIds fork() {
    return new WireIds(scheme, byCallId, taken);
  }

  /** The wire id of the call with session id {@code callId}, assigning one on first sight. */
  public String of(String callId) {
    String known = byCallId.get(callId).getOrNull();
    if (known != null) {
      return known;
    }
    String wire = scheme.accepts(callId) ? callId : scheme.rewrite(callId, 0);
    int attempt = 1;
    while (taken.contains(wire)) {
      wire = scheme.rewrite(callId, attempt++);
    }
    taken = taken.add(wire);
    byCallId = byCallId.put(callId, wire);
    return wire;
  }

  // ---- schemes -----------------------------------------------------------------------------------

  /** Ids of at most {@code max} characters matching {@code allowed}; others become {@code prefix + hash}. */
  public static Scheme bounded(int max, Predicate<String> allowed, String prefix) {
    return new Scheme() {
      @Override
      public boolean accepts(String id) {
        return !id.isEmpty() && id.length() <= max && allowed.test(id);
      }

      @Override
      public String rewrite(String id, int attempt) {
        String hash = hex(attempt == 0 ? id : id + "#" + attempt);
        return prefix + hash.substring(0, Math.min(hash.length(), max - prefix.length()));
      }
    };
  }

  /** Exactly {@code length} ASCII letters and digits (Mistral: 9). */
  public static Scheme alphanumeric(int length) {
    return new Scheme() {
      @Override
      public boolean accepts(String id) {
        return id.length() == length && id.chars().allMatch(WireIds::isAsciiAlnum);
      }

      @Override
      public String rewrite(String id, int attempt) {
        String b62 = base62(attempt == 0 ? id : id + "#" + attempt);
        return b62.substring(0, length);
      }
    };
  }

  /** Any non-empty id is kept (Kimi's native {@code Name:N}, DeepSeek). */
  public static Scheme verbatim() {
    return new Scheme() {
      @Override
      public boolean accepts(String id) {
        return !id.isEmpty();
      }

      @Override
      public String rewrite(String id, int attempt) {
        return (id.isEmpty() ? "call" : id) + "_" + (attempt + 2);
      }
    };
  }

  /** True for {@code [A-Za-z0-9_-]}. */
  public static boolean isIdChar(int c) {
    return isAsciiAlnum(c) || c == '_' || c == '-';
  }

  static boolean isAsciiAlnum(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static String hex(String s) {
    return HexFormat.of().formatHex(sha256(s));
  }

  private static final String DIGITS62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private static String base62(String s) {
    BigInteger n = new BigInteger(1, sha256(s));
    BigInteger base = BigInteger.valueOf(62);
    StringBuilder out = new StringBuilder();
    while (out.length() < 40) {
      BigInteger[] qr = n.divideAndRemainder(base);
      out.append(DIGITS62.charAt(qr[1].intValue()));
      n = qr[0];
    }
    return out.toString();
  }
}
