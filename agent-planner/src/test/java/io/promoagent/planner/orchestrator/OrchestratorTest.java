package io.promoagent.planner.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.approval.ApprovedChangeSet;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.LlmOrchestrator;
import io.promoagent.core.orchestrator.Orchestrator;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.ClarificationBlock;
import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.MetricBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.security.Principal;
import io.promoagent.core.session.ConversationMemory;
import io.promoagent.core.session.InMemorySessionStore;
import io.promoagent.core.session.SessionLog;
import io.promoagent.core.session.SessionMessage;
import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.planner.Demo;
import io.promoagent.planner.OfflinePlanner;
import io.promoagent.planner.plan.ConfidencePolicy;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The offline and hybrid orchestrators over the demo data: plans run through the real tool chain (query
 * tool, approval gate), writes are only proposed, and the hybrid asks a model only when the planner is
 * unsure.
 */
class OrchestratorTest {

    static final Principal MARKETER = Principal.of("mia", "marketer");

    final List<Proposing> writeTools = List.of(new Proposing(Demo.createPromotion()),
            new Proposing(Demo.changePromotionStatus()), new Proposing(Demo.sendEmail()));
    final ToolRegistry registry = registry();
    final ApprovalService approvals = ApprovalService.builder(registry,
            "planner-test-signing-key-of-32-bytes!".getBytes(StandardCharsets.UTF_8)).clock(Demo.CLOCK).build();
    final ToolExecutor executor = ToolExecutor.builder(registry).approvalGate(approvals).build();
    final OfflineOrchestrator offline = OfflineOrchestrator.builder(Demo.planner(), executor).clock(Demo.CLOCK).build();

    @AfterEach
    void close() {
        executor.close();
    }

    ToolRegistry registry() {
        List<Tool> tools = new ArrayList<>(writeTools);
        tools.add(QueryTool.of(Demo.engine()));
        return ToolRegistry.builder().registerAll(tools).build();
    }

    static Reply ask(Orchestrator o, String text) {
        return o.handle(AgentRequest.of(text, MARKETER));
    }

    @Nested
    class Offline {
        @Test
        void aReadRunsThroughTheQueryToolAndShowsEveryMatchingRow() {
            Reply reply = ask(offline, "Show VIP customers");
            long vips = Demo.rows("customers").stream().filter(r -> "VIP".equals(r.values().get("segment"))).count();
            assertThat(reply.block(TableBlock.class)).hasValueSatisfying(t -> {
                assertThat(t.entity()).isEqualTo("customers");
                assertThat(t.rows()).hasSize((int) vips).allSatisfy(r -> assertThat(r.get("segment")).isEqualTo("VIP"));
            });
            assertThat(reply.usage().modelCalls()).isZero();
            assertThat(reply.usage().toolCalls()).isEqualTo(1);
        }

        @Test
        void aCountIsAMetric() {
            Reply reply = ask(offline, "How many VIP customers do we have?");
            long vips = Demo.rows("customers").stream().filter(r -> "VIP".equals(r.values().get("segment"))).count();
            assertThat(reply.block(MetricBlock.class)).hasValueSatisfying(m ->
                    assertThat(m.value()).isEqualByComparingTo(BigDecimal.valueOf(vips)));
        }

        @Test
        void aWriteIsOnlyProposedAndWaitsForApproval() {
            Reply reply = ask(offline, "Create 25% VIP discount");
            assertThat(reply.block(ApprovalBlock.class)).hasValueSatisfying(a -> {
                assertThat(a.tool()).isEqualTo("create_promotion");
                assertThat(a.arguments().get("discount_value").intValue()).isEqualTo(25);
            });
            assertThat(writeTools.get(0).proposals.get()).isEqualTo(1);
            assertThat(writeTools.get(0).applies.get()).isZero();
            assertThat(approvals.list()).hasSize(1);
        }

        @Test
        void anAmbiguousRecipientIsAQuestionAndNothingIsProposed() {
            Reply reply = ask(offline, "Email John about the promotion");
            assertThat(reply.block(ClarificationBlock.class)).hasValueSatisfying(c ->
                    assertThat(c.options()).contains("Email John Smith (C00040) about the promotion"));
            assertThat(writeTools.get(2).proposals.get()).isZero();
            assertThat(approvals.list()).isEmpty();
        }

