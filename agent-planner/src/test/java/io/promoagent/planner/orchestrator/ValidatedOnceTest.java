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
import io.promoagent.schema.model.QueryValidator;
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
        ToolRegistry registry = ToolRegistry.builder().register(QueryTool.of(Demo.engine())).build();
        try (ToolExecutor executor = ToolExecutor.builder(registry).build()) {
            OfflineOrchestrator offline = OfflineOrchestrator.builder(Demo.planner(), executor).clock(Demo.CLOCK).build();
            QueryValidator validator = QueryValidator.of(Demo.model());
            long before = validator.checks();

            Reply reply = offline.handle(AgentRequest.of(question, Principal.of("ana", "analyst")));

            assertThat(reply.hasError()).as(reply.text()).isFalse();
            assertThat(reply.block(TableBlock.class).isPresent()
                    || reply.block(io.promoagent.core.reply.MetricBlock.class).isPresent()).isTrue();
            assertThat(validator.checks() - before).as("validations of one question").isEqualTo(1);
        }
    }
}
