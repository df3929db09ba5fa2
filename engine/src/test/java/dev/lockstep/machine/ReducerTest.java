package dev.lockstep.machine;

import static dev.lockstep.machine.Drive.call;
import static dev.lockstep.machine.Drive.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.model.AssistantMessage;
import dev.lockstep.model.NoteMessage;
import dev.lockstep.model.Outcome;
import dev.lockstep.model.ToolResultMessage;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One test (at least) per DESIGN rule the reducer implements; names say the behaviour. */
class ReducerTest {

  private static List<String> shape(Drive d) {
    return Shapes.of(d.transcript());
  }

  @Nested
  class Pairing {
    @Test
    void p1_openStepNeverEntersTranscript_untilEverySlotIsAnswered() {
      Drive d = new Drive().user("go").calls(read("a"), read("b")).result("a", "A");
      assertEquals(List.of("user:go"), shape(d));
      assertEquals(Phase.AWAITING_TOOLS, d.state.phase());
      d.result("b", "B");
      assertEquals(List.of("user:go", "assistant[a,b]", "tool:a=COMPLETED", "tool:b=COMPLETED"), shape(d));
      assertEquals(Phase.AWAITING_MODEL, d.state.phase());
    }

    @Test
    void p1_resultsAreCommittedInCallOrder_whateverOrderTheyArrive() {
      Drive d = new Drive().user("go").calls(read("a"), read("b"), read("c"))
          .result("c", "C").result("a", "A").result("b", "B");
      assertEquals(List.of("user:go", "assistant[a,b,c]", "tool:a=COMPLETED", "tool:b=COMPLETED", "tool:c=COMPLETED"),
          shape(d));
      ToolResultMessage c = (ToolResultMessage) d.transcript().get(4);
      assertEquals("C", c.text());
    }

    @Test
    void p2_toolErrorIsFailed_andTheNextRequestCarriesIt() {
      Drive d = new Drive().user("go").calls(read("a")).failed("a", "ENOENT");
      assertEquals(List.of("user:go", "assistant[a]", "tool:a=FAILED"), shape(d));
      assertEquals(2, d.requests().size());
    }

    @Test
    void p2_invalidArguments_areRejectedWithoutRunning_andExplained() {
      Drive d = new Drive().user("go").calls(call("a", "Read", "{\"path\": \"x"), read("b"));
      assertEquals(1, d.runs().size());
      assertEquals("b", d.runs().get(0).call().id());
      d.result("b", "B");
      ToolResultMessage a = (ToolResultMessage) d.transcript().get(2);
      assertEquals(Outcome.REJECTED, a.outcome());
      assertTrue(a.text().startsWith("[lockstep:rejected] "), a.text());
      assertTrue(a.text().contains("not valid JSON"), a.text());
    }

    @Test
    void p2_argumentsThatAreJsonButNotAnObject_areRejected() {
      Drive d = new Drive().user("go").calls(call("a", "Read", "[1,2]"));
      assertEquals(0, d.runs().size());
      assertEquals(List.of("user:go", "assistant[a]", "tool:a=REJECTED"), shape(d));
      assertEquals(2, d.requests().size(), "nothing to run: the step seals at once and the turn goes on");
    }

    @Test
    void p2_replyCutByMaxTokens_withCalls_rejectsEveryCall() {
      Drive d = new Drive().user("go").on(new Event.ModelReply("", Option.none(), Option.none(),
          io.vavr.collection.Vector.of(read("a"), read("b")), Option.some(Finish.LENGTH), Option.none()));
      assertEquals(0, d.runs().size());
      assertEquals(List.of("user:go", "assistant[a,b]", "tool:a=REJECTED", "tool:b=REJECTED"), shape(d));
      assertTrue(((ToolResultMessage) d.transcript().get(2)).text().contains("finish: length"));
    }

