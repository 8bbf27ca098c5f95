package io.promoagent.promotions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.change.InMemoryRecordStore;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.query.HeldRead;
import io.promoagent.core.query.ReadBudget;
import io.promoagent.core.query.ReadGuard;
import io.promoagent.core.query.ReadHoldException;
import io.promoagent.core.reply.HeldReadBlock;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.testing.MutableClock;
import io.promoagent.schema.testing.RecordingSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The insight tools ask the read guard before they read: over a small budget they estimate what they would read
 * (explaining their queries, opening no source), hold it, and run it once when the person who asked confirms.
 */
class GuardedInsightToolsTest {
    private static final Principal ANA = Principal.of("ana", "analyst");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T19:00:00Z"));
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private InMemoryRecordStore store;
    private RecordingSource source;
    private QueryEngine engine;

    @BeforeEach
    void assemble() {
        store = InMemoryRecordStore.builder(Demo.MODEL).rows(Demo.DATA.rows()).build();
        source = new RecordingSource(store);
        engine = QueryEngine.builder(Demo.MODEL).source(source).clock(Demo.CLOCK).build();
    }

    /** A guard whose request may examine 50 records: every customer (60) is over it. */
    private ToolExecutor executor(ReadGuard guard) {
        return ToolExecutor.builder(ToolRegistry.builder().registerAll(PromotionTools.insightTools(Demo.MODEL, engine, guard))
                .build()).auditSink(audit).build();
    }

    private ReadGuard small() {
        return ReadGuard.builder().budget(ReadBudget.DEFAULTS.withRowsScanned(50)).audit(audit).clock(clock).build();
    }

    private ToolResult run(ToolExecutor executor, String tool, String json, Principal who, String session, String request) {
        ToolCall call = Demo.call(tool, json);
        return executor.execute(call, new ToolContext(who, session, request, clock));
    }

    private List<AuditEvent> holds() {
        return audit.events().stream().filter(e -> e.action() == AuditAction.READ_HOLD).toList();
    }

    private static Optional<HeldReadBlock> held(ToolResult result) {
        return result.blocks().stream().filter(HeldReadBlock.class::isInstance).map(HeldReadBlock.class::cast).findFirst();
    }

    private static long customers(ToolResult lifecycle) {
        return ((TableBlock) lifecycle.blocks().get(0)).rows().stream()
                .mapToLong(r -> ((BigDecimal) r.get("customers")).longValue()).sum();
    }

