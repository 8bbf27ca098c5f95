package io.promoagent.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.promoagent.core.Shop;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.RecordBlock;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.ToolResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of docs/tools.md behave as the page says. */
class DocsExamplesTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void theReadToolShowsThePersonTheCardAndTheModelNoEmail() {
        TagStore store = new TagStore();
        store.add("C00001");
        ToolRegistry registry = ToolRegistry.of(new CustomerCardTool(Shop.engine(3)), new TagCustomerTool(store));
        ToolContext mia = ToolContext.of(Principal.of("mia", "marketer"), Shop.CLOCK);
        try (ToolExecutor executor = ToolExecutor.builder(registry).build()) {
            List<ToolResult> results = executor.executeAll(List.of(
                    ToolCall.of("customer_card", JSON.objectNode().put("customerId", "C00001")),
                    ToolCall.of("customer_card", JSON.objectNode().put("customerId", "bob")),
                    ToolCall.of("tag_customer", JSON.objectNode().put("customerId", "C00001").put("tag", "vip-event"))),
                    mia);

            assertThat(results.get(0).blocks()).singleElement().isInstanceOfSatisfying(RecordBlock.class,
                    card -> assertThat(card.values()).containsEntry("email", Shop.email(1)));
            assertThat(results.get(0).forModel().toString()).doesNotContain("@");
            assertThat(results.get(1).status()).isEqualTo(ToolResult.Status.INVALID_ARGUMENTS);
            assertThat(results.get(2).blocks()).singleElement().isInstanceOfSatisfying(ApprovalBlock.class,
                    a -> assertThat(a.summary()).isEqualTo("Tag customer C00001 with 'vip-event'"));
            assertThat(store.read("C00001").orElseThrow().tags()).isEmpty();
        }
    }
}
