package dev.lockstep.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.machine.Event;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  @Test
  void everyEventKind_roundTripsExactly() throws Exception {
    Random r = new Random(20261124);
    Set<Class<?>> seen = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      Event e = TestEvents.any(r, i);
      byte[] bytes = EventCodec.encode(e);
      Event back = EventCodec.decode(bytes);
      assertEquals(e, back, () -> "round trip of " + new String(bytes, StandardCharsets.UTF_8));
      // Encoding is deterministic: recovery may compare bytes as well as values.
      assertEquals(new String(bytes, StandardCharsets.UTF_8), new String(EventCodec.encode(back), StandardCharsets.UTF_8));
      seen.add(e.getClass());
    }
    assertEquals(Set.of(Event.class.getPermittedSubclasses()), seen, "every event kind was exercised");
  }

  @Test
  void payloadCarriesVersionAndTraceTypeNames() {
    String json = new String(EventCodec.encode(new Event.UserPrompt("hi")), StandardCharsets.UTF_8);
    assertEquals("{\"v\":1,\"type\":\"user\",\"text\":\"hi\"}", json);
  }

  @Test
  void newerVersionOrUnknownType_isAClearError() {
    EventCodecException v = assertThrows(EventCodecException.class,
        () -> EventCodec.decode("{\"v\":2,\"type\":\"user\",\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(v.getMessage().contains("version 2"), v.getMessage());
    EventCodecException t = assertThrows(EventCodecException.class,
        () -> EventCodec.decode("{\"v\":1,\"type\":\"teleport\"}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(t.getMessage().contains("teleport"), t.getMessage());
    EventCodecException f = assertThrows(EventCodecException.class,
        () -> EventCodec.decode("{\"v\":1,\"type\":\"tool_result\",\"id\":\"a\",\"ref\":\"raw\",\"output\":1,\"error\":false}"
            .getBytes(StandardCharsets.UTF_8)));
    assertTrue(f.getMessage().contains("'output'"), f.getMessage());
  }

  @Test
  void mutatedPayloads_failOnlyWithCodecException() {
    // Recovery must never see an exception from deep inside the parser: any garbage is an EventCodecException.
    Random r = new Random(7);
    int decoded = 0;
    int refused = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] b = EventCodec.encode(TestEvents.any(r, i));
      int flips = 1 + r.nextInt(3);
      for (int k = 0; k < flips; k++) {
        int at = r.nextInt(b.length);
        b[at] = r.nextInt(3) == 0 ? (byte) r.nextInt(256) : (byte) (b[at] ^ (1 << r.nextInt(8)));
      }
      if (r.nextInt(5) == 0) {
        b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
      }
      try {
        EventCodec.decode(b);
        decoded++;
      } catch (EventCodecException e) {
        refused++;
      } catch (RuntimeException e) {
        fail("decode threw " + e + " for " + new String(b, StandardCharsets.ISO_8859_1));
      }
    }
    assertTrue(refused > 1000 && decoded > 100, "both branches exercised: refused=" + refused + " decoded=" + decoded);
  }
}
