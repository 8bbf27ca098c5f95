package io.promoagent.core.orchestrator;

import static io.promoagent.core.orchestrator.Demo.MIA;
import static io.promoagent.core.orchestrator.Demo.VIP_QUERY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.tool.ReadTool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.ToolException;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.test.ReplyAssert;
import io.promoagent.test.ScriptedChatModel;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LlmOrchestratorTest {

    private static final String QUESTION = "Show VIP customers";

    @Nested
    class TheToolLoop {

        @Test
        void runsTheModelsQueryAndReturnsItsAnswerWithTheFullTable() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("query", VIP_QUERY)
                    .thenAnswer("Here are the VIP customers.")
                    .build();

            Reply reply = Demo.orchestrator(model).build().handle(AgentRequest.of(QUESTION, MIA));

            ReplyAssert.assertThat(reply).hasNoErrors().hasTextContaining("Here are the VIP customers")
                    .hasTable("customers").withRowCount(Demo.vips().size()).withColumn("email");
            model.assertAllTurnsUsed();
        }

        @Test
        void sendsTheSystemPromptTheQuestionAndTheToolsToTheModel() {
            ScriptedChatModel model = ScriptedChatModel.builder().thenAnswer("Hello.").build();

            Demo.orchestrator(model).build().handle(AgentRequest.of(QUESTION, MIA));

            ChatRequest first = model.requests().get(0);
            assertThat(first.messages().get(0)).isInstanceOfSatisfying(SystemMessage.class, s -> assertThat(s.text())
                    .contains("- customers:", "segment [VIP, Premium, Regular]", "  rule vip: ",
                            "  measure revenue: ", "Today is 2026-06-30."));
            assertThat(first.messages().get(first.messages().size() - 1))
                    .isInstanceOfSatisfying(UserMessage.class, u -> assertThat(u.singleText()).isEqualTo(QUESTION));
            assertThat(first.toolSpecifications()).extracting(s -> s.name()).containsExactly("query");
        }

        @Test
        void givesTheModelTheCompactResultUnderTheCallsId() throws Exception {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("query", VIP_QUERY)
                    .thenAnswer("Done.")
                    .build();

            Demo.orchestrator(model).build().handle(AgentRequest.of(QUESTION, MIA));

            ToolExecutionResultMessage result = Demo.lastToolResult(model.requests().get(1));
            assertThat(result.id()).isEqualTo("call_1");
            assertThat(result.toolName()).isEqualTo("query");
            JsonNode json = QueryJson.mapper().readTree(result.text());
            assertThat(json.path("count").asInt()).isEqualTo(Demo.vips().size());
            assertThat(json.path("rows").size()).isEqualTo(Math.min(20, Demo.vips().size()));
            assertThat(json.path("withheldColumns").toString()).contains("email");
        }

        @Test
        void countsUsageOverEveryModelCall() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("query", VIP_QUERY).withUsage(1200, 40)
                    .thenAnswer("Done.").withUsage(1500, 12)
                    .build();

            Reply reply = Demo.orchestrator(model).build().handle(AgentRequest.of(QUESTION, MIA));

            ReplyAssert.assertThat(reply).hasModelCalls(2).hasToolCalls(1).hasTokens(2700, 52);
            assertThat(reply.usage().latencyMillis()).isGreaterThanOrEqualTo(0);
        }

        @Test
        void proposesAWriteAndNeverAppliesIt() {
            Demo.PausePromotion pause = new Demo.PausePromotion();
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("pause_promotion", "{\"code\":\"SUMMER25\"}")
                    .thenAnswer("The pause awaits approval.")
                    .build();

            Reply reply = Demo.orchestrator(model, pause).build().handle(AgentRequest.of("pause SUMMER25", MIA));

            ReplyAssert.assertThat(reply).hasNoWrites().hasApprovalFor("pause_promotion").withAffectedCount(1)
                    .withEffect(ToolEffect.WRITE);
            assertThat(pause.applies).hasValue(0);
            String toModel = Demo.lastToolResult(model.requests().get(1)).text();
            assertThat(toModel).contains("approvalId").doesNotContain("Pause SUMMER25");
        }
    }

    @Nested
    class DirectReplies {

        @Test
        void sendATableStraightToThePersonWithoutASecondModelCall() {
            ScriptedChatModel model = ScriptedChatModel.builder().thenCallTool("query", VIP_QUERY).build();

            Reply reply = Demo.orchestrator(model).replyMode(ReplyMode.DIRECT).build()
                    .handle(AgentRequest.of(QUESTION, MIA));

            ReplyAssert.assertThat(reply).hasNoErrors().hasModelCalls(1)
                    .hasTable("customers").withRowCount(Demo.vips().size());
            assertThat(reply.text()).isEqualTo(Demo.vips().size() + " customers.");
            assertThat(model.requests()).hasSize(1);
        }

        @Test
        void useTheResultsNotTheModelsPreambleAsText() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenRespond(request -> ChatResponse.builder().aiMessage(AiMessage.from("Let me look that up.",
                            List.of(ToolExecutionRequest.builder().id("t1").name("query").arguments(VIP_QUERY).build())))
                            .build())
                    .build();

            Reply reply = Demo.orchestrator(model).replyMode(ReplyMode.DIRECT).build()
                    .handle(AgentRequest.of(QUESTION, MIA));

            assertThat(reply.text()).isEqualTo(Demo.vips().size() + " customers.");
        }

        @Test
        void askTheModelAgainWhenACallOfTheTurnFailed() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("query", "{\"entity\":\"customer\"}")
                    .thenCallTool("query", VIP_QUERY)
                    .build();

            Reply reply = Demo.orchestrator(model).replyMode(ReplyMode.DIRECT).build()
                    .handle(AgentRequest.of(QUESTION, MIA));

            ReplyAssert.assertThat(reply).hasNoErrors().hasModelCalls(2).hasTable("customers");
            model.assertAllTurnsUsed();
        }

        @Test
        void sendAnApprovalStraightToThePersonToo() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("pause_promotion", "{\"code\":\"SUMMER25\"}")
                    .build();

            Reply reply = Demo.orchestrator(model, new Demo.PausePromotion()).replyMode(ReplyMode.DIRECT).build()
                    .handle(AgentRequest.of("pause SUMMER25", MIA));

            ReplyAssert.assertThat(reply).hasModelCalls(1).hasApprovalFor("pause_promotion");
            assertThat(reply.text()).startsWith("Proposed: change 1 promotion").doesNotContain("SUMMER25");
        }
    }

    @Nested
    class Repairs {

        @Test
        void returnsAnInvalidCallsErrorsToTheModelWhichRepairsIt() throws Exception {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("query", "{\"entity\":\"customers\",\"where\":{\"type\":\"compare\","
                            + "\"field\":\"total_spend\",\"op\":\"gt\",\"value\":1000}}")
                    .thenCallTool("query", "{\"entity\":\"customers\",\"where\":{\"type\":\"compare\","
                            + "\"field\":\"total_spent\",\"op\":\"gt\",\"value\":1000}}")
                    .thenAnswer("Here they are.")
                    .build();

            Reply reply = Demo.orchestrator(model).build().handle(AgentRequest.of("customers who spent > $1000", MIA));

            ReplyAssert.assertThat(reply).hasNoErrors().hasTable("customers");
            JsonNode error = QueryJson.mapper().readTree(Demo.lastToolResult(model.requests().get(1)).text())
                    .path("errors").get(0);
            assertThat(error.path("code").asText()).isEqualTo("unknown_field");
            assertThat(error.path("path").asText()).isEqualTo("$.where.field");
            assertThat(error.path("suggestions").get(0).asText()).isEqualTo("total_spent");
        }

        @Test
        void stopAfterTwoWithATypedError() {
            String bad = "{\"entity\":\"customers\",\"groupBy\":[{\"field\":\"favourite_colour\"}]}";
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("query", bad)
                    .thenCallTool("query", bad)
                    .thenCallTool("query", bad)
                    .thenAnswer("never reached")
                    .build();

            Reply reply = Demo.orchestrator(model).build().handle(AgentRequest.of("customers by favourite colour", MIA));

            ReplyAssert.assertThat(reply).hasModelCalls(3).hasError("too_many_repairs")
                    .withMessageContaining("favourite_colour");
            assertThat(model.remaining()).isEqualTo(1);
        }

        @Test
        void startCountingAfreshAfterASuccess() {
            String bad = "{\"entity\":\"customer\"}";
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("query", bad)
                    .thenCallTool("query", bad)
                    .thenCallTool("query", VIP_QUERY)
                    .thenCallTool("query", bad)
                    .thenCallTool("query", bad)
                    .thenAnswer("Done.")
                    .build();

            Reply reply = Demo.orchestrator(model).build().handle(AgentRequest.of(QUESTION, MIA));

            ReplyAssert.assertThat(reply).hasNoErrors().hasModelCalls(6).hasTable("customers");
        }
    }

    @Nested
    class ConcurrentReads {

        @Test
        void readToolsRequestedInOneTurnRunTogether() {
            CyclicBarrier barrier = new CyclicBarrier(2);
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("left", "{}").andCallTool("right", "{}")
                    .thenAnswer("Both ran.")
                    .build();

            Reply reply = Demo.orchestrator(model, meeting("left", barrier), meeting("right", barrier)).build()
                    .handle(AgentRequest.of("run both", MIA));

            ReplyAssert.assertThat(reply).hasNoErrors().hasToolCalls(2);
            List<ToolExecutionResultMessage> results = Demo.toolResults(model.requests().get(1));
            assertThat(results).extracting(ToolExecutionResultMessage::id).containsExactly("call_1", "call_2");
            assertThat(results).extracting(ToolExecutionResultMessage::text)
                    .allSatisfy(t -> assertThat(t).contains("met"));
        }

        private ReadTool meeting(String name, CyclicBarrier barrier) {
            ToolDescriptor d = ToolDescriptor.of(name, "Waits for its partner",
                    JsonNodeFactory.instance.objectNode().put("type", "object"), ToolEffect.READ);
            return new ReadTool() {
                @Override
                public ToolDescriptor descriptor() {
                    return d;
                }

                @Override
                public ToolResult execute(ToolCall call, ToolContext context) {
                    try {
                        barrier.await(2, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ToolException("interrupted");
                    } catch (BrokenBarrierException | TimeoutException e) {
                        throw new ToolException(name + " ran alone");
                    }
                    return ToolResult.ok(name + " met", JsonNodeFactory.instance.objectNode().put("status", "met"));
                }
            };
        }
    }

    @Nested
    class Sessions {

        @Test
        void rememberEarlierMessagesOfTheSameConversation() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenAnswer("There are many.")
                    .thenAnswer("Of those, some.")
                    .build();
            LlmOrchestrator o = Demo.orchestrator(model).build();

            o.handle(new AgentRequest("How many VIP customers?", MIA, "s1"));
            o.handle(new AgentRequest("And in Germany?", MIA, "s1"));

            String second = Demo.prompt(model.requests().get(1));
            assertThat(second).contains("How many VIP customers?", "There are many.", "And in Germany?");
        }

        @Test
        void keepConversationsApart() {
            ScriptedChatModel model = ScriptedChatModel.builder().thenAnswer("One.").thenAnswer("Two.").build();
            LlmOrchestrator o = Demo.orchestrator(model).build();

            o.handle(new AgentRequest("first question", MIA, "s1"));
            o.handle(new AgentRequest("second question", MIA, "s2"));

            assertThat(Demo.prompt(model.requests().get(1))).doesNotContain("first question");
        }

        @Test
        void forgetWhatNoLongerFitsTheTokenBudget() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenAnswer("a".repeat(400)).thenAnswer("b").thenAnswer("c").build();
            LlmOrchestrator o = Demo.orchestrator(model)
                    .memory(io.promoagent.core.session.ConversationMemory.ofTokens(60)).build();

            o.handle(new AgentRequest("old question", MIA, "s1"));
            o.handle(new AgentRequest("middle question", MIA, "s1"));
            o.handle(new AgentRequest("new question", MIA, "s1"));

            assertThat(Demo.prompt(model.requests().get(2))).contains("middle question").doesNotContain("old question");
        }
    }
}
