package io.promoagent.mcp;

import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.InMemoryRecordStore;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.security.Principal;
import io.promoagent.core.policy.RolePolicy;
import io.promoagent.core.security.Roles;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.promotions.PromotionTools;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.test.DataFixture;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The demo data model and a 60-customer export of the demo data in a mutable record store, with the query tool,
 * the promotion tools, the approval service and the tool executor over them: what an application hands to
 * {@link McpAgentServer}. A fresh world per test.
 */
final class McpWorld implements AutoCloseable {

    static final DataModel MODEL = DemoShop.model();
    static final DataFixture DATA = DataFixture.loadResources(MODEL, DemoShop.class, DemoShop.DATA);
    static final Clock CLOCK = DemoShop.CLOCK;
    static final byte[] KEY = "mcp-test-signing-key-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);

    static final Principal MIA = Principal.of("mia", Roles.MARKETER);
    static final Principal ADA = Principal.of("ada", Roles.APPROVER);

    final InMemoryRecordStore store = InMemoryRecordStore.builder(MODEL).rows(DATA.rows()).unique("promotions", "code").build();
    final QueryEngine engine = QueryEngine.builder(MODEL).source(store).clock(CLOCK).build();
    final ToolRegistry registry = ToolRegistry.builder().register(QueryTool.of(engine))
            .registerAll(PromotionTools.create(MODEL, engine, store, CLOCK)).build();
    final ApprovalService approvals = ApprovalService.builder(registry, KEY).clock(CLOCK).build();
    final ToolExecutor executor = ToolExecutor.builder(registry).approvalGate(approvals).policy(RolePolicy.defaults())
            .build();

    McpAgentServer server() {
        return McpAgentServer.builder(executor).clock(CLOCK).decideAt("https://promo.example.com/approvals").build();
    }

    /** What an approver does outside MCP: approve and apply, as themselves. */
    ApplyResult approveAndApply(String approvalId, Principal approver) {
        return approvals.apply(approvals.approve(approvalId, approver, "fine"), ToolContext.of(approver, CLOCK));
    }

    /** The code of the promotion a pending create_promotion would add. */
    String proposedCode(String approvalId) {
        ApprovalRecord record = approvals.record(approvalId).orElseThrow();
        return record.changeSet().preview().at("/promotion/code").asText();
    }

    @Override
    public void close() {
        executor.close();
    }
}
