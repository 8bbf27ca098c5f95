package io.promoagent.planner.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.planner.Demo;
import io.promoagent.planner.OfflinePlanner;
import io.promoagent.planner.plan.ReferenceResolver;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.schema.model.QueryValidator;
import io.promoagent.schema.source.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A question goes from the offline planner through the query tool to the engine, and its query is
 * validated exactly once on the way: the planner accepts it, the tool and the engine take the accepted
 * query from the model's shared validator without checking it again.
 */
class ValidatedOnceTest {

    @ParameterizedTest
    @ValueSource(strings = {"Show VIP customers", "average order value by channel",
            "orders over $250 placed this month", "top 5 customers by total spent"})
    void aQueryOnTheAskPathIsValidatedOnce(String question) {
        // a model of its own, so that no other test's queries are remembered by its validator
        DataModel model = DemoShop.load();
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        for (String entity : List.of("customers", "orders", "promotions")) {
            rows.put(entity, Demo.rows(entity));
        }
        QueryEngine engine = QueryEngine.builder(model).source(new InMemoryDataSource("dynamodb", rows))
                .clock(Demo.CLOCK).build();
        OfflinePlanner planner = OfflinePlanner.builder(model).tools(Demo.tools()).resolver(ReferenceResolver.of(engine))
                .clock(Demo.CLOCK).build();
        ToolRegistry registry = ToolRegistry.builder().register(QueryTool.of(engine)).build();
        try (ToolExecutor executor = ToolExecutor.builder(registry).build()) {
            OfflineOrchestrator offline = OfflineOrchestrator.builder(planner, executor).clock(Demo.CLOCK).build();
            QueryValidator validator = QueryValidator.of(model);
            long before = validator.checks();

            Reply reply = offline.handle(AgentRequest.of(question, Principal.of("ana", "analyst")));

            assertThat(reply.hasError()).as(reply.text()).isFalse();
            assertThat(reply.block(TableBlock.class).isPresent()
                    || reply.block(io.promoagent.core.reply.MetricBlock.class).isPresent()).isTrue();
            assertThat(validator.checks() - before).as("validations of one question").isEqualTo(1);
        }
    }
}