    @Test
    void p2_unknownTool_isRejected_whenToolsAreDeclared() {
      Drive d = new Drive(SessionState.initial(new Target("openai-chat", ""),
          new Limits(10, Option.some(HashSet.of("Read")))))
          .user("go").calls(read("a"), call("b", "Delete", "{}"));
      assertEquals(1, d.runs().size());
      d.result("a", "A");
      assertEquals(List.of("user:go", "assistant[a,b]", "tool:a=COMPLETED", "tool:b=REJECTED"), shape(d));
    }

    @Test
    void p2_emptyToolName_isRejected() {
      Drive d = new Drive().user("go").calls(call("a", "", "{}"));
      assertEquals(List.of("user:go", "assistant[a]", "tool:a=REJECTED"), shape(d));
    }

    @Test
    void p3_unknownResult_isRejected_andNeverSpliced() {
      Drive d = new Drive().user("go").calls(read("a")).result("zzz", "?");
      assertTrue(d.lastRejected());
      assertTrue(d.last.rejection().get().reason().contains("unknown call id zzz"));
      assertEquals(List.of("user:go"), shape(d));
    }

    @Test
    void p3_duplicateResult_isRejected_andTheFirstWins() {
      Drive d = new Drive().user("go").calls(read("a"), read("b")).result("a", "first").result("a", "second");
      assertTrue(d.lastRejected());
      d.result("b", "B");
      assertEquals("first", ((ToolResultMessage) d.transcript().get(2)).text());
      d.result("a", "third");
      assertTrue(d.last.rejection().get().reason().startsWith("duplicate"));
    }

    @Test
    void p3_lateResultAfterInterrupt_becomesANote_atTheNextStepBoundary() {
      Drive d = new Drive().user("go").calls(read("a")).started("a").interrupt();
      assertEquals(List.of("user:go", "assistant[a]", "tool:a=UNKNOWN"), shape(d));
      d.result("a", "the real output");
      assertFalse(d.lastRejected());
      assertEquals(1, d.state.pendingNotes());
      d.user("next");
      assertEquals(List.of("user:go", "assistant[a]", "tool:a=UNKNOWN", "note:late-result", "user:next"), shape(d));
      NoteMessage note = (NoteMessage) d.transcript().get(3);
      assertTrue(note.text().startsWith("[lockstep:late-result] "));
      assertTrue(note.text().contains("the real output"));
      d.result("a", "again");
      assertTrue(d.lastRejected(), "a second late result is a duplicate");
    }

    @Test
    void p3_lateResultDuringALaterStep_entersAfterThatStepSeals() {
      Drive d = new Drive().user("go").calls(read("a")).interrupt()
          .user("again").calls(read("b")).result("a", "late A");
      assertEquals(List.of("user:go", "assistant[a]", "tool:a=INTERRUPTED", "user:again"), shape(d));
      d.result("b", "B");
      assertEquals(List.of("user:go", "assistant[a]", "tool:a=INTERRUPTED", "user:again", "assistant[b]",
          "tool:b=COMPLETED", "note:late-result"), shape(d));
    }

    @Test
    void p3_lateNoteWhenTheTurnEnds_buysOneMoreRequest() {
      Drive d = new Drive().user("go").calls(read("a")).interrupt().user("again").result("a", "late");
      int before = d.requests().size();
      d.reply("done");
      assertEquals(before + 1, d.requests().size());
      assertEquals(List.of("user:go", "assistant[a]", "tool:a=INTERRUPTED", "user:again", "assistant:done",
          "note:late-result"), shape(d));
    }

    @Test
    void p4_duplicateIdsInOneReply_areDisambiguated_andResultsAddressTheEarliestOpenSlot() {
      Drive d = new Drive().user("go").calls(read("Read:1"), read("Read:1"));
      assertEquals(List.of("Read:1", "Read:2"), d.runs().map(r -> r.call().id()).toList());
      d.result("Read:1", "first").result("Read:1", "second");
      assertEquals(List.of("user:go", "assistant[Read:1,Read:2]", "tool:Read:1=COMPLETED", "tool:Read:2=COMPLETED"),
          shape(d));
      assertEquals("second", ((ToolResultMessage) d.transcript().get(3)).text());
    }

