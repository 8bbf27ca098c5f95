package io.promoagent.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.chat.ChatModel;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.LlmOrchestrator;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.test.DataFixture;
import io.promoagent.test.ReplyAssert;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The LLM orchestrator with the query tool over the demo data, talking to each provider module through a
 * local server: the query tool's schema reaches the wire, the model's call runs against the data, and the
 * model-safe result goes back without a single e-mail address.
 */
class OrchestratorOverProvidersTest {

    static final DataModel MODEL = DemoShop.model();
    static final DataFixture DEMO = DataFixture.loadResources(MODEL, DemoShop.class, DemoShop.DATA);
    static final Clock CLOCK = DemoShop.CLOCK;
    static final String QUESTION = "Show VIP customers";
    static final String VIP_QUERY = "{\"entity\":\"customers\",\"where\":{\"type\":\"rule\",\"rule\":\"vip\"}}";

    static final List<Row> VIPS = DEMO.rows("customers").stream()
            .filter(row -> "VIP".equals(row.valueOrNull("segment")))
            .toList();

    static LlmOrchestrator orchestrator(ChatModel model) {
        QueryEngine engine = QueryEngine.builder(MODEL).source(DEMO.inMemorySource()).clock(CLOCK).build();
        ToolExecutor tools = ToolExecutor.builder(ToolRegistry.of(QueryTool.of(engine))).build();
        return LlmOrchestrator.builder().chatModel(model).tools(tools).dataModel(MODEL).clock(CLOCK).build();
    }

    /** What every provider must deliver, whatever its wire format. */
    abstract static class ThroughAProvider {

        ScriptedHttpServer server;
        Reply reply;

        abstract ChatModel model(ScriptedHttpServer server);

        abstract String toolCallResponse();

        abstract String answerResponse();

        /** The query tool's parameter schema as it arrived. */
        abstract JsonNode sentSchema(JsonNode firstRequest);

        /** The query tool's description as it arrived. */
        abstract String sentDescription(JsonNode firstRequest);

        /** The text of the tool result as it arrived in the second request. */
        abstract String sentToolResult(JsonNode secondRequest);

        @BeforeAll
        void ask() {
            server = ScriptedHttpServer.start().thenRespond(toolCallResponse()).thenRespond(answerResponse());
            reply = orchestrator(model(server)).handle(AgentRequest.of(QUESTION, Principal.of("alice", "marketer")));
        }

        @AfterAll
        void stop() {
            server.close();
        }

        JsonNode request(int i) {
            return server.received().get(i).json();
        }

        @Test
        void answersWithTheModelsTextAndTheFullTableOfVips() {
            assertThat(VIPS).isNotEmpty();
            ReplyAssert.assertThat(reply)
                    .hasNoErrors()
                    .hasTextContaining("VIP customers")
                    .hasTable("customers")
                    .withRowCount(VIPS.size())
                    .withTotal(VIPS.size())
                    .allRowsHave("segment", "VIP")
                    .and().hasNoWrites();
        }

        @Test
        void countsTheProvidersUsage() {
            assertThat(server.received()).hasSize(2);
            ReplyAssert.assertThat(reply).hasModelCalls(2).hasToolCalls(1).hasTokens(321 + 400, 45 + 12);
        }

        @Test
        void sendsTheQueryToolWithItsEntitiesAsAnEnum() {
            JsonNode schema = sentSchema(request(0));

            assertThat(schema.at("/properties/entity/enum")).extracting(JsonNode::asText)
                    .contains("customers", "orders", "promotions");
            assertThat(schema.at("/required")).extracting(JsonNode::asText).contains("entity");
        }

        @Test
        void sendsTheQueryToolsDefinitionsOnceInItsDescriptionAndASchemaWithoutReferences() {
            JsonNode schema = sentSchema(request(0));

            // The demo model has more than eight rules, so their names travel in the system prompt, with their notes.
            assertThat(sentDescription(request(0))).contains("\nDefinitions:\nfield = ", "\nfilter = ",
                    "{type: \"not\", operand: filter}", "rule: string /* a name the system prompt lists, such as vip */");
            assertThat(request(0).toString()).contains("lapsed_customer");
            assertThat(schema.at("/properties/where/description").asText()).contains("filter");
            assertThat(schema.toString()).doesNotContain("$ref", "$defs");
            assertThat(SchemaReferences.dangling(schema)).isEmpty();
        }

        @Test
        void namesTheFieldsInTheSystemPrompt() {
            assertThat(request(0).toString()).contains("total_spent:number", "segment [VIP, Premium, Regular]");
        }

