package io.promoagent.core.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.query.QueryTool;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.test.DynamoDbFixture;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The query tool over DynamoDB Local answers as over the in-memory source, and keeps ui values from the model. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryToolOverDynamoDbTest {

    private DynamoDbFixture dynamo;
    private QueryTool overDynamo;
    private final QueryTool inMemory = QueryTool.of(Demo.engine());
    private final ToolContext context = ToolContext.of(Demo.MIA, Demo.CLOCK);

    @BeforeAll
    void start() {
        dynamo = DynamoDbFixture.startLocal(Demo.DATA);
        overDynamo = QueryTool.of(QueryEngine.builder(Demo.MODEL).source(dynamo.dataSource()).clock(Demo.CLOCK).build());
    }

    @AfterAll
    void stop() {
        dynamo.close();
    }

    private static ToolResult run(QueryTool tool, String query, ToolContext context) {
        return tool.execute(ToolCall.of("query", QueryJson.parse(query)), context);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"entity\":\"customers\",\"where\":{\"type\":\"rule\",\"rule\":\"vip\"}}",
            "{\"entity\":\"customers\",\"where\":{\"type\":\"compare\",\"field\":\"total_spent\",\"op\":\"gt\",\"value\":1000}}",
            "{\"entity\":\"customers\",\"groupBy\":[{\"field\":\"segment\"}],\"aggregates\":[{\"fn\":\"count\"}]}",
            "{\"entity\":\"orders\",\"aggregates\":[{\"measure\":\"revenue\"}]}",
            "{\"entity\":\"customers\",\"where\":{\"type\":\"and\",\"operands\":[{\"type\":\"rule\",\"rule\":\"vip\"},"
                    + "{\"type\":\"related\",\"via\":\"orders\",\"where\":{\"type\":\"rule\",\"rule\":\"recent_orders\"},"
                    + "\"exists\":true}]}}",
            "{\"entity\":\"customers\",\"orderBy\":[{\"by\":\"total_spent\",\"direction\":\"desc\"}],\"limit\":5}"})
    void answersAsOverTheInMemorySource(String query) {
        ToolResult dynamoResult = run(overDynamo, query, context);
        ToolResult memoryResult = run(inMemory, query, context);

        assertThat(dynamoResult.isSuccess()).as(dynamoResult.errors().toString()).isTrue();
        assertThat(comparable(dynamoResult.blocks())).isEqualTo(comparable(memoryResult.blocks()));
        assertThat(dynamoResult.forModel().path("count")).isEqualTo(memoryResult.forModel().path("count"));
    }

    @Test
    void neverGivesTheModelAUiValue() {
        ToolResult result = run(overDynamo, "{\"entity\":\"customers\",\"fields\":[\"id\",\"name\",\"email\"]}", context);

        String toModel = result.forModel().toString();
        assertThat(Demo.uiValues()).allSatisfy(v -> assertThat(toModel).doesNotContain(v));
        assertThat(((TableBlock) result.blocks().get(0)).rows())
                .allSatisfy(row -> assertThat(row).containsKey("email"));
    }

    /** Blocks with the rows of a table as a set, since an unordered query's row order is the source's. */
    private static Object comparable(List<Block> blocks) {
        if (blocks.size() == 1 && blocks.get(0) instanceof TableBlock t) {
            return Map.of("entity", t.entity(), "columns", t.columns(), "rows", new HashSet<>(t.rows()), "total", t.total());
        }
        return blocks;
    }
}