    @Test
    void p4_idReusedInALaterTurn_getsAFreshIdThatKeepsTheKimiShape() {
      Drive d = new Drive().user("one").calls(read("Read:0")).result("Read:0", "x").reply("ok")
          .user("two").calls(read("Read:0")).result("Read:0", "y");
      assertEquals(List.of("user:one", "assistant[Read:0]", "tool:Read:0=COMPLETED", "assistant:ok", "user:two",
          "assistant[Read:1]", "tool:Read:1=COMPLETED"), shape(d));
      AssistantMessage second = (AssistantMessage) d.transcript().get(5);
      assertEquals("Read:0", second.calls().get(0).rawId());
    }

    @Test
    void p4_idsReusedEveryTurn_keepGettingTheSmallestFreeCounter_withoutRescanning() {
      Drive d = new Drive();
      for (int turn = 0; turn < 50; turn++) {
        d.user("t" + turn).calls(read("Read:0")).result("Read:0", "x").reply("ok");
      }
      assertEquals("Read:49", ((AssistantMessage) d.transcript().get(4 * 49 + 1)).calls().get(0).id());
      assertEquals(Option.some(49L), d.state.idCursors().get("Read:0"));
      d.user("one more turn");
      assertEquals(Option.some(49L), d.state.idCursors().get("Read:0"), "the cursor survives a new turn");
      HashSet<String> used = HashSet.of("x", "x_2", "x_3");
      assertEquals("x_4", Reducer.uniqueId(used, io.vavr.collection.HashMap.of("x", 3L), "x")._1);
      assertEquals("x_4", Reducer.uniqueId(used, "x"), "with or without the cursor: the same id");
    }

    @Test
    void p4_reusedPlainIds_getASuffix() {
      assertEquals("call_2", Reducer.uniqueId(HashSet.of("call"), "call"));
      assertEquals("x_3", Reducer.uniqueId(HashSet.of("x", "x_2"), "x"));
      assertEquals("call_2", Reducer.uniqueId(HashSet.empty(), ""));
    }
  }

  @Nested
  class Steering {
    @Test
    void s1_steerDuringOpenStep_waitsForTheSeal() {
      Drive d = new Drive().user("Resume").calls(read("Read:158")).started("Read:158").background("task done");
      assertEquals(List.of("user:Resume"), shape(d));
      assertEquals(1, d.state.deferredSteers());
      d.result("Read:158", "contents");
      assertEquals(List.of("user:Resume", "assistant[Read:158]", "tool:Read:158=COMPLETED", "steer:task done"), shape(d));
      assertEquals(0, d.state.deferredSteers());
      assertEquals(2, d.requests().size());
    }

    @Test
    void s1_steerWhileModelRequestInFlight_waitsForTheReplyAndItsTools() {
      Drive d = new Drive().user("go").steer("also check tests").calls(read("a"));
      assertEquals(List.of("user:go"), shape(d));
      d.result("a", "A");
      assertEquals(List.of("user:go", "assistant[a]", "tool:a=COMPLETED", "steer:also check tests"), shape(d));
    }

    @Test
    void s1_severalSteers_enterInArrivalOrder_exactlyOnce() {
      Drive d = new Drive().user("go").calls(read("a")).steer("s1").background("s2").steer("s3").result("a", "A");
      assertEquals(List.of("user:go", "assistant[a]", "tool:a=COMPLETED", "steer:s1", "steer:s2", "steer:s3"), shape(d));
      d.reply("done");
      assertEquals(1, shape(d).count(s -> s.equals("steer:s2")));
    }

    @Test
    void s2_turnEndingWithWaitingSteers_sendsOneMoreRequestInTheSameTurn() {
      Drive d = new Drive().user("go").steer("wait, also X");
      assertEquals(1, d.requests().size());
      d.reply("done with go");
      assertEquals(2, d.requests().size());
      assertEquals(Phase.AWAITING_MODEL, d.state.phase());
      assertEquals(1, d.state.turns());
      assertEquals(List.of("user:go", "assistant:done with go", "steer:wait, also X"), shape(d));
    }

