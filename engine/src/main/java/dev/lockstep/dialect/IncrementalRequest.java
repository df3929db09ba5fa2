package dev.lockstep.dialect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.dialect.ElementwiseDialect.MessageProjector;
import dev.lockstep.machine.Target;
import dev.lockstep.model.Message;
import io.vavr.collection.Iterator;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The serialized body of one turn request, built incrementally from the previous one (DESIGN
 * "Performance stance", rule V1): the committed transcript only grows by appending, and the projection
 * of a prefix is immutable, so the bytes of every message already projected are kept and only the new
 * messages are projected and serialized. A step then costs O(new messages) of projection plus emitting
 * the bytes, instead of rebuilding and serializing the whole history.
 *
 * <p>Guarantee: {@link #writeTo}, {@link #toByteArray()} and {@link #buffers()} produce exactly the
 * bytes of {@code Json.MAPPER.writeValueAsBytes(dialect.turnRequest(transcript, options, target))} for
 * the arguments of the {@link #next} call that made this value, whatever the previous value was.
 *
 * <p>When the previous value is reused: the dialect is an {@link ElementwiseDialect} ({@code
 * openai-chat} and {@code kimi} today), the dialect, options and target are equal to the previous
 * ones, and the previous transcript is a prefix of the new one (checked element by element: the same
 * object or an equal one — O(history) reference comparisons, no projection). Otherwise — compaction
 * replaced the prefix, the request is shorter (a summarizer request), the dialect, model or options
 * switched — it rebuilds from scratch. Dialects whose messages are not one element per message
 * (Anthropic and Bedrock merge tool results, Gemini, Mistral, DeepSeek, Responses) always take the
 * full projection; their bytes are still correct, only not incremental.
 *
 * <p>An immutable value: {@code next} never changes {@code this}, so a value may be kept, shared
 * between threads, and advanced more than once (the call-id mapping is forked in O(1), see {@link
 * WireIds#fork()}). Memory: about the size of the serialized body (one small byte array per message)
 * on top of the transcript it shares.
 *
 * <p>Wiring (not done here): a session keeps one value per session on the thread that builds requests
 * and replaces it on every {@code CallModel}; an HTTP client can send {@link #buffers()} without a copy
 * (e.g. {@code HttpRequest.BodyPublishers.ofByteArrays}) or {@link #writeTo} a socket stream.
 */
public final class IncrementalRequest {
  private static final byte[] NONE = new byte[0];
  private static final byte COMMA = ',';

  private final Option<Dialect> dialect;
  private final DialectOptions options;
  private final Option<Target> target;
  /** The transcript this body projects (shares structure with the caller's). */
  private final Vector<Message> transcript;
  /** The projector positioned after {@link #transcript}; none for a full (non-elementwise) body. */
  private final Option<MessageProjector> projector;
  /** Everything before the first element, e.g. {@code {"messages":[}; the whole body when not incremental. */
  private final byte[] head;
  /** Elements that do not come from the transcript (the system message), each starting with a comma. */
  private final byte[][] fixed;
  /** One element per transcript message, each starting with a comma. */
  private final Vector<byte[]> elements;
  /** Everything after the last element, e.g. {@code ],"tools":[…]}}. */
  private final byte[] tail;
  private final long length;
  private final int reused;

  private IncrementalRequest(Option<Dialect> dialect, DialectOptions options, Option<Target> target,
      Vector<Message> transcript, Option<MessageProjector> projector, byte[] head, byte[][] fixed,
      Vector<byte[]> elements, byte[] tail, long length, int reused) {
    this.dialect = dialect;
    this.options = options;
    this.target = target;
    this.transcript = transcript;
    this.projector = projector;
    this.head = head;
    this.fixed = fixed;
    this.elements = elements;
    this.tail = tail;
    this.length = length;
    this.reused = reused;
  }

  /** The starting point: nothing projected yet (its own body is empty). */
  public static IncrementalRequest empty() {
    return new IncrementalRequest(Option.none(), DialectOptions.defaults(), Option.none(), Vector.empty(),
        Option.none(), NONE, new byte[0][], Vector.empty(), NONE, 0, 0);
  }

  /**
   * The turn request body for {@code transcript}, reusing this value's bytes when its transcript is a
   * prefix of {@code transcript} under the same dialect, options and target.
   */
  public IncrementalRequest next(Dialect dialect, Vector<Message> transcript, DialectOptions options, Target target) {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(transcript, "transcript");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(target, "target");
    if (!(dialect instanceof ElementwiseDialect elementwise)) {
      byte[] whole = serialize(dialect.turnRequest(transcript, options, target), false);
      return new IncrementalRequest(Option.some(dialect), options, Option.some(target), transcript, Option.none(),
          whole, new byte[0][], Vector.empty(), NONE, whole.length, 0);
    }
    if (projector.isDefined() && sameKey(dialect, options, target) && isPrefixOf(this.transcript, transcript)) {
      return extend(transcript);
    }
    return rebuild(elementwise, transcript, options, target);
  }

  private boolean sameKey(Dialect d, DialectOptions o, Target t) {
    return this.dialect.get() == d && options.equals(o) && this.target.get().equals(t);
  }

  /** True when {@code prefix} is {@code whole}'s prefix, element by element (identity first, then equals). */
  static boolean isPrefixOf(Vector<Message> prefix, Vector<Message> whole) {
    if (prefix.size() > whole.size()) {
      return false;
    }
    Iterator<Message> a = prefix.iterator();
    Iterator<Message> b = whole.iterator();
    while (a.hasNext()) {
      Message x = a.next();
      Message y = b.next();
      if (x != y && !x.equals(y)) {
        return false;
      }
    }
    return true;
  }

  private IncrementalRequest extend(Vector<Message> longer) {
    int from = transcript.size();
    if (from == longer.size()) {
      return new IncrementalRequest(dialect, options, target, longer, projector, head, fixed, elements, tail, length, from);
    }
    MessageProjector p = projector.get().fork();
    Vector<byte[]> els = elements;
    long len = length;
    for (Message m : longer.drop(from)) {
      byte[] e = serialize(p.project(m), true);
      els = els.append(e);
      len += e.length;
    }
    if (elements.isEmpty() && fixed.length == 0) {
      len -= 1; // the first element loses its comma when written
    }
    return new IncrementalRequest(dialect, options, target, longer, Option.some(p), head, fixed, els, tail, len, from);
  }

  private static IncrementalRequest rebuild(ElementwiseDialect d, Vector<Message> transcript, DialectOptions options,
      Target target) {
    ObjectNode envelope = d.turnRequest(Vector.empty(), options, target);
    java.util.Iterator<String> names = envelope.fieldNames();
    String field = names.hasNext() ? names.next() : null;
    if (field == null || !(envelope.get(field) instanceof ArrayNode prefix)) {
      throw new IllegalStateException("dialect " + d.name() + " declares itself elementwise but its body does not "
          + "start with the message array");
    }
    ObjectNode shell = Json.NODES.objectNode();
    shell.putArray(field);
    byte[] open = serialize(shell, false); // {"messages":[]}
    byte[] head = java.util.Arrays.copyOf(open, open.length - 2);
    ObjectNode rest = envelope.deepCopy();
    rest.remove(field);
    byte[] restBytes = serialize(rest, false); // {} or {"tools":…}
    byte[] tail;
    if (restBytes.length == 2) {
      tail = "]}".getBytes(StandardCharsets.US_ASCII);
    } else {
      tail = new byte[restBytes.length + 1];
      tail[0] = ']';
      tail[1] = COMMA;
      System.arraycopy(restBytes, 1, tail, 2, restBytes.length - 1);
    }
    byte[][] fixed = new byte[prefix.size()][];
    long len = head.length + tail.length;
    for (int i = 0; i < fixed.length; i++) {
      fixed[i] = serialize(prefix.get(i), true);
      len += fixed[i].length;
    }
    if (fixed.length > 0) {
      len -= 1;
    }
    IncrementalRequest start = new IncrementalRequest(Option.some(d), options, Option.some(target), Vector.empty(),
        Option.some(d.projector(options, target)), head, fixed, Vector.empty(), tail, len, 0);
    return start.extend(transcript);
  }

  private static byte[] serialize(JsonNode node, boolean leadingComma) {
    try {
      if (!leadingComma) {
        return Json.MAPPER.writeValueAsBytes(node);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      out.write(COMMA);
      Json.MAPPER.writeValue(out, node);
      return out.toByteArray();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a projected JSON tree could not be serialized", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- the body ---------------------------------------------------------------------------------

  /** Length of the body in bytes. */
  public long length() {
    return length;
  }

  /** How many transcript messages were taken from the previous value instead of being projected. */
  public int reusedMessages() {
    return reused;
  }

  /** The transcript this body projects. */
  public Vector<Message> transcript() {
    return transcript;
  }

  /** Writes the body to {@code out} (does not flush or close it). */
  public void writeTo(OutputStream out) throws IOException {
    out.write(head);
    boolean first = true;
    for (byte[] e : fixed) {
      out.write(e, first ? 1 : 0, first ? e.length - 1 : e.length);
      first = false;
    }
    for (byte[] e : elements) {
      out.write(e, first ? 1 : 0, first ? e.length - 1 : e.length);
      first = false;
    }
    out.write(tail);
  }

  /** The body as read-only buffers over the kept bytes (no copy), in order. */
  public List<ByteBuffer> buffers() {
    List<ByteBuffer> out = new ArrayList<>(fixed.length + elements.size() + 2);
    out.add(ByteBuffer.wrap(head).asReadOnlyBuffer());
    boolean first = true;
    for (byte[] e : fixed) {
      out.add(ByteBuffer.wrap(e, first ? 1 : 0, first ? e.length - 1 : e.length).asReadOnlyBuffer());
      first = false;
    }
    for (byte[] e : elements) {
      out.add(ByteBuffer.wrap(e, first ? 1 : 0, first ? e.length - 1 : e.length).asReadOnlyBuffer());
      first = false;
    }
    if (tail.length > 0) {
      out.add(ByteBuffer.wrap(tail).asReadOnlyBuffer());
    }
    return out;
  }

  /** The body in one array (a copy). */
  public byte[] toByteArray() {
    if (length > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("body of " + length + " bytes does not fit in one array");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) length);
    try {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