    @Test
    void overBudgetTheLifecycleIsHeldWithItsEstimateAndNothingIsRead() {
        ToolResult result = run(executor(small()), PromotionTools.LIFECYCLE, "{}", Demo.MIA, "s-1", "r-1");

        HeldReadBlock held = held(result).orElseThrow();
        assertThat(result.blocks()).hasSize(1);
        assertThat(held.entity()).isEqualTo("customers");
        assertThat(held.reason()).contains("50");
        // every customer, then each stage rule's members: one estimate of all the reads the tool plans
        assertThat(source.explained()).hasSizeGreaterThan(2);
        assertThat(source.opened()).isEmpty();
        assertThat(holds()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("held");
            assertThat(e.tool()).isEqualTo(PromotionTools.LIFECYCLE);
        });
    }

    @Test
    void thePersonsConfirmationRunsTheHeldLifecycleOnceAndAReplayIsHeldAgain() {
        ReadGuard guard = small();
        ToolExecutor executor = executor(guard);
        HeldReadBlock held = held(run(executor, PromotionTools.LIFECYCLE, "{}", Demo.MIA, "s-2", "r-1")).orElseThrow();

        HeldRead confirmed = guard.confirm(held.handle(), Demo.MIA, "s-2");
        assertThat(confirmed.call().tool()).isEqualTo(PromotionTools.LIFECYCLE);
        ToolResult first = executor.execute(confirmed.call(), new ToolContext(Demo.MIA, "s-2", "confirm-1", clock));
        int opened = source.opened().size();
        ToolResult again = executor.execute(confirmed.call(), new ToolContext(Demo.MIA, "s-2", "confirm-2", clock));

        assertThat(customers(first)).isEqualTo(Demo.DATA.rows("customers").size());
        assertThat(opened).isPositive();
        assertThat(held(again)).isPresent();
        assertThat(source.opened()).hasSize(opened);
        assertThat(holds()).extracting(AuditEvent::outcome).containsExactly("held", "confirmed", "run", "held");
        assertThatThrownBy(() -> guard.confirm(held.handle(), Demo.MIA, "s-2")).isInstanceOfSatisfying(
                ReadHoldException.class, e -> assertThat(e.code()).isEqualTo(ReadHoldException.ALREADY_CONFIRMED));
    }

    @Test
    void anotherPersonOrConversationCannotConfirm() {
        ReadGuard guard = small();
        HeldReadBlock held = held(run(executor(guard), PromotionTools.LIFECYCLE, "{}", Demo.MIA, "s-3", "r-1")).orElseThrow();

        assertThatThrownBy(() -> guard.confirm(held.handle(), ANA, "s-3")).isInstanceOfSatisfying(
                ReadHoldException.class, e -> assertThat(e.code()).isEqualTo(ReadHoldException.NOT_YOURS));
        assertThatThrownBy(() -> guard.confirm(held.handle(), Demo.MIA, "s-other")).isInstanceOfSatisfying(
                ReadHoldException.class, e -> assertThat(e.code()).isEqualTo(ReadHoldException.UNKNOWN_HOLD));
        assertThat(source.opened()).isEmpty();
    }

    @Test
    void aConfirmationRunsOnlyTheCallItHeldNotAnotherToolsOrArguments() {
        ReadGuard guard = small();
        ToolExecutor executor = executor(guard);
        HeldReadBlock held = held(run(executor, PromotionTools.LIFECYCLE, "{}", Demo.MIA, "s-4", "r-1")).orElseThrow();
        guard.confirm(held.handle(), Demo.MIA, "s-4");

        // the same arguments to another tool, and other arguments to the same tool, are held as new reads
        ToolResult seasons = run(executor, PromotionTools.SEASONALITY, "{}", Demo.MIA, "s-4", "r-2");
        ToolResult stage = run(executor, PromotionTools.LIFECYCLE, "{\"stage\":\"active\"}", Demo.MIA, "s-4", "r-3");

        assertThat(held(seasons)).isPresent();
        assertThat(held(stage)).isPresent();
        assertThat(source.opened()).isEmpty();
    }

    @Test
    void overBudgetSeasonalityIsHeldToo() {
        ToolResult result = run(executor(small()), PromotionTools.SEASONALITY, "{\"by\":\"segment\"}", Demo.MIA, "s-5", "r-1");

        assertThat(held(result)).hasValueSatisfying(h -> assertThat(h.entity()).isEqualTo("orders"));
        assertThat(source.explained()).isNotEmpty();
        assertThat(source.opened()).isEmpty();
        assertThat(holds()).extracting(AuditEvent::outcome).containsExactly("held");
    }

    @Test
    void withinTheDefaultBudgetTheyRunWithoutAsking() {
        ToolExecutor executor = executor(ReadGuard.builder().audit(audit).clock(clock).build());

        ToolResult lifecycle = run(executor, PromotionTools.LIFECYCLE, "{}", Demo.MIA, "s-6", "r-1");
        ToolResult seasons = run(executor, PromotionTools.SEASONALITY, "{}", Demo.MIA, "s-6", "r-2");

        assertThat(customers(lifecycle)).isEqualTo(Demo.DATA.rows("customers").size());
        assertThat(held(seasons)).isEmpty();
        assertThat(seasons.blocks().stream().filter(TableBlock.class::isInstance).map(TableBlock.class::cast).toList()).singleElement().satisfies(t -> assertThat(t.rows()).hasSize(12));
        assertThat(holds()).isEmpty();
    }

    @Test
    void overBudgetPerformanceReadsOnlyThePromotionsThenRunsOnceConfirmed() {
        ReadGuard guard = ReadGuard.builder().budget(ReadBudget.DEFAULTS.withRowsScanned(5)).audit(audit).clock(clock).build();
        ToolExecutor executor = ToolExecutor.builder(ToolRegistry.builder().registerAll(PromotionTools.create(Demo.MODEL,
                engine, store, Demo.CLOCK, PromotionSettings.defaults(), guard)).build()).auditSink(audit).build();

        HeldReadBlock held = held(run(executor, PromotionTools.PERFORMANCE, "{}", Demo.MIA, "s-7", "r-1")).orElseThrow();
        // the promotions are read first (their codes decide which orders are read); no order is
        assertThat(source.opened()).hasSize(1);
        assertThat(source.opened("orders")).isEmpty();
        assertThat(source.explained()).anySatisfy(q -> assertThat(q.entity().name()).isEqualTo("orders"));

        ToolResult confirmed = executor.execute(guard.confirm(held.handle(), Demo.MIA, "s-7").call(),
                new ToolContext(Demo.MIA, "s-7", "confirm-1", clock));
        TableBlock table = (TableBlock) confirmed.blocks().get(0);
        assertThat(table.rows()).hasSize(Demo.DATA.rows("promotions").size());
        assertThat(source.opened("orders")).isNotEmpty();
        assertThat(holds()).extracting(AuditEvent::outcome).containsExactly("held", "confirmed", "run");
    }
}