    @Test
    void s2_interruptKeepsWaitingSteersAndPrompts_theyEnterAheadOfTheNextInput() {
      Drive d = new Drive().user("go").calls(read("a")).steer("s1").user("p1").steer("s2").interrupt();
      assertEquals(Phase.IDLE, d.state.phase());
      assertEquals(2, d.state.deferredSteers());
      assertEquals(1, d.state.queuedPrompts());
      int requests = d.requests().size();
      assertEquals(1, requests, "an interrupt sends nothing more");
      d.user("p2");
      assertEquals(List.of("user:go", "assistant[a]", "tool:a=INTERRUPTED", "steer:s1", "user:p1", "steer:s2", "user:p2"),
          shape(d));
      assertEquals(2, d.requests().size());
    }

    @Test
    void s2_modelFailureKeepsWaitingSteers() {
      Drive d = new Drive().user("go").steer("s1").error(500, "overloaded");
      assertEquals(Phase.IDLE, d.state.phase());
      assertEquals(1, d.state.deferredSteers());
      d.steer("s2");
      assertEquals(List.of("user:go", "steer:s1", "steer:s2"), shape(d));
    }

    @Test
    void s2_steerWhenIdle_startsATurnLikeAPrompt() {
      Drive d = new Drive().steer("hello");
      assertEquals(Phase.AWAITING_MODEL, d.state.phase());
      assertEquals(List.of("steer:hello"), shape(d));
    }

    @Test
    void promptMidTurn_isQueuedForTheNextTurn_whichStartsWhenThisOneEnds() {
      Drive d = new Drive().user("go").calls(read("a")).user("next task").result("a", "A");
      assertEquals(List.of("user:go", "assistant[a]", "tool:a=COMPLETED"), shape(d), "a prompt is not a steer");
      assertEquals(1, d.state.queuedPrompts());
      d.reply("done");
      assertEquals(2, d.state.turns());
      assertEquals(List.of("user:go", "assistant[a]", "tool:a=COMPLETED", "assistant:done", "user:next task"), shape(d));
      assertEquals(Phase.AWAITING_MODEL, d.state.phase());
    }

    @Test
    void s3_replyToAnInterruptedRequest_isStale() {
      Drive d = new Drive().user("go").interrupt().user("again");
      d.on(new Event.ModelReply("old", Option.none(), Option.none(), io.vavr.collection.Vector.empty(),
          Option.none(), Option.some(0L)));
      assertTrue(d.last.rejection().get().reason().startsWith("stale"));
      d.reply("fresh");
      assertEquals(List.of("user:go", "user:again", "assistant:fresh"), shape(d));
    }

    @Test
    void s3_replyWithNothingInFlight_isRejected() {
      Drive d = new Drive().reply("hello?");
      assertTrue(d.lastRejected());
      d = new Drive().error(500, "x");
      assertTrue(d.lastRejected());
    }

    @Test
    void s4_vacuousReply_isNotCommitted_andEndsTheTurn() {
      Drive d = new Drive().user("go").on(new Event.ModelReply("  ", Option.some("thinking..."), Option.none(),
          io.vavr.collection.Vector.empty(), Option.none(), Option.none()));
      assertEquals(List.of("user:go"), shape(d));
      assertEquals(Phase.IDLE, d.state.phase());
    }

    @Test
    void s4_finishLengthWithoutCalls_commitsTheTextAsIs() {
      Drive d = new Drive().user("go").on(new Event.ModelReply("partial answ", Option.none(), Option.none(),
          io.vavr.collection.Vector.empty(), Option.some(Finish.LENGTH), Option.none()));
      assertEquals(List.of("user:go", "assistant:partial answ"), shape(d));
    }

