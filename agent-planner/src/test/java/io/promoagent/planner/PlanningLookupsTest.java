package io.promoagent.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.policy.RolePolicy;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.reply.ClarificationBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.planner.orchestrator.OfflineOrchestrator;
import io.promoagent.planner.plan.Clarification;
import io.promoagent.planner.plan.Plan;
import io.promoagent.planner.plan.ReferenceResolver;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.RuleRef;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The planner's look-ups (who "John" is) as calls of the query tool through the executor, as the person who
 * asked: the policy decides whether they may read, and the audit records the look-up.
 */
class PlanningLookupsTest {

    static final Principal MARKETER = Principal.of("mia", "marketer");
    /** A role the policy gives no tool at all. */
    static final Principal VISITOR = Principal.of("val", "visitor");
    static final String REQUEST = "Email John about the promotion";

    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final ToolExecutor executor = ToolExecutor.builder(ToolRegistry.builder().register(QueryTool.of(Demo.engine())).build())
            .policy(RolePolicy.builder().allow("marketer", ToolEffect.READ, ToolEffect.WRITE, ToolEffect.SEND).build())
            .auditSink(audit).build();
    final OfflinePlanner planner = OfflinePlanner.builder(Demo.model()).tools(Demo.tools())
            .resolver(ReferenceResolver.of(executor, QueryTool.NAME)).clock(Demo.CLOCK).build();

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void aLookUpRunsAsTheRequesterAndIsAudited() {
        Plan p = planner.plan(REQUEST, ToolContext.of(MARKETER, Demo.CLOCK));
        assertThat(p).isInstanceOfSatisfying(Clarification.class, c -> assertThat(c.options())
                .contains("Email John Smith (C00040) about the promotion", "Email John Moore (C00001) about the promotion"));
        assertThat(audit.events()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.tool()).isEqualTo(QueryTool.NAME);
            assertThat(e.principal()).isEqualTo("mia");
        });
    }

    @Test
    void forAPrincipalWhoMayReadEveryDevelopmentSetPlanIsThePlanOfDirectLookUps() {
        ToolContext mia = ToolContext.of(MARKETER, Demo.CLOCK);
        for (String request : DevSetTest.DEV_SET.keySet()) {
            assertThat(planner.plan(request, mia).toString()).as(request).isEqualTo(Demo.planner().plan(request).toString());
        }
    }

    @Test
    void aLookUpThroughTheToolsFindsWhatTheEngineFinds() {
        ReferenceResolver tools = ReferenceResolver.of(executor, QueryTool.NAME).as(ToolContext.of(MARKETER, Demo.CLOCK));
        ReferenceResolver direct = ReferenceResolver.of(Demo.engine());
        Query count = Query.builder("customers").where(RuleRef.of("vip")).aggregate(Aggregate.count()).build();
        assertThat(tools.find(count)).isEqualTo(direct.find(count)).singleElement()
                .satisfies(r -> assertThat(r.values().get("count")).isInstanceOf(BigDecimal.class));
        Query johns = Query.builder("customers").where(Compare.eq("name", "John Moore")).fields("id", "name").build();
        assertThat(tools.find(johns)).isEqualTo(direct.find(johns)).hasSizeGreaterThan(1);
    }

    @Test
    void aPrincipalWhoMayNotReadGetsNoLookUpAndThePlanAsksInstead() {
        Plan p = planner.plan(REQUEST, ToolContext.of(VISITOR, Demo.CLOCK));
        assertThat(p).isInstanceOfSatisfying(Clarification.class, c -> assertThat(c.options())
                .noneMatch(o -> o.contains("C00040") || o.contains("John Moore")));
        assertThat(audit.events()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.principal()).isEqualTo("val");
            assertThat(e.outcome()).isNotEqualTo("ok");
        });
    }

    @Test
    void withoutARequesterNothingIsLookedUp() {
        Plan p = planner.plan(REQUEST);
        assertThat(p.toString()).doesNotContain("C00040");
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void theOrchestratorPlansWithTheRequestersLookUps() {
        Reply r = OfflineOrchestrator.builder(planner, executor).clock(Demo.CLOCK).build()
                .handle(AgentRequest.of(REQUEST, MARKETER));
        assertThat(r.blocks()).filteredOn(ClarificationBlock.class::isInstance).singleElement()
                .satisfies(b -> assertThat(((ClarificationBlock) b).options()).contains("Email John Smith (C00040) about the promotion"));
        assertThat(audit.events()).extracting(AuditEvent::principal).isNotEmpty().containsOnly("mia");
    }
}
