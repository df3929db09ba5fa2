package dev.lockstep.specs.vectors;

import static dev.lockstep.specs.vectors.Filler.call;

import dev.lockstep.specs.vectors.Filler.Call;
import java.util.List;

/**
 * Every hand-written conformance case, grouped as in {@code model-specs/RULES.md}. The reference model
 * fills in the expected outputs ({@link VectorGenerator}); these methods only say what happens.
 */
public final class Fillers {
  private Fillers() {}

  private static final String ARGS = "{\"path\":\"a.txt\"}";
  private static final Call READ1 = call("Read:1", "Read", ARGS);
  private static final Call GREP2 = call("Grep:2", "Grep", "{\"pattern\":\"TODO\"}");

  public static List<Filler> all() {
    return List.of(
        // ---- pairing: P1..P5 -------------------------------------------------------------------
        Filler.of("pairing", "p1-single-call-sealed",
                "A reply with one call enters the transcript only with its result, then the next request goes out.", "P1")
            .everyDialect()
            .user("read a.txt").calls(READ1).result("Read:1", "hello").reply("a.txt says hello"),
        Filler.of("pairing", "p1-parallel-results-out-of-order",
                "Results of parallel calls arrive in reverse order; the transcript holds them in call order.", "P1")
            .everyDialect()
            .user("look around").calls(READ1, GREP2).result("Grep:2", "3 hits").result("Read:1", "hello").reply("done"),
        Filler.of("pairing", "p1-no-request-while-a-slot-is-open",
                "One of two results arrived: nothing is committed and no request is sent while a slot is open.", "P1", "S1")
            .user("look around").calls(READ1, GREP2).result("Read:1", "hello"),
        Filler.of("pairing", "p2-invalid-json-arguments-rejected",
                "Unparseable arguments: the call is REJECTED without running and the next request is sent at once.", "P2", "S4", "V4")
            .everyDialect()
            .user("read").calls(call("Read:1", "Read", "{\"path\": \"a.t")).reply("sorry, retrying later"),
        Filler.of("pairing", "p2-non-object-arguments-rejected",
                "Arguments that parse but are not an object are REJECTED.", "P2", "S4", "V4")
            .user("read").calls(call("Read:1", "Read", "[1,2]")).reply("ok"),
        Filler.of("pairing", "p2-finish-length-rejects-every-call",
                "A reply cut by max_tokens: even calls whose arguments parse are REJECTED.", "P2", "S4")
            .user("read both").callsCut(READ1, call("Grep:2", "Grep", "{\"pattern\":\"TO")).reply("I was cut off"),
        Filler.of("pairing", "p2-valid-and-invalid-in-one-reply",
                "Only the valid call runs; the invalid one is sealed REJECTED at once; one result seals the step.", "P2", "V4")
            .user("two things").calls(READ1, call("Grep:2", "Grep", "not json")).result("Read:1", "hello").reply("done"),
        Filler.of("pairing", "p2-interrupt-before-start-is-interrupted",
                "Interrupting a call that never started seals it INTERRUPTED; the next prompt gets a valid request.", "P2", "S2")
            .everyDialect()
            .user("read").calls(READ1).interrupt().user("never mind, say hi").reply("hi"),
        Filler.of("pairing", "p2-interrupt-after-start-is-unknown",
                "Interrupting a call that started seals it UNKNOWN (its effect may have happened).", "P2", "D1")
            .user("deploy").calls(call("Bash:1", "Bash", "{\"cmd\":\"make deploy\"}")).started("Bash:1").interrupt()
            .user("status?").reply("unclear"),
        Filler.of("pairing", "p2-interrupt-mixed-outcomes",
                "Three calls: one answered, one running, one waiting: COMPLETED, UNKNOWN and INTERRUPTED.", "P2")
            .user("three").calls(READ1, GREP2, call("Bash:3", "Bash", "{\"cmd\":\"ls\"}"))
            .started("Read:1").result("Read:1", "hello").started("Grep:2").interrupt(),
        Filler.of("pairing", "p2-tool-error-is-failed",
                "A tool that fails yields a FAILED result carrying the tool's own text.", "P2")
            .user("read").calls(READ1).failed("Read:1", "ENOENT: no such file").reply("the file is missing"),
        Filler.of("pairing", "p2-undeclared-tool-rejected",
                "A call to a tool the session did not declare is REJECTED.", "P2", "S4")
            .tools("Read").user("write").calls(call("Write:1", "Write", "{\"path\":\"x\"}")).reply("cannot write"),
        Filler.of("pairing", "p2-nameless-call-rejected",
                "A call with no tool name is REJECTED; the wire shows a placeholder name.", "P2", "V4")
            .user("?").calls(call("x1", "", "{}")).reply("ok"),
        Filler.of("pairing", "p3-unknown-result-rejected",
                "A result for a call id nobody issued is rejected and never enters the transcript.", "P3")
            .user("read").calls(READ1).result("Nope:9", "stray").result("Read:1", "hello").reply("done"),
        Filler.of("pairing", "p3-duplicate-result-after-seal-rejected",
                "A second result for an answered call is recorded as rejected and ignored.", "P3")
            .user("read").calls(READ1).result("Read:1", "hello").result("Read:1", "hello again").reply("done"),
        Filler.of("pairing", "p3-duplicate-result-inside-open-step-rejected",
                "A duplicate result while the step is still open does not overwrite the first.", "P3")
            .user("two").calls(READ1, GREP2).result("Read:1", "first").result("Read:1", "second").result("Grep:2", "hits")
            .reply("done"),
        Filler.of("pairing", "p3-late-result-after-interrupt-noted",
                "A real result after an interrupt sealed its call becomes a marked note ahead of the next prompt.", "P3", "S2", "V6")
            .everyDialect()
            .user("build").calls(call("Bash:1", "Bash", "{\"cmd\":\"make\"}")).started("Bash:1").interrupt()
            .result("Bash:1", "build ok").user("what happened?").reply("the build finished after all"),
        Filler.of("pairing", "p3-late-result-during-next-turn",
                "A late result that arrives mid-turn waits for the next step boundary, like a steer.", "P3", "S1")
            .user("build").calls(call("Bash:1", "Bash", "{\"cmd\":\"make\"}")).started("Bash:1").interrupt()
            .user("read instead").result("Bash:1", "build ok").calls(READ1).result("Read:1", "hello").reply("done"),
        Filler.of("pairing", "p3-second-late-result-rejected",
                "Only the first late result is noted; a repeat is rejected.", "P3")
            .user("build").calls(call("Bash:1", "Bash", "{}")).started("Bash:1").interrupt()
            .result("Bash:1", "ok").result("Bash:1", "ok"),
        Filler.of("pairing", "p4-duplicate-ids-in-one-reply",
                "Two calls share a raw id: they get distinct ids; results by raw id fill the earliest open slot.", "P4", "S4")
            .everyDialect()
            .user("two reads").calls(call("Read:1", "Read", ARGS), call("Read:1", "Read", "{\"path\":\"b.txt\"}"))
            .result("Read:1", "from a").result("Read:1", "from b").reply("both read"),
        Filler.of("pairing", "p4-id-reused-across-turns",
                "A provider reuses call_0 every step: later uses get _2, _3 internally and on the wire.", "P4")
            .everyDialect()
            .user("go").calls(call("call_0", "Read", ARGS)).result("call_0", "one")
            .calls(call("call_0", "Read", ARGS)).result("call_0", "two").reply("done")
            .user("again").calls(call("call_0", "Read", ARGS)).result("call_0", "three").reply("done again"),
        Filler.of("pairing", "p4-kimi-counter-ids-stay-counters",
                "A reused Name:N id gets the next free counter, so Kimi can still read the tool name from it.", "P4")
            .dialect("kimi").model("kimi-for-coding")
            .user("go").calls(READ1).result("Read:1", "one")
            .calls(READ1, call("Read:2", "Read", ARGS)).result("Read:1", "two").result("Read:2", "three").reply("done"),
        Filler.of("pairing", "p4-long-id-mapped-on-openai",
                "An id longer than OpenAI's 40 characters is mapped at the boundary, the same way for call and result.", "P4")
            .everyDialect()
            .user("go").calls(call("toolu_0123456789abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJ", "Read", ARGS))
            .result("toolu_0123456789abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJ", "hello").reply("done"),
        Filler.of("pairing", "p4-empty-id",
                "A call with an empty id gets an internal id; results name it by the empty raw id.", "P4")
            .user("go").calls(call("", "Read", ARGS)).result("", "hello").reply("done"),
        Filler.of("pairing", "p5-start-after-interrupt-rejected",
                "tool_started for a call already sealed INTERRUPTED is rejected: the tool must not run.", "P5", "D1")
            .user("go").calls(READ1).interrupt().started("Read:1"),
        Filler.of("pairing", "p5-start-twice-rejected",
                "A second tool_started for the same call is rejected; unknown ids too.", "P5")
            .user("go").calls(READ1).started("Read:1").started("Read:1").started("Nope:3").result("Read:1", "hello")
            .reply("done"),

        // ---- steering: S1..S6 ------------------------------------------------------------------
        Filler.of("steering", "s1-steer-while-request-in-flight-waits-for-step",
                "A steer during a request that returns calls enters after the sealed step, before the next request.", "S1")
            .everyDialect()
            .user("read").steer("also check b.txt").calls(READ1).result("Read:1", "hello").reply("done"),
        Filler.of("steering", "s1-steer-between-parallel-results",
                "The kimi-code #705 race: a steer between two parallel results waits until both are in.", "S1", "P1")
            .everyDialect()
            .user("inspect").calls(call("Bash:30", "Bash", "{\"cmd\":\"ls\"}"), call("Glob:31", "Glob", "{\"pattern\":\"*\"}"))
            .result("Bash:30", "a b").steer("focus on tests").result("Glob:31", "a b c").reply("ok, tests"),
        Filler.of("steering", "s1-two-steers-keep-arrival-order",
                "Two steers during one step enter after it in arrival order, each exactly once.", "S1")
            .user("go").calls(READ1).steer("first").background("background task finished").steer("second")
            .result("Read:1", "hello").reply("done"),
        Filler.of("steering", "s2-steer-at-final-answer-buys-one-more-request",
                "A steer waiting when the model answers without calls gets one more request in the same turn.", "S2")
            .everyDialect()
            .user("summarize").steer("in French please").reply("Summary").reply("Résumé"),
        Filler.of("steering", "s2-steer-kept-across-interrupt",
                "An interrupt sends nothing more; the waiting steer enters ahead of the next prompt.", "S2", "P2")
            .user("go").calls(READ1).steer("use b.txt").interrupt().user("continue").reply("continuing with b.txt"),
        Filler.of("steering", "s2-steer-kept-across-model-error",
                "A model failure ends the turn; the steer waits and enters ahead of the next prompt.", "S2", "V5")
            .user("go").steer("be brief").modelError(500, "upstream overloaded").user("retry").reply("brief answer"),
        Filler.of("steering", "s2-steer-when-idle-starts-a-turn",
                "With no turn running, a steer starts one like a prompt.", "S2")
            .everyDialect()
            .user("hi").reply("hello").background("CI finished: green").reply("Great, CI is green"),
        Filler.of("steering", "s6-prompt-mid-turn-queued-for-next-turn",
                "A prompt during a turn waits for the next turn; steers still enter at the step boundary.", "S6", "S1")
            .user("go").calls(READ1).user("next task").steer("note this").result("Read:1", "hello").reply("done")
            .reply("next task done"),
        Filler.of("steering", "s2-interrupt-keeps-prompts-and-steers-in-arrival-order",
                "After an interrupt the waiting prompt and steer enter in arrival order ahead of the new prompt.", "S2", "S6")
            .user("go").calls(READ1).user("queued prompt").steer("queued steer").interrupt().user("now").reply("ok"),
        Filler.of("steering", "s3-stale-reply-after-interrupt-rejected",
                "A reply to request 0 after an interrupt and a new request 1 is stale and ignored.", "S3")
            .everyDialect()
            .user("slow question").interrupt().user("fast question").replyTo(0, "slow answer").replyTo(1, "fast answer"),
        Filler.of("steering", "s3-stale-error-rejected",
                "A failure for a request that is no longer current is ignored.", "S3")
            .user("q1").interrupt().user("q2").modelErrorFor(0, 500, "late failure").reply("a2"),
        Filler.of("steering", "s3-reply-while-idle-rejected",
                "A reply with no request in flight is rejected.", "S3")
            .reply("nobody asked").user("hi").reply("hello"),
        Filler.of("steering", "s4-vacuous-reply-not-committed",
                "A reply with neither text nor calls is not committed; the turn ends normally.", "S4")
            .everyDialect()
            .user("hi").reply("").user("hello?").reply("hello"),
        Filler.of("steering", "s4-reasoning-only-reply-is-vacuous",
                "A reply carrying only reasoning is vacuous too.", "S4", "V3")
            .dialect("kimi").thinking().model("kimi-for-coding")
            .user("hi").replyWithReasoning("", "thinking about it").user("hello?").reply("hello"),
        Filler.of("steering", "s4-vacuous-reply-with-steer-waiting",
                "A vacuous reply while a steer waits: the steer enters and one more request goes out.", "S4", "S2")
            .user("hi").steer("and then?").reply("").reply("then this"),
        Filler.of("steering", "s4-finish-length-text-committed",
                "A text reply cut by max_tokens is committed as it is.", "S4")
            .user("write an essay").replyCut("Once upon a ti").user("go on").reply("me, the end"),
        Filler.of("steering", "s6-interrupt-when-idle-rejected",
                "An interrupt with no turn running is rejected.", "S6")
            .interrupt().user("hi").reply("hello").interrupt(),

        // ---- compaction: C1..C4 ----------------------------------------------------------------
        Filler.of("compaction", "c4-compact-when-idle",
                "The summarizer sees the whole transcript plus the instruction; the summary replaces it.", "C4", "C1")
            .everyDialect()
            .user("read").calls(READ1).result("Read:1", "hello").reply("done").compact().compactionDone("read a.txt: hello")
            .user("and now?").reply("next"),
        Filler.of("compaction", "c2-compaction-finishes-while-tools-run",
                "Compaction requested while a step is open summarizes the sealed prefix only; the step commits after the summary.", "C2", "C1")
            .everyDialect()
            .user("one").reply("first").user("two").calls(READ1).compact().compactionDone("earlier: one/first")
            .result("Read:1", "hello").reply("done"),
        Filler.of("compaction", "c2-compaction-finishes-while-request-in-flight",
                "The turn goes on during compaction; only the summarized prefix is replaced.", "C2")
            .user("one").reply("first").user("two").compact().reply("second").compactionDone("earlier: one/first")
            .user("three").reply("third"),
        Filler.of("compaction", "c3-compaction-failed-leaves-transcript",
                "A failed summarizer leaves the transcript unchanged.", "C3")
            .user("one").reply("first").compact().compactionFailed("500 from summarizer").user("two").reply("second"),
        Filler.of("compaction", "c3-empty-summary-abandoned",
                "An empty summary is not applied.", "C3")
            .user("one").reply("first").compact().compactionDone("   ").user("two").reply("second"),
        Filler.of("compaction", "c4-compact-empty-transcript-rejected",
                "compact on an empty transcript is rejected.", "C4")
            .compact().user("hi").reply("hello"),
        Filler.of("compaction", "c4-second-compact-rejected",
                "compact while a compaction runs is rejected; a stray compaction_done too.", "C4")
            .user("one").reply("first").compact().compact().compactionDone("s").compactionDone("again"),
        Filler.of("compaction", "c1-compaction-request-never-contains-open-step",
                "The summarizer request sent during an open step holds only sealed steps and passes validation.", "C1", "V2")
            .user("go").calls(READ1).result("Read:1", "hello").calls(GREP2).compact().result("Grep:2", "hits")
            .compactionDone("read and grepped").reply("done"),
        Filler.of("compaction", "c2-steer-during-compaction-delivered",
                "Steers and prompts during compaction are applied normally.", "C2", "S2")
            .user("one").reply("first").compact().background("tests passed").compactionDone("one/first").reply("noted"),

        // ---- durability: D2..D4 (trace-level; D1, D5, D6 belong to the journal) ---------------
        Filler.of("durability", "d4-crash-with-started-call-is-unknown",
                "A crash while a started call runs: recovery seals it UNKNOWN, ends the turn, sends nothing.", "D4", "D3", "P2")
            .everyDialect()
            .user("run").calls(call("Bash:1", "Bash", "{\"cmd\":\"make\"}")).started("Bash:1").crash()
            .user("continue").reply("checking whether make ran"),
        Filler.of("durability", "d4-crash-with-unstarted-call-is-interrupted",
                "A crash before the call started: INTERRUPTED.", "D4", "P2")
            .user("run").calls(READ1).crash().user("continue").reply("ok"),
        Filler.of("durability", "d4-crash-while-request-in-flight-not-resent",
                "Recovery never re-sends the request in flight; its late reply is stale.", "D4", "S3")
            .user("question").crash().reply("late answer").user("again").reply("answer"),
        Filler.of("durability", "d4-repeated-crash-idempotent",
                "Two crashes in a row seal once.", "D4", "D3")
            .user("run").calls(READ1).started("Read:1").crash().crash().user("continue").reply("ok"),
        Filler.of("durability", "d4-crash-drops-compaction-keeps-steers",
                "A compaction in flight is dropped on recovery; the waiting steer is kept for the next turn.", "D4", "S2", "C3")
            .user("one").reply("first").user("two").calls(READ1).compact().steer("hurry").crash()
            .compactionDone("too late").user("continue").reply("ok"),
        Filler.of("durability", "d2-torn-last-record-is-not-received",
                "The record of the last result was torn: that result counts as never received.", "D2", "D4")
            .user("run").calls(READ1).started("Read:1").result("Read:1", "hello").crashTorn(7).user("continue").reply("ok"),
        Filler.of("durability", "d2-torn-record-drops-its-request",
                "A torn final record drops the request it emitted too.", "D2", "D3")
            .user("hi").reply("hello").user("second").crashTorn(3).user("third").reply("ok"),
        Filler.of("durability", "d4-late-result-after-crash-noted",
                "A tool that finishes after the crash is noted, not lost.", "D4", "P3")
            .user("run").calls(call("Bash:1", "Bash", "{}")).started("Bash:1").crash().result("Bash:1", "done after all")
            .user("continue").reply("ok"),

        // ---- provider boundary: V1..V6 ---------------------------------------------------------
        Filler.of("boundary", "v3-kimi-thinking-replays-reasoning",
                "Kimi with thinking on: every assistant tool-call message carries its reasoning_content.", "V3")
            .dialect("kimi").thinking().model("kimi-for-coding")
            .user("read").callsWithReasoning("I should read a.txt", READ1).result("Read:1", "hello")
            .replyWithReasoning("It says hello", "summarize"),
        Filler.of("boundary", "v3-kimi-thinking-backfills-empty-reasoning",
                "A tool-call reply without reasoning is backfilled with \"\" when thinking is on.", "V3")
            .dialect("kimi").thinking().model("kimi-for-coding")
            .user("read").calls(READ1).result("Read:1", "hello").reply("done"),
        Filler.of("boundary", "v3-kimi-thinking-off-sends-no-reasoning",
                "Thinking off: no reasoning_content, and the request says thinking is disabled.", "V3")
            .dialect("kimi").model("kimi-for-coding")
            .user("read").callsWithReasoning("private", READ1).result("Read:1", "hello").reply("done"),
        Filler.of("boundary", "v3-openai-chat-replays-no-reasoning",
                "openai-chat never replays reasoning.", "V3")
            .user("read").callsWithReasoning("private", READ1).result("Read:1", "hello").reply("done"),
        Filler.of("boundary", "v3-fallback-to-kimi-drops-foreign-reasoning",
                "History from openai-chat replayed to Kimi with thinking: foreign reasoning becomes \"\", never forged.", "V3", "V1")
            .thinking()
            .user("read").callsWithReasoning("openai private reasoning", READ1).result("Read:1", "hello").reply("done")
            .switchTo("kimi", "kimi-for-coding").user("next").calls(GREP2).result("Grep:2", "hits").reply("done"),
        Filler.of("boundary", "v4-malformed-arguments-sent-as-empty-object",
                "The raw malformed arguments are kept internally; the wire shows {} and a REJECTED result.", "V4", "P2")
            .everyDialect()
            .user("go").calls(call("Edit:1", "Edit", "{\"file\": \"a\", \"text\": \"unterminated")).reply("I will retry"),
        Filler.of("boundary", "v5-model-error-leaves-session-usable",
                "A final model error ends the turn; the next prompt's request is valid.", "V5")
            .everyDialect()
            .user("one").calls(READ1).result("Read:1", "hello").modelError(429, "rate limited").user("two").reply("ok"),
        Filler.of("boundary", "v2-system-prompt-and-tools-carried",
                "options.system and options.tools appear in every turn request as the dialect requires.", "V2", "V1")
            .everyDialect().system("You are terse.").tools("Read", "Grep")
            .user("go").calls(READ1).result("Read:1", "hello").reply("done"),
        Filler.of("boundary", "v6-every-engine-text-is-marked",
                "REJECTED, INTERRUPTED, UNKNOWN, late-result and summary texts all start with [lockstep:<kind>].", "V6")
            .user("go").calls(call("Bad:1", "Bad", "nope"), READ1, GREP2).started("Read:1").interrupt()
            .result("Read:1", "late").user("next").reply("ok").compact().compactionDone("all of it"),

        // ---- the seed reports -----------------------------------------------------------------
        Filler.of("seeds", "seed-000-read158-steer-mid-tool",
                "Seed 000 (kimi-code #705): a steer while Read:158 runs must not split the call from its result.", "S1", "P1")
            .dialect("kimi").model("kimi-for-coding")
            .user("based on @.omo what nexts?").calls(call("Read:158", "Read", "{\"path\":\".omo/plan.md\"}"))
            .started("Read:158").steer("also check the tests").result("Read:158", "# plan\n- step 1")
            .reply("Next: step 1, and the tests."),
        Filler.of("seeds", "seed-000-read158-resume-after-crash",
                "Seed 000 resume variant (kimi-code #269/#660): crash with Read:158 open, resume, continue: valid request.", "D4", "P2")
            .dialect("kimi").model("kimi-for-coding")
            .user("based on @.omo what nexts?").calls(call("Read:158", "Read", "{\"path\":\".omo/plan.md\"}"))
            .started("Read:158").crash().user("继续").reply("Re-reading the plan.").compact()
            .compactionDone("user asked what is next; plan read was interrupted"),
        Filler.of("seeds", "seed-001-todolist3-normal-progression",
                "Seed 001 (kimi-code #1195): three parallel Skill calls, then TodoList:3; step 3's request pairs every call.", "P1", "S1")
            .dialect("kimi").model("kimi-for-coding")
            .user("multi-step goal")
            .calls(call("Skill:0", "Skill", "{\"name\":\"codex-orchestrate\"}"),
                call("Skill:1", "Skill", "{\"name\":\"claude-orchestrate\"}"),
                call("Skill:2", "Skill", "{\"name\":\"verification-before-completion\"}"))
            .result("Skill:1", "Skill \"claude-orchestrate\" loaded inline.")
            .steer("[skill prompt injected by a tool while its step is open]")
            .result("Skill:0", "Skill \"codex-orchestrate\" loaded inline.")
            .result("Skill:2", "Skill \"verification-before-completion\" loaded inline.")
            .calls(call("TodoList:3", "TodoList", "{\"todos\":[\"plan\",\"build\"]}"))
            .result("TodoList:3", "Todo list updated")
            .reply("Plan ready.").user("继续").reply("Continuing."),
        Filler.of("seeds", "seed-002-kimi-reasoning-content-thinking-on",
                "Seed 002 (openclaw #82161): Kimi thinking on, multi-turn tool calls; every replayed tool-call message has reasoning_content.", "V3")
            .dialect("kimi").thinking().model("kimi-for-coding")
            .user("remember this").callsWithReasoning("store it", call("memory:0", "memory", "{\"op\":\"save\"}"))
            .result("memory:0", "saved").reply("Saved.")
            .user("and read a file").calls(call("Read:1", "Read", ARGS)).result("Read:1", "hello")
            .replyWithReasoning("It says hello.", "easy"),
        Filler.of("seeds", "seed-003-kimi-anthropic-reasoning",
                "Seed 003 (openclaw #70565): Kimi thinking with a tool-call reply that had no reasoning; backfilled so the endpoint accepts it (kimi-anthropic needs \" \").", "V3")
            .dialect("kimi").thinking().model("k2p5")
            .user("list files").calls(call("Bash:0", "Bash", "{\"cmd\":\"ls\"}")).result("Bash:0", "a b")
            .user("again").calls(call("Bash:1", "Bash", "{\"cmd\":\"ls -l\"}")).result("Bash:1", "a b").reply("done"),
        Filler.of("seeds", "seed-003-kimi-anthropic-reasoning-native",
                "Seed 003 on the Anthropic-compatible Kimi endpoint: the backfill is \" \" (generated once that dialect exists).", "V3")
            .dialect("kimi-anthropic").thinking().model("k2p5")
            .user("list files").calls(call("Bash:0", "Bash", "{\"cmd\":\"ls\"}")).result("Bash:0", "a b")
            .user("again").calls(call("Bash:1", "Bash", "{\"cmd\":\"ls -l\"}")).result("Bash:1", "a b").reply("done"),
        Filler.of("seeds", "seed-004-backfill-after-fallback-and-compaction",
                "Seed 004 (openclaw PR #92396): after a cross-model fallback and a compaction, Kimi tool-call messages still carry reasoning_content.", "V3", "C4")
            .thinking()
            .user("start").callsWithReasoning("gpt reasoning", READ1).result("Read:1", "hello").reply("read")
            .switchTo("kimi", "kimi-for-coding").compact().compactionDone("read a.txt")
            .user("go on").calls(GREP2).result("Grep:2", "hits").reply("done"));
  }
}