    @Test
    void s4_toolStartedNamingARawId_addressesTheEarliestNotYetStartedSlot() {
      Drive d = new Drive().user("go").calls(read("x"), read("x")).started("x").started("x").interrupt();
      assertEquals(List.of("user:go", "assistant[x,x_2]", "tool:x=UNKNOWN", "tool:x_2=UNKNOWN"), shape(d));
    }

    @Test
    void s5_stepLimit_endsTheTurnWithAMarkedNote() {
      Drive d = new Drive(SessionState.initial(new Target("openai-chat", ""), new Limits(2, Option.none())))
          .user("go").calls(read("a")).result("a", "A").calls(read("b")).result("b", "B");
      assertEquals(Phase.IDLE, d.state.phase());
      assertEquals(2, d.requests().size());
      NoteMessage note = (NoteMessage) d.transcript().last();
      assertTrue(note.text().startsWith("[lockstep:step-limit] "));
    }

    @Test
    void modelError_endsTheTurn_andTheSessionStaysUsable() {
      Drive d = new Drive().user("go").error(400, "bad").user("retry");
      assertEquals(Phase.AWAITING_MODEL, d.state.phase());
      d.reply("ok");
      assertEquals(List.of("user:go", "user:retry", "assistant:ok"), shape(d));
    }
  }

  @Nested
  class Interrupts {
    @Test
    void interrupt_sealsEveryOpenSlot_interruptedIfNeverStarted_unknownIfStarted() {
      Drive d = new Drive().user("go").calls(read("a"), read("b"), read("c")).started("a").result("c", "C").interrupt();
      assertEquals(List.of("user:go", "assistant[a,b,c]", "tool:a=UNKNOWN", "tool:b=INTERRUPTED", "tool:c=COMPLETED"),
          shape(d));
      assertEquals(Phase.IDLE, d.state.phase());
      long cancels = d.effects.stream().filter(e -> e instanceof Effect.CancelTool).count();
      assertEquals(2, cancels);
      ToolResultMessage unknown = (ToolResultMessage) d.transcript().get(2);
      assertTrue(unknown.text().startsWith("[lockstep:unknown] "));
      assertFalse(unknown.text().toLowerCase().contains("success"));
    }

    @Test
    void interruptWhenIdle_isRejected() {
      assertTrue(new Drive().interrupt().lastRejected());
    }

    @Test
    void toolStartedAfterInterrupt_isRejected_soTheToolNeverRuns() {
      Drive d = new Drive().user("go").calls(read("a")).interrupt().started("a");
      assertTrue(d.last.rejection().get().reason().contains("must not run"));
    }

    @Test
    void recovered_sealsOpenSlots_endsTheTurn_andIsIdempotent() {
      Drive d = new Drive().user("go").calls(read("a"), read("b")).started("a").steer("s").on(new Event.Recovered());
      assertEquals(List.of("user:go", "assistant[a,b]", "tool:a=UNKNOWN", "tool:b=INTERRUPTED"), shape(d));
      assertEquals(1, d.state.deferredSteers(), "D4: waiting steers survive recovery");
      SessionState once = d.state;
      d.on(new Event.Recovered());
      assertEquals(once, d.state, "a second Recovered changes nothing");
      assertTrue(d.requests().size() == 1, "recovery never re-sends a request");
    }
  }

  @Nested
  class Compactions {
    @Test
    void c1_compactionRequestedMidStep_cutsAtTheLastSealedBoundary_andTheTurnGoesOn() {
      Drive d = new Drive().user("one").calls(read("a")).result("a", "A").calls(read("b")).compact();
      Effect.Summarize s = (Effect.Summarize) d.last.effects().get(0);
      assertEquals(3, s.prefix().size(), "prefix = user + sealed step 1; the open step is not in it");
      assertTrue(s.instruction().startsWith("[lockstep:compact] "));
      d.steer("meanwhile").result("b", "B");
      assertEquals(Phase.AWAITING_MODEL, d.state.phase(), "C2: the turn did not stop");
      d.compactionDone("did A and B");
      assertEquals(List.of("summary", "assistant[b]", "tool:b=COMPLETED", "steer:meanwhile"), shape(d));
    }

