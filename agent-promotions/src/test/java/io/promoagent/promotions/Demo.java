package io.promoagent.promotions;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.audit.AuditSink;
import io.promoagent.core.change.InMemoryRecordStore;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.test.ChangeAtApply;
import io.promoagent.test.DataFixture;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The demo data model and a 60-customer export of the demo data (seed 42, today 2026-06-30) in a mutable
 * record store, with the promotion tools and an approval service over it: a fresh world per test.
 */
final class Demo {

    static final DataModel MODEL = DemoShop.model();
    static final DataFixture DATA = DataFixture.loadResources(MODEL, DemoShop.class, DemoShop.DATA);
    static final LocalDate TODAY = DemoShop.TODAY;
    static final Clock CLOCK = DemoShop.CLOCK;
    static final byte[] KEY = "promotions-test-signing-key-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);

    static final Principal MIA = Principal.of("mia", "marketer");
    static final Principal MAX = Principal.of("max", "marketer");
    static final Principal ADA = Principal.of("ada", "approver");
    static final Principal OTTO = Principal.of("otto", "approver");

    final InMemoryRecordStore store;
    final QueryEngine engine;
    final List<Tool> tools;
    final ToolRegistry registry;
    /** The write tools as the approval service applies them: a change set on one lands after the service's checks. */
    final Map<String, ChangeAtApply> racing = new LinkedHashMap<>();
    final ApprovalService approvals;

    Demo(AuditSink audit) {
        this(audit, PromotionSettings.defaults());
    }

    Demo(AuditSink audit, PromotionSettings settings) {
        this(audit, settings, true);
    }

    /**
     * @param storeGuardsCodes whether the store itself refuses a second promotion with a code (the in-memory
     *                         store can; the DynamoDB writer cannot, so the tools must)
     */
    Demo(AuditSink audit, PromotionSettings settings, boolean storeGuardsCodes) {
        InMemoryRecordStore.Builder b = InMemoryRecordStore.builder(MODEL).rows(DATA.rows());
        store = storeGuardsCodes ? b.unique("promotions", "code").build() : b.build();
        engine = QueryEngine.builder(MODEL).source(store).clock(CLOCK).build();
        tools = PromotionTools.create(MODEL, engine, store, CLOCK, settings);
        registry = ToolRegistry.builder().registerAll(tools).build();
        List<Tool> applied = tools.stream().map(t -> t instanceof WriteTool w
                ? racing.computeIfAbsent(t.descriptor().name(), n -> new ChangeAtApply(w)) : t).toList();
        approvals = ApprovalService.builder(ToolRegistry.builder().registerAll(applied).build(), KEY).audit(audit).clock(CLOCK).build();
    }

    Tool tool(String name) {
        return registry.find(name).orElseThrow();
    }

    static ToolContext as(Principal p) {
        return ToolContext.of(p, CLOCK);
    }

    static ToolCall call(String tool, String json) {
        return ToolCall.of(tool, QueryJson.parse(json));
    }

    List<Row> promotions() {
        return store.rows("promotions");
    }

    /** The stored promotion with this code, read back through the query engine. */
    List<Row> promotionsWithCode(String code) {
        return engine.execute(QueryJson.read("{\"entity\":\"promotions\",\"where\":{\"type\":\"compare\",\"field\":\"code\","
                + "\"op\":\"eq\",\"value\":\"" + code + "\"}}")).rows();
    }

    static List<Row> rows(String entity, Predicate<Row> where) {
        return DATA.rows(entity).stream().filter(where).toList();
    }

    static Row promotion(String code) {
        return rows("promotions", r -> code.equals(r.valueOrNull("code"))).get(0);
    }

    static JsonNode json(String text) {
        return QueryJson.parse(text);
    }
}
