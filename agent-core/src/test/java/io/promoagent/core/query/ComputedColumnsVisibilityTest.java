package io.promoagent.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.Shop;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.schema.json.QueryJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Columns of query IR 2.0 reach the model only when they are a field it may see: a selected e-mail
 * address stays withheld whatever it is named, a computed column is withheld, a selected name is shown.
 */
class ComputedColumnsVisibilityTest {

    private final QueryTool tool = QueryTool.of(Shop.engine(10));
    private final ToolExecutor executor = ToolExecutor.builder(ToolRegistry.of(tool)).build();
    private final ToolContext analyst = ToolContext.of(Principal.of("ada", "analyst"), Shop.CLOCK);

    @AfterEach
    void close() {
        executor.close();
    }

    private JsonNode forModel(String json) {
        return executor.execute(ToolCall.of("query", QueryJson.parse(json)), analyst).forModel();
    }

    @Test
    void aSelectedUiFieldStaysWithheldUnderAnotherName() {
        JsonNode m = forModel("{\"entity\":\"customers\",\"fields\":[\"name\"],"
                + "\"select\":[{\"expr\":{\"field\":\"email\"},\"as\":\"contact\"},{\"expr\":{\"field\":\"segment\"},\"as\":\"tier\"}]}");
        assertThat(m.path("columns").toString()).contains("name", "tier").doesNotContain("contact");
        assertThat(m.path("withheldColumns").toString()).contains("contact");
        assertThat(m.path("rows").get(0).has("contact")).isFalse();
    }

    @Test
    void aComputedGroupKeyIsWithheld() {
        JsonNode m = forModel("{\"entity\":\"orders\",\"groupBy\":[{\"expr\":{\"datePart\":\"year\","
                + "\"of\":{\"field\":\"order_date\"}},\"as\":\"total\"}],\"aggregates\":[{\"fn\":\"count\"}]}");
        assertThat(m.path("withheldColumns").toString()).contains("total");
        assertThat(m.path("columns").toString()).contains("count");
    }
}