    @Test
    void c3_failedCompaction_leavesTheTranscriptUnchanged() {
      Drive d = new Drive().user("one").reply("ok").compact();
      var before = d.transcript();
      d.compactionFailed();
      assertEquals(before, d.transcript());
      assertFalse(d.state.compacting());
    }

    @Test
    void c3_blankSummary_isAFailedCompaction() {
      Drive d = new Drive().user("one").reply("ok").compact().compactionDone("   ");
      assertEquals(List.of("user:one", "assistant:ok"), shape(d));
      assertFalse(d.state.compacting());
    }

    @Test
    void c4_compactOnEmptyTranscript_orWhileOneRuns_isRejected() {
      assertTrue(new Drive().compact().lastRejected());
      Drive d = new Drive().user("x").compact();
      assertFalse(d.lastRejected());
      assertTrue(d.compact().lastRejected());
      assertTrue(new Drive().compactionDone("s").lastRejected());
      assertTrue(new Drive().compactionFailed().lastRejected());
    }

    @Test
    void c4_summaryIsMarked_andReplacesExactlyThePrefix() {
      Drive d = new Drive().user("one").reply("r1").compact().user("two").reply("r2").compactionDone("S");
      assertEquals(List.of("summary", "user:two", "assistant:r2"), shape(d));
      assertTrue(d.transcript().get(0).text().startsWith("[lockstep:summary] "));
    }

    @Test
    void compactionBlockedByTheValidator_isAFailedCompaction() {
      Drive d = new Drive().user("one").reply("r1").compact();
      long req = ((Effect.Summarize) d.last.effects().get(0)).request();
      d.on(new Event.RequestBlocked(req, "bad"));
      assertFalse(d.state.compacting());
      assertEquals(List.of("user:one", "assistant:r1"), shape(d));
    }
  }

  @Test
  void requestIdsCountTurnAndCompactionRequests() {
    Drive d = new Drive().user("one").compact();
    assertEquals(0L, d.requests().get(0).request());
    assertEquals(1L, ((Effect.Summarize) d.last.effects().get(0)).request());
    d.reply("r");
    assertTrue(d.state.turn().isEmpty());
    d.user("two");
    assertEquals(2L, d.requests().get(1).request());
  }

  @Test
  void switch_changesTheTargetAndTheProvenanceOfLaterReplies() {
    Drive d = new Drive().on(new Event.Switch(Option.some("kimi"), Option.some("kimi-k2"))).user("go").reply("hi");
    AssistantMessage a = (AssistantMessage) d.transcript().get(1);
    assertEquals("kimi", a.provenance().dialect());
    assertEquals("kimi-k2", a.provenance().model());
    assertTrue(new Drive().on(new Event.Switch(Option.none(), Option.none())).lastRejected());
  }

  @Test
  void switchWhileARequestIsInFlight_theReplyKeepsTheProvenanceOfItsRequest() {
    Drive d = new Drive(SessionState.initial(new Target("anthropic", "claude-a"))).user("go")
        .on(new Event.Switch(Option.none(), Option.some("claude-b"))).reply("hi");
    AssistantMessage a = (AssistantMessage) d.transcript().get(1);
    assertEquals("claude-a", a.provenance().model(), "signed reasoning of claude-a must not be labelled claude-b");
    d.user("again").reply("there");
    assertEquals("claude-b", ((AssistantMessage) d.transcript().get(3)).provenance().model());
  }

  @Test
  void decideIsDeterministic_sameStateAndEventGiveEqualDecisions() {
    Drive d = new Drive().user("go").calls(read("a"), read("b")).steer("s");
    Event e = new Event.ToolResult(new CallRef.Raw("a"), "A", false);
    assertEquals(Reducer.decide(d.state, e), Reducer.decide(d.state, e));
  }
}