        @Test
        void errorsAndRefusalsAreErrorBlocks() {
            assertThat(ask(offline, "show customers by favourite colour").block(ErrorBlock.class))
                    .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("unknown_field"));
            assertThat(ask(offline, "delete all customers").block(ErrorBlock.class))
                    .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(OfflineOrchestrator.REFUSED));
            assertThat(writeTools).allSatisfy(t -> assertThat(t.proposals.get()).isZero());
        }
    }

    @Nested
    class Hybrid {
        final AtomicInteger modelCalls = new AtomicInteger();
        final Orchestrator model = request -> {
            modelCalls.incrementAndGet();
            return Reply.of("answered by the model");
        };

        @Test
        void aConfidentPlanIsCarriedOutWithoutTheModel() {
            HybridOrchestrator hybrid = HybridOrchestrator.builder(offline).model(model).build();
            Reply reply = ask(hybrid, "top 5 customers by total spent");
            assertThat(modelCalls.get()).isZero();
            assertThat(reply.block(TableBlock.class)).hasValueSatisfying(t -> assertThat(t.rows()).hasSize(5));
        }

        @Test
        void anUnsurePlanGoesToTheModel() {
            HybridOrchestrator hybrid = HybridOrchestrator.builder(offline).model(model).build();
            Reply reply = ask(hybrid, "translate this to French");
            assertThat(modelCalls.get()).isEqualTo(1);
            assertThat(reply.text()).isEqualTo("answered by the model");
        }

        @Test
        void withNoModelThePlannerExplainsWhatItCouldNotDo() {
            HybridOrchestrator hybrid = HybridOrchestrator.builder(offline).build();
            Reply reply = ask(hybrid, "translate this to French");
            assertThat(reply.block(ClarificationBlock.class)).hasValueSatisfying(c ->
                    assertThat(c.message()).contains("translate"));
        }

        @Test
        void aFailingModelLeavesThePlannersAnswer() {
            HybridOrchestrator hybrid = HybridOrchestrator.builder(offline).model(request -> {
                throw new IllegalStateException("the model is down");
            }).build();
            Reply reply = ask(hybrid, "20% discount for VIPs");
            assertThat(reply.block(ClarificationBlock.class)).isPresent();
            assertThat(writeTools.get(0).proposals.get()).isZero();
        }

        @Test
        void turnsThePlannerAnswersGoIntoTheConversationTheModelReads() {
            InMemorySessionStore store = new InMemorySessionStore();
            SessionLog log = new SessionLog(store, ConversationMemory.ofTokens(2_000), Demo.CLOCK);
            List<List<SessionMessage>> seenByModel = new ArrayList<>();
            Orchestrator remembering = request -> {
                seenByModel.add(log.load(request.sessionId()).messages());
                return Reply.of("answered by the model");
            };
            HybridOrchestrator hybrid = HybridOrchestrator.builder(offline).model(remembering).conversations(log).build();

            Reply first = hybrid.handle(new AgentRequest("top 5 customers by total spent", MARKETER, "s-1"));
            hybrid.handle(new AgentRequest("translate this to French", MARKETER, "s-1"));

            assertThat(seenByModel).singleElement().isEqualTo(List.of(
                    SessionMessage.user("top 5 customers by total spent"), SessionMessage.assistant(first.text())));
        }

        @Test
        void aLanguageModelOrchestratorsConversationsAreUsedUnlessOthersAreGiven() {
            LlmOrchestrator llm = LlmOrchestrator.builder().chatModel(new ChatModel() {
                @Override
                public ChatResponse doChat(ChatRequest request) {
                    return ChatResponse.builder().aiMessage(AiMessage.from("fine")).build();
                }
            }).tools(ToolExecutor.builder(ToolRegistry.builder().build()).build()).clock(Demo.CLOCK).build();
            HybridOrchestrator hybrid = HybridOrchestrator.builder(offline).model(llm).build();

            Reply reply = hybrid.handle(new AgentRequest("Show VIP customers", MARKETER, "s-2"));

            assertThat(llm.conversations().load("s-2").messages())
                    .containsExactly(SessionMessage.user("Show VIP customers"), SessionMessage.assistant(reply.text()));
        }

        @Test
        void theThresholdDecidesWhichPlansAreAnsweredOffline() {
            HybridOrchestrator strict = HybridOrchestrator.builder(offline).model(model)
                    .confidencePolicy(new ConfidencePolicy(0.99)).build();
            ask(strict, "Show VIP customers");
            assertThat(modelCalls.get()).isEqualTo(1);
            assertThat(strict.answersOffline(Demo.planner().plan("Show VIP customers"))).isFalse();
        }

        @Test
        void bothOrchestratorsTakeThePlannersConfidencePolicyUnlessGivenAnother() {
            ConfidencePolicy strictest = new ConfidencePolicy(0.99);
            OfflinePlanner strictPlanner = OfflinePlanner.builder(Demo.model()).tools(Demo.tools())
                    .clock(Demo.CLOCK).confidencePolicy(strictest).build();
            OfflineOrchestrator strictOffline = OfflineOrchestrator.builder(strictPlanner, executor).build();
            HybridOrchestrator hybrid = HybridOrchestrator.builder(strictOffline).model(model).build();

            assertThat(offline.confidencePolicy()).isEqualTo(ConfidencePolicy.DEFAULT);
            assertThat(strictOffline.confidencePolicy()).isEqualTo(strictest);
            assertThat(hybrid.answersOffline(Demo.planner().plan("Show VIP customers"))).isFalse();
            assertThat(HybridOrchestrator.builder(strictOffline).model(model).confidencePolicy(ConfidencePolicy.DEFAULT)
                    .build().answersOffline(Demo.planner().plan("Show VIP customers"))).isTrue();
        }
    }

    /** A write or send tool for tests: proposes one affected record, counts calls, and never applies by itself. */
    static final class Proposing implements WriteTool {
        final ToolDescriptor descriptor;
        final AtomicInteger proposals = new AtomicInteger();
        final AtomicInteger applies = new AtomicInteger();

        Proposing(ToolDescriptor descriptor) {
            this.descriptor = descriptor;
        }

        @Override
        public ToolDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public ChangeSet propose(ToolCall call, ToolContext context) {
            proposals.incrementAndGet();
            String code = call.arguments().path("code").asText(call.arguments().path("promotion_code").asText("NEW"));
            AffectedRecord record = new AffectedRecord("promotions", Map.of("code", code), AffectedRecord.Operation.UPDATE,
                    java.util.Optional.empty(), java.util.Optional.of(new Row(Map.of("code", code))),
                    java.util.Optional.empty());
            return changeSet(call, context).summary(descriptor.name() + " " + code).affected(record).build();
        }

        @Override
        public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
            applies.incrementAndGet();
            return new ApplyResult(approved.changeSet().id(), approved.changeSet().affected(), "applied");
        }
    }
}
