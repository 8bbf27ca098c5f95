package io.promoagent.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.LlmOrchestrator;
import io.promoagent.core.reply.HeldReadBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.schema.testing.MutableClock;
import io.promoagent.schema.testing.RecordingSource;
import io.promoagent.test.DataFixture;
import io.promoagent.test.DynamoDbFixture;
import io.promoagent.test.ScriptedChatModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The read guard inside the query tool, over a real DynamoDB Local table with more items than the
 * threshold of a large table: a model's call that would scan it is held, only the person confirms it, and
 * it then runs once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuardedReadTest {

    private static final DataModel MODEL = DemoShop.model();
    private static final DataFixture DATA = DataFixture.loadResources(MODEL, DemoShop.class, DemoShop.DATA);
    private static final Principal MIA = Principal.of("mia", "marketer");
    private static final Principal ANA = Principal.of("ana", "analyst");
    /** Customers with more than 3 orders: no key or index path, so a Scan of the whole customers table. */
    private static final String SCAN = "{\"entity\":\"customers\",\"where\":{\"type\":\"compare\",\"field\":\"order_count\","
            + "\"op\":\"gt\",\"value\":3}}";
    /** The same for a key: one GetItem. */
    private static final String LOOKUP = "{\"entity\":\"customers\",\"where\":{\"type\":\"compare\",\"field\":\"id\","
            + "\"op\":\"eq\",\"value\":\"C0001\"}}";

    private DynamoDbFixture dynamo;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T19:00:00Z"));
    private RecordingSource source;
    private InMemoryAuditSink audit;
    private ReadGuard guard;
    private ToolExecutor executor;

    @BeforeAll
    void start() {
        dynamo = DynamoDbFixture.startLocal(DATA);
    }

    @AfterAll
    void stop() {
        dynamo.close();
    }

    @BeforeEach
    void assemble() {
        audit = new InMemoryAuditSink();
        // a table of more than 10 items is large here: the demo's customers table (60) is
        guard = ReadGuard.builder().budget(ReadBudget.DEFAULTS.withLargeTableItems(10)).audit(audit).clock(clock)
                .expiry(Duration.ofMinutes(5)).build();
        source = new RecordingSource(dynamo.dataSource());
        QueryEngine engine = QueryEngine.builder(MODEL).source(source).clock(DemoShop.CLOCK).build();
        QueryTool tool = QueryTool.builder(engine).guard(guard).build();
        executor = ToolExecutor.builder(ToolRegistry.of(tool)).auditSink(audit).build();
    }

    private Reply askThroughModel(String session, String arguments) {
        ScriptedChatModel model = ScriptedChatModel.builder().thenCallTool("query", arguments)
                .thenAnswer("That read waits for your confirmation.").build();
        LlmOrchestrator agent = LlmOrchestrator.builder().chatModel(model).tools(executor).dataModel(MODEL)
                .clock(DemoShop.CLOCK).build();
        return agent.handle(new AgentRequest("customers with more than 3 orders", MIA, session));
    }

    private List<AuditEvent> holds() {
        return audit.events().stream().filter(e -> e.action() == AuditAction.READ_HOLD).toList();
    }

    private ToolResult run(HeldRead confirmed, Principal who, String session) {
        return executor.execute(confirmed.call(), new ToolContext(who, session, "confirm-1", clock));
    }

    @Test
    void aModelsCallThatWouldScanALargeTableIsHeldAndReadsNothing() {
        Reply reply = askThroughModel("s-1", SCAN);

        HeldReadBlock held = reply.block(HeldReadBlock.class).orElseThrow();
        assertThat(reply.blocks(TableBlock.class)).isEmpty();
        assertThat(source.opened()).hasSize(0);
        assertThat(held.reason()).contains("scans the whole customers table (60 items");
        assertThat(held.estimate()).contains("Scan on customers").contains("read units");
        assertThat(holds()).extracting(AuditEvent::outcome).containsExactly("held");
    }

    @Test
    void aReadWithinTheBudgetRunsAtOnce() {
        ToolResult result = executor.execute(ToolCall.of("query", QueryJson.parse(LOOKUP)), ToolContext.of(MIA, clock));

        assertThat(result.blocks()).hasSize(1).first().isInstanceOf(TableBlock.class);
        assertThat(source.opened()).hasSize(1);
        assertThat(holds()).isEmpty();
    }

    @Test
    void thePersonsConfirmationRunsTheHeldReadExactlyOnce() {
        HeldReadBlock held = askThroughModel("s-2", SCAN).block(HeldReadBlock.class).orElseThrow();

        HeldRead confirmed = guard.confirm(held.handle(), MIA, "s-2");
        ToolResult first = run(confirmed, MIA, "s-2");
        ToolResult again = run(confirmed, MIA, "s-2");

        TableBlock table = (TableBlock) first.blocks().get(0);
        long expected = DATA.rows("customers").stream()
                .filter(r -> ((Number) r.valueOrNull("order_count")).intValue() > 3)
                .count();
        assertThat(table.total()).isEqualTo(expected).isPositive();
        assertThat(again.blocks()).first().isInstanceOf(HeldReadBlock.class);
        assertThat(source.opened()).hasSize(1);
        assertThat(holds()).extracting(AuditEvent::outcome).containsExactly("held", "confirmed", "run", "held");
        assertThatThrownBy(() -> guard.confirm(held.handle(), MIA, "s-2"))
                .isInstanceOfSatisfying(ReadHoldException.class,
                        e -> assertThat(e.code()).isEqualTo(ReadHoldException.ALREADY_CONFIRMED));
    }

    @Nested
    class TheModelCannotConfirm {

        @Test
        void aConfirmationInTheToolsArgumentsIsRefusedAndReadsNothing() {
            HeldReadBlock held = askThroughModel("s-3", SCAN).block(HeldReadBlock.class).orElseThrow();
            String forged = SCAN.substring(0, SCAN.length() - 1) + ",\"confirm\":\"" + held.handle() + "\"}";

            ToolResult result = executor.execute(ToolCall.of("query", QueryJson.parse(forged)),
                    new ToolContext(MIA, "s-3", "r-2", clock));

            assertThat(result.status()).isEqualTo(ToolResult.Status.INVALID_ARGUMENTS);
            assertThat(source.opened()).hasSize(0);
        }

        @Test
        void aForgedHandleIsRefused() {
            askThroughModel("s-4", SCAN);

            assertThatThrownBy(() -> guard.confirm("forged-handle-0000000000", MIA, "s-4"))
                    .isInstanceOfSatisfying(ReadHoldException.class,
                            e -> assertThat(e.code()).isEqualTo(ReadHoldException.UNKNOWN_HOLD));
            assertThat(source.opened()).hasSize(0);
        }

        @Test
        void anotherPersonOrConversationCannotConfirm() {
            HeldReadBlock held = askThroughModel("s-5", SCAN).block(HeldReadBlock.class).orElseThrow();

            assertThatThrownBy(() -> guard.confirm(held.handle(), ANA, "s-5")).isInstanceOfSatisfying(
                    ReadHoldException.class, e -> assertThat(e.code()).isEqualTo(ReadHoldException.NOT_YOURS));
            // the read is kept in its own conversation: another conversation has no such read
            assertThatThrownBy(() -> guard.confirm(held.handle(), MIA, "another-session")).isInstanceOfSatisfying(
                    ReadHoldException.class, e -> assertThat(e.code()).isEqualTo(ReadHoldException.UNKNOWN_HOLD));
            assertThat(guard.confirm(held.handle(), MIA, "s-5").principal()).isEqualTo("mia");
        }

        @Test
        void aConfirmationCannotRunAnotherQuery() {
            HeldReadBlock held = askThroughModel("s-6", SCAN).block(HeldReadBlock.class).orElseThrow();
            guard.confirm(held.handle(), MIA, "s-6");
            String other = SCAN.replace(":3}", ":4}");

            ToolResult result = executor.execute(ToolCall.of("query", QueryJson.parse(other)),
                    new ToolContext(MIA, "s-6", "r-3", clock));

            assertThat(result.blocks()).first().isInstanceOf(HeldReadBlock.class);
            assertThat(source.opened()).hasSize(0);
        }
    }

    @Test
    void theBudgetIsPerRequestSoAReadSplitIntoSmallOnesIsHeldToo() {
        // one scan of the customers table is estimated at 1.5 read units: a budget of 2 lets one run per request
        ReadGuard perRequest = ReadGuard.builder().budget(ReadBudget.DEFAULTS.withReadUnits(2)).audit(audit).clock(clock)
                .build();
        QueryEngine engine = QueryEngine.builder(MODEL).source(source).clock(DemoShop.CLOCK).build();
        ToolExecutor tools = ToolExecutor.builder(ToolRegistry.of(QueryTool.builder(engine).guard(perRequest).build()))
                .auditSink(audit).build();
        ToolContext first = new ToolContext(MIA, "s-9", "request-1", clock);

        ToolResult one = tools.execute(ToolCall.of("query", QueryJson.parse(SCAN)), first);
        ToolResult two = tools.execute(ToolCall.of("query", QueryJson.parse(SCAN.replace(":3}", ":4}"))), first);
        ToolResult next = tools.execute(ToolCall.of("query", QueryJson.parse(SCAN)),
                new ToolContext(MIA, "s-9", "request-2", clock));

        assertThat(one.blocks()).first().isInstanceOf(TableBlock.class);
        assertThat(two.blocks()).first().isInstanceOfSatisfying(HeldReadBlock.class, h -> assertThat(h.reason())
                .isEqualTo("with the reads before it in this request, it needs about 3 read units, over the budget of 2"));
        assertThat(next.blocks()).first().isInstanceOf(TableBlock.class);
        assertThat(source.opened()).hasSize(2);
        tools.close();
    }

    @Test
    void aHoldNotConfirmedInTimeExpiresAndIsAudited() {
        HeldReadBlock held = askThroughModel("s-7", SCAN).block(HeldReadBlock.class).orElseThrow();
        assertThat(held.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(6));

        assertThatThrownBy(() -> guard.confirm(held.handle(), MIA, "s-7"))
                .isInstanceOfSatisfying(ReadHoldException.class, e -> assertThat(e.code()).isIn(
                        ReadHoldException.EXPIRED, ReadHoldException.UNKNOWN_HOLD));
        assertThat(holds()).extracting(AuditEvent::outcome).containsExactly("held", "expired");
        assertThat(source.opened()).hasSize(0);
    }

    @Test
    void aConfirmedReadNotRunInTimeExpires() {
        HeldReadBlock held = askThroughModel("s-8", SCAN).block(HeldReadBlock.class).orElseThrow();
        HeldRead confirmed = guard.confirm(held.handle(), MIA, "s-8");

        clock.advance(Duration.ofMinutes(6));
        ToolResult late = run(confirmed, MIA, "s-8");

        assertThat(late.blocks()).first().isInstanceOf(HeldReadBlock.class);
        assertThat(source.opened()).hasSize(0);
        assertThat(holds()).extracting(AuditEvent::outcome).containsExactly("held", "confirmed", "expired", "held");
    }
}
