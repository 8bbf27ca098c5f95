package io.promoagent.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.Shop;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.reply.MetricBlock;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.json.QueryJson;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QueryToolTest {

    private static final int CUSTOMERS = 30;

    private final QueryTool tool = QueryTool.of(Shop.engine(CUSTOMERS));
    private final ToolExecutor executor = ToolExecutor.builder(ToolRegistry.of(tool)).build();
    private final ToolContext analyst = ToolContext.of(Principal.of("ada", "analyst"), Shop.CLOCK);

    @AfterEach
    void close() {
        executor.close();
    }

    private ToolResult query(String json) {
        return executor.execute(ToolCall.of("query", QueryJson.parse(json)), analyst);
    }

    @Test
    void isAReadToolWhoseParametersAreTheGeneratedQuerySchema() {
        assertThat(tool.descriptor().name()).isEqualTo("query");
        assertThat(tool.descriptor().effect()).isEqualTo(ToolEffect.READ);
        assertThat(tool.descriptor().parameters().path("properties").path("entity").path("enum").toString())
                .contains("customers", "orders");
        assertThat(tool.descriptor().parameters().has("$defs")).isTrue();
    }

    @Nested
    class ThePersonsView {

        @Test
        void isAFullTableWithEveryVisibleColumnAndRow() {
            ToolResult result = query("{\"entity\":\"customers\"}");

            TableBlock table = (TableBlock) result.blocks().get(0);
            assertThat(table.entity()).isEqualTo("customers");
            assertThat(table.columns()).contains("id", "name", "email", "segment").doesNotContain("phone");
            assertThat(table.rows()).hasSize(CUSTOMERS);
            assertThat(table.total()).isEqualTo(CUSTOMERS);
            assertThat(table.rows().get(0)).containsEntry("email", Shop.email(1))
                    .containsEntry("total_spent", new BigDecimal("100.50"));
        }

        @Test
        void isAMetricForASingleAggregateWithoutGroups() {
            ToolResult result = query("{\"entity\":\"customers\",\"where\":{\"type\":\"rule\",\"rule\":\"vip\"},"
                    + "\"aggregates\":[{\"fn\":\"count\"}]}");

            assertThat(result.blocks()).singleElement().isEqualTo(new MetricBlock("number of customers",
                    new BigDecimal(CUSTOMERS / 3)));
            assertThat(result.summary()).isEqualTo("number of customers: 10");
        }

        @Test
        void isATableForGroupedResults() {
            ToolResult result = query("{\"entity\":\"customers\",\"groupBy\":[{\"field\":\"segment\"}],"
                    + "\"aggregates\":[{\"fn\":\"count\"}]}");

            TableBlock table = (TableBlock) result.blocks().get(0);
            assertThat(table.columns()).containsExactly("segment", "count");
            assertThat(table.rows()).hasSize(3);
            assertThat(result.summary()).isEqualTo("number of customers by segment: 3 groups");
            assertThat(table.labels()).containsEntry("segment", "segment").containsEntry("count", "number of customers");
        }

        @Test
        void labelsColumnsAndSaysWhatWasGroupedInWords() {
            ToolResult byMonth = query("{\"entity\":\"orders\",\"groupBy\":[{\"field\":\"order_date\",\"truncate\":\"month\"}],"
                    + "\"aggregates\":[{\"measure\":\"revenue\"},{\"fn\":\"avg\",\"field\":\"total\"}]}");
            TableBlock months = (TableBlock) byMonth.blocks().get(0);
            assertThat(months.labels()).containsEntry("order_date_month", "month of order date")
                    .containsEntry("revenue", "revenue").containsEntry("avg_total", "average total");
            assertThat(byMonth.summary()).isEqualTo("revenue and average total by month of order date: "
                    + months.total() + (months.total() == 1 ? " month" : " months"));

            ToolResult bySegment = query("{\"entity\":\"orders\",\"groupBy\":[{\"field\":\"customer.segment\"}],"
                    + "\"aggregates\":[{\"fn\":\"count_distinct\",\"field\":\"customer_id\",\"as\":\"buyers\"}]}");
            assertThat(((TableBlock) bySegment.blocks().get(0)).labels()).containsEntry("customer.segment", "customer segment")
                    .containsEntry("buyers", "buyers");
            assertThat(bySegment.summary()).startsWith("buyers by customer segment: ").endsWith(" groups");
        }

        @Test
        void countsRecordsWithTheRightNumberOfTheNoun() {
            assertThat(query("{\"entity\":\"customers\",\"limit\":1}").summary()).isEqualTo("1 customer");
            assertThat(query("{\"entity\":\"customers\",\"limit\":2}").summary()).isEqualTo("2 customers");
        }

        @Test
        void showsAMeasureAsAMetric() {
            ToolResult result = query("{\"entity\":\"orders\",\"aggregates\":[{\"measure\":\"revenue\"}]}");

            assertThat(result.blocks()).singleElement().isEqualTo(new MetricBlock("revenue",
                    new BigDecimal("25.25").multiply(new BigDecimal(CUSTOMERS))));
        }
    }

    @Nested
    class TheModelsView {

        @Test
        void holdsTheCountAndTheFirstRowsWithModelVisibleColumnsOnly() {
            JsonNode m = query("{\"entity\":\"customers\"}").forModel();

            assertThat(m.path("count").asInt()).isEqualTo(CUSTOMERS);
            assertThat(m.path("rows")).hasSize(20);
            assertThat(m.path("columns").toString()).contains("name", "segment").doesNotContain("email", "mood");
            assertThat(m.path("withheldColumns").toString()).contains("email", "mood");
            assertThat(m.path("rows").get(0).has("email")).isFalse();
            assertThat(m.path("note").asText()).contains("first 20");
        }

        @Test
        void takesTheNumberOfRowsFromTheBuilder() {
            QueryTool small = QueryTool.builder(Shop.engine(5)).modelRows(2).build();

            ToolResult result = small.execute(ToolCall.of("query", QueryJson.parse("{\"entity\":\"customers\"}")), analyst);

            assertThat(result.forModel().path("rows")).hasSize(2);
            assertThat(((TableBlock) result.blocks().get(0)).rows()).hasSize(5);
        }

        @Test
        void neverHoldsAValueOfAUiOrHiddenField() {
            List<String> queries = List.of(
                    "{\"entity\":\"customers\"}",
                    "{\"entity\":\"customers\",\"fields\":[\"id\",\"email\",\"mood\"]}",
                    "{\"entity\":\"customers\",\"where\":{\"type\":\"compare\",\"field\":\"email\",\"op\":\"begins_with\","
                            + "\"value\":\"secret-1\"}}",
                    "{\"entity\":\"customers\",\"groupBy\":[{\"field\":\"email\"}],\"aggregates\":[{\"fn\":\"count\"}]}",
                    "{\"entity\":\"customers\",\"groupBy\":[{\"field\":\"mood\"}],\"aggregates\":[{\"fn\":\"count\"}]}",
                    "{\"entity\":\"customers\",\"aggregates\":[{\"fn\":\"max\",\"field\":\"email\"}]}",
                    "{\"entity\":\"customers\",\"aggregates\":[{\"fn\":\"min\",\"field\":\"email\"},{\"fn\":\"count\"}]}",
                    "{\"entity\":\"orders\",\"groupBy\":[{\"field\":\"customer.email\"}],\"aggregates\":[{\"fn\":\"count\"}]}");
            for (String q : queries) {
                ToolResult result = query(q);
                assertThat(result.isSuccess()).as(q + ": " + result.errors()).isTrue();
                String seen = result.forModel().toString() + result.summary();
                assertThat(seen).as(q).doesNotContain("@mail.test", "+99-", "Secret");
            }
        }

        @Test
        void keepsCountsOfUiFieldsBecauseACountRevealsNoValue() {
            JsonNode m = query("{\"entity\":\"customers\",\"groupBy\":[{\"field\":\"mood\"}],"
                    + "\"aggregates\":[{\"fn\":\"count_distinct\",\"field\":\"email\"}]}").forModel();

            assertThat(m.path("columns").toString()).contains("count_distinct_email").doesNotContain("\"mood\"");
            assertThat(m.path("withheldColumns").toString()).contains("mood");
        }
    }

    @Nested
    class InvalidQueries {

        @Test
        void comeBackWithCodesPathsAndSuggestions() {
            ToolResult result = query("{\"entity\":\"customers\",\"where\":{\"type\":\"compare\","
                    + "\"field\":\"total_spend\",\"op\":\"gt\",\"value\":1000}}");

            assertThat(result.status()).isEqualTo(ToolResult.Status.INVALID_ARGUMENTS);
            assertThat(result.errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo("unknown_field");
                assertThat(e.path()).isEqualTo("$.where.field");
                assertThat(e.suggestions()).contains("total_spent");
            });
            JsonNode error = result.forModel().path("errors").get(0);
            assertThat(error.path("code").asText()).isEqualTo("unknown_field");
            assertThat(error.path("suggestions").toString()).contains("total_spent");
        }

        @Test
        void ofTheWrongShapeAreReportedByTheReader() {
            ToolResult result = query("{\"entity\":\"customers\",\"limit\":\"five\"}");

            assertThat(result.status()).isEqualTo(ToolResult.Status.INVALID_ARGUMENTS);
            assertThat(result.errors().get(0).path()).isEqualTo("$.limit");
        }

        @Test
        void namingAHiddenFieldIsRefused() {
            ToolResult result = query("{\"entity\":\"customers\",\"fields\":[\"phone\"]}");

            assertThat(result.status()).isEqualTo(ToolResult.Status.INVALID_ARGUMENTS);
            assertThat(result.forModel().toString()).doesNotContain("+99-");
        }
    }

    @Test
    void aTableRowHoldsOnlyRowValues() {
        TableBlock table = (TableBlock) query("{\"entity\":\"customers\",\"fields\":[\"name\"],\"limit\":1}").blocks().get(0);

        assertThat(table.rows()).containsExactly(Map.of("name", "Customer 1", "id", "C00001"));
    }
}
