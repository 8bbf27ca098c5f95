package io.promoagent.core.orchestrator;

import static io.promoagent.core.orchestrator.Demo.MIA;
import static io.promoagent.core.orchestrator.Demo.VIP_QUERY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.promoagent.core.reply.Reply;
import io.promoagent.test.ReplyAssert;
import io.promoagent.test.ScriptedChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Whatever a model returns, the request ends: with an error result it can repair, or a typed error. */
class BadModelOutputTest {

    private static Reply ask(ScriptedChatModel model) {
        return Demo.orchestrator(model).build().handle(AgentRequest.of("Show VIP customers", MIA));
    }

    private static String lastResult(ScriptedChatModel model) {
        List<ChatRequest> requests = model.requests();
        return Demo.lastToolResult(requests.get(requests.size() - 1)).text();
    }

    @Nested
    class ArgumentsGoBackToTheModel {

        @Test
        void whenTheyAreNotJson() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("query", "{\"entity\": customers")
                    .thenAnswer("Sorry.")
                    .build();

            ReplyAssert.assertThat(ask(model)).hasNoErrors().hasModelCalls(2);
            assertThat(lastResult(model)).contains("malformed_arguments", "not valid JSON");
            assertThat(Demo.lastToolResult(model.requests().get(1)).isError()).isTrue();
        }

        @Test
        void whenTheyHaveTheWrongTypes() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("query", "{\"entity\": 42, \"limit\": \"ten\"}")
                    .thenAnswer("Sorry.")
                    .build();

            ask(model);

            assertThat(lastResult(model)).contains("unknown_enum_value", "$.entity", "wrong_json_type", "$.limit");
        }

        @Test
        void whenTheyAreNotAnObject() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("query", "[1, 2, 3]")
                    .thenAnswer("Sorry.")
                    .build();

            ask(model);

            assertThat(lastResult(model)).contains("must be a JSON object");
        }

        @Test
        void whenTheToolIsUnknownWithTheNearestNames() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("qurey", VIP_QUERY)
                    .thenAnswer("Sorry.")
                    .build();

            ask(model);

            assertThat(lastResult(model)).contains("unknown_tool", "\"query\"");
        }

        @Test
        void whenTheyAreTenMegabytesWithoutReadingThemOrSendingThemBack() {
            String huge = "{\"entity\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("query", huge)
                    .thenAnswer("Sorry.")
                    .build();

            Reply reply = ask(model);

            ReplyAssert.assertThat(reply).hasModelCalls(2);
            assertThat(lastResult(model)).contains("arguments_too_large");
            assertThat(Demo.prompt(model.requests().get(1)).length()).isLessThan(200_000);
        }
    }

    @Nested
    class LoopsEndInATypedError {

        @Test
        void whenTheModelKeepsSendingInvalidCalls() {
            AtomicInteger calls = new AtomicInteger();
            ScriptedChatModel.Builder script = ScriptedChatModel.builder();
            for (int i = 0; i < 20; i++) {
                script.thenRespond(toolCall(calls, "query", "{\"entity\":\"customer\"}"));
            }
            ScriptedChatModel model = script.build();

            Reply reply = ask(model);

            ReplyAssert.assertThat(reply).hasError("too_many_repairs");
            assertThat(model.requests()).hasSize(3);
        }

        @Test
        void whenTheModelKeepsCallingUnknownTools() {
            AtomicInteger calls = new AtomicInteger();
            ScriptedChatModel.Builder script = ScriptedChatModel.builder();
            for (int i = 0; i < 20; i++) {
                script.thenRespond(toolCall(calls, "tool_" + i, "{}"));
            }
            ScriptedChatModel model = script.build();

            Reply reply = ask(model);

            ReplyAssert.assertThat(reply).hasError("too_many_model_calls");
            assertThat(model.requests()).hasSize(6);
        }

        @Test
        void whenTheModelNeverStopsCallingValidTools() {
            AtomicInteger calls = new AtomicInteger();
            ScriptedChatModel.Builder script = ScriptedChatModel.builder();
            for (int i = 0; i < 20; i++) {
                script.thenRespond(toolCall(calls, "query", VIP_QUERY));
            }
            ScriptedChatModel model = script.build();

            Reply reply = Demo.orchestrator(model).maxModelCalls(4).build()
                    .handle(AgentRequest.of("Show VIP customers", MIA));

            ReplyAssert.assertThat(reply).hasError("too_many_model_calls").and().hasModelCalls(4)
                    .hasTable("customers");
        }

        @Test
        void whenOneTurnAsksForMoreToolCallsThanAllowed() {
            ScriptedChatModel.Builder script = ScriptedChatModel.builder().thenCallTool("query", VIP_QUERY);
            for (int i = 0; i < 10; i++) {
                script.andCallTool("query", VIP_QUERY);
            }
            ScriptedChatModel model = script.thenAnswer("never").build();

            Reply reply = ask(model);

            ReplyAssert.assertThat(reply).hasError("too_many_tool_calls");
            assertThat(model.requests()).hasSize(1);
        }
    }

    @Nested
    class ModelFailures {

        @Test
        void aProviderErrorIsATypedError() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenFail(new IllegalStateException("HTTP 503 from the provider")).build();

            ReplyAssert.assertThat(ask(model)).hasError("model_failed").and().hasModelCalls(1);
        }

        @Test
        void anEmptyAnswerIsATypedError() {
            ScriptedChatModel model = ScriptedChatModel.builder().thenAnswer(" ").build();

            ReplyAssert.assertThat(ask(model)).hasError("model_failed");
        }

        @Test
        void anOversizedRequestNeverReachesTheModel() {
            ScriptedChatModel model = ScriptedChatModel.builder().build();

            Reply reply = Demo.orchestrator(model).build().handle(AgentRequest.of("x".repeat(20_000), MIA));

            ReplyAssert.assertThat(reply).hasError("request_too_large").and().hasModelCalls(0);
        }

        @Test
        void aToolCallWithoutIdOrNameIsAnsweredAsAnUnknownTool() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenRespond(r -> ChatResponse.builder().aiMessage(AiMessage.from(List.of(
                            ToolExecutionRequest.builder().arguments("{}").build()))).build())
                    .thenAnswer("Sorry.")
                    .build();

            ReplyAssert.assertThat(ask(model)).hasNoErrors().hasModelCalls(2);
            assertThat(lastResult(model)).contains("unknown_tool");
        }
    }

    private static Function<ChatRequest, ChatResponse> toolCall(AtomicInteger ids, String tool, String arguments) {
        return request -> {
            List<ToolExecutionRequest> calls = new ArrayList<>();
            calls.add(ToolExecutionRequest.builder().id("loop_" + ids.incrementAndGet()).name(tool)
                    .arguments(arguments).build());
            return ChatResponse.builder().aiMessage(AiMessage.from(calls)).build();
        };
    }
}
