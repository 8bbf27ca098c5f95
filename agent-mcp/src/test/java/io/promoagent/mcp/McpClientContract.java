package io.promoagent.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.promoagent.core.query.QueryTool;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every transport must show to the SDK's own client: the tools with their schemas, a read that answers
 * with rows, and a write that only proposes.
 */
abstract class McpClientContract {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JacksonMcpJsonMapper MAPPER = new JacksonMcpJsonMapper(JSON);
    /** The client checks structured content against output schemas; the server declares none. */
    static final JsonSchemaValidator NO_OUTPUT_SCHEMAS = (schema, content) ->
            JsonSchemaValidator.ValidationResponse.asValid(null);
    static final String VIP_25 = "{\"discount_type\":\"percent\",\"discount_value\":25,\"audience_rule\":\"vip\"}";
    static final String ALL_PROMOTIONS = "{\"entity\":\"promotions\"}";

    /** A client connected and initialised as the marketer. */
    abstract McpSyncClient client();

    static CallToolResult call(McpSyncClient client, String tool, String jsonArguments) throws Exception {
        Map<String, Object> arguments = JSON.readValue(jsonArguments, new TypeReference<Map<String, Object>>() { });
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    static JsonNode structured(CallToolResult result) {
        return JSON.valueToTree(result.structuredContent());
    }

    static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    static String codeIs(String code) {
        return "{\"entity\":\"promotions\",\"where\":{\"type\":\"compare\",\"field\":\"code\",\"op\":\"eq\",\"value\":\""
                + code + "\"}}";
    }

    @Test
    void listsEveryToolWithTheQueryToolsSchemaAsItsInputSchema() {
        McpSchema.ListToolsResult tools = client().listTools();

        assertThat(tools.tools()).extracting(McpSchema.Tool::name)
                .contains("query", "create_promotion", "change_promotion_status", "promotion_performance");
        McpSchema.Tool query = tools.tools().stream().filter(t -> t.name().equals("query")).findFirst().orElseThrow();
        assertThat((JsonNode) JSON.valueToTree(query.inputSchema()))
                .isEqualTo(QueryTool.of(new McpWorld().engine).descriptor().parameters());
        assertThat(query.annotations().readOnlyHint()).isTrue();
        McpSchema.Tool create = tools.tools().stream().filter(t -> t.name().equals("create_promotion")).findFirst()
                .orElseThrow();
        assertThat(create.annotations().readOnlyHint()).isFalse();
        assertThat(create.description()).contains("only proposes");
    }

    @Test
    void aQueryAnswersWithItsRowsAsStructuredContentAndText() throws Exception {
        CallToolResult result = call(client(), "query", ALL_PROMOTIONS);

        assertThat(result.isError()).isFalse();
        JsonNode answer = structured(result);
        assertThat(answer.get("entity").asText()).isEqualTo("promotions");
        assertThat(answer.get("count").asInt()).isEqualTo(McpWorld.DATA.rows("promotions").size());
        assertThat(answer.get("rows").get(0).has("code")).isTrue();
        assertThat(text(result)).contains("\"rows\"");
    }

    @Test
    void aQueryThatDoesNotFitTheModelAnswersWithRepairableErrors() throws Exception {
        CallToolResult result = call(client(), "query", "{\"entity\":\"promotionz\"}");

        assertThat(result.isError()).isTrue();
        assertThat(structured(result).toString()).contains("promotions");
    }

    @Test
    void createPromotionAnswersWithAPendingApprovalAndWritesNothing() throws Exception {
        int before = structured(call(client(), "query", ALL_PROMOTIONS)).get("count").asInt();

        CallToolResult result = call(client(), "create_promotion", VIP_25);

        assertThat(result.isError()).isFalse();
        JsonNode pending = structured(result);
        assertThat(pending.get("status").asText()).isEqualTo("awaiting_approval");
        assertThat(pending.get("approvalId").asText()).isNotBlank();
        assertThat(pending.get("affectedCount").asInt()).isEqualTo(1);
        assertThat(pending.get("summary").asText()).contains("25% off for VIP customers");
        assertThat(pending.at("/impact/audience/size").asLong()).isPositive();
        assertThat(pending.get("decideAt").asText()).isEqualTo("https://promo.example.com/approvals");
        assertThat(text(result)).contains("Awaiting approval " + pending.get("approvalId").asText());
        assertThat(structured(call(client(), "query", ALL_PROMOTIONS)).get("count").asInt()).isEqualTo(before);
    }
}