        @Test
        void sendsTheModelSafeResultBackAsTheToolResult() throws Exception {
            JsonNode result = ScriptedHttpServer.JSON.readTree(sentToolResult(request(1)));

            assertThat(result.get("entity").asText()).isEqualTo("customers");
            assertThat(result.get("count").asInt()).isEqualTo(VIPS.size());
            assertThat(result.get("rows")).isNotEmpty();
            assertThat(result.get("columns")).extracting(JsonNode::asText).doesNotContain("email");
        }

        @Test
        void neverSendsAnEmailAddressToTheModel() {
            List<String> bodies = server.received().stream().map(ScriptedHttpServer.Received::body).toList();

            assertThat(bodies).hasSize(2);
            for (Row customer : DEMO.rows("customers")) {
                String email = (String) customer.valueOrNull("email");
                assertThat(bodies).noneMatch(body -> body.contains(email));
            }
            assertThat(bodies).noneMatch(body -> body.contains("@example."));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BedrockConverse extends ThroughAProvider {

        private BedrockRuntimeClient client;

        @Override
        ChatModel model(ScriptedHttpServer server) {
            client = BedrockConverseWireTest.clientFor(server);
            return BedrockChatModel.builder().client(client).modelId(BedrockConverseWireTest.MODEL_ID).maxRetries(0).build();
        }

        @AfterAll
        void closeClient() {
            client.close();
        }

        @Override
        String toolCallResponse() {
            return """
                    {"output":{"message":{"role":"assistant","content":[
                       {"toolUse":{"toolUseId":"t1","name":"query","input":%s}}]}},
                     "stopReason":"tool_use","usage":{"inputTokens":321,"outputTokens":45,"totalTokens":366},
                     "metrics":{"latencyMs":1}}
                    """.formatted(VIP_QUERY);
        }

        @Override
        String answerResponse() {
            return """
                    {"output":{"message":{"role":"assistant","content":[{"text":"Here are the %d VIP customers."}]}},
                     "stopReason":"end_turn","usage":{"inputTokens":400,"outputTokens":12,"totalTokens":412},
                     "metrics":{"latencyMs":1}}
                    """.formatted(VIPS.size());
        }

        @Override
        JsonNode sentSchema(JsonNode firstRequest) {
            JsonNode spec = firstRequest.at("/toolConfig/tools/0/toolSpec");
            assertThat(spec.get("name").asText()).isEqualTo(QueryTool.NAME);
            return spec.at("/inputSchema/json");
        }

        @Override
        String sentDescription(JsonNode firstRequest) {
            return firstRequest.at("/toolConfig/tools/0/toolSpec/description").asText();
        }

        @Override
        String sentToolResult(JsonNode secondRequest) {
            JsonNode result = secondRequest.at("/messages/2/content/0/toolResult");
            assertThat(result.get("toolUseId").asText()).isEqualTo("t1");
            return result.at("/content/0/text").asText();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OpenAiCompatible extends ThroughAProvider {

        @Override
        ChatModel model(ScriptedHttpServer server) {
            return OpenAiCompatibleWireTest.modelFor(server);
        }

        @Override
        String toolCallResponse() {
            String arguments = VIP_QUERY.replace("\"", "\\\"");
            return """
                    {"id":"chatcmpl-1","object":"chat.completion","created":1767225600,"model":"test-model",
                     "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
                        {"id":"call_abc","type":"function","function":{"name":"query","arguments":"%s"}}]},
                       "finish_reason":"tool_calls"}],
                     "usage":{"prompt_tokens":321,"completion_tokens":45,"total_tokens":366}}
                    """.formatted(arguments);
        }

        @Override
        String answerResponse() {
            return """
                    {"id":"chatcmpl-2","object":"chat.completion","created":1767225601,"model":"test-model",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"Here are the %d VIP customers."},
                       "finish_reason":"stop"}],
                     "usage":{"prompt_tokens":400,"completion_tokens":12,"total_tokens":412}}
                    """.formatted(VIPS.size());
        }

        @Override
        JsonNode sentSchema(JsonNode firstRequest) {
            JsonNode function = firstRequest.at("/tools/0/function");
            assertThat(function.get("name").asText()).isEqualTo(QueryTool.NAME);
            return function.get("parameters");
        }

        @Override
        String sentDescription(JsonNode firstRequest) {
            return firstRequest.at("/tools/0/function/description").asText();
        }

        @Override
        String sentToolResult(JsonNode secondRequest) {
            JsonNode tool = secondRequest.at("/messages/3");
            assertThat(tool.get("role").asText()).isEqualTo("tool");
            assertThat(tool.get("tool_call_id").asText()).isEqualTo("call_abc");
            return tool.get("content").asText();
        }

    }
}
