package io.promoagent.planner.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.LlmOrchestrator;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.PreviewBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.session.InMemorySessionStore;
import io.promoagent.core.session.SessionStore;
import io.promoagent.core.tool.ReadTool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.planner.Demo;
import io.promoagent.planner.OfflinePlanner;
import io.promoagent.planner.plan.ReferenceResolver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A what-if ("what if 15% instead") and a dry run ("predict how ...") through both orchestrators: the last
 * proposal or prediction is kept in the session, so another orchestrator instance, or the model's orchestrator,
 * reaches it; a prediction proposes nothing, and "create it" proposes exactly what was predicted.
 */
class WhatIfInSessionTest {

    static final ToolDescriptor CREATE;

    static {
        ToolDescriptor d = Demo.createPromotion();
        CREATE = ToolDescriptor.of(d.name(), d.description(), d.parameters(), d.effect(), "create", "new", "launch",
                "discount", "promotion", "offer", "predict");
    }

    final OrchestratorTest.Proposing create = new OrchestratorTest.Proposing(CREATE);
    final Predicting predict = new Predicting();
    final ToolRegistry registry = ToolRegistry.builder().register(create).register(predict)
            .register(QueryTool.of(Demo.engine())).build();
    final ApprovalService approvals = ApprovalService.builder(registry,
            "what-if-test-signing-key-of-32-bytes!".getBytes(StandardCharsets.UTF_8)).clock(Demo.CLOCK).build();
    final ToolExecutor executor = ToolExecutor.builder(registry).approvalGate(approvals).build();
    final SessionStore sessions = new InMemorySessionStore();

    @AfterEach
    void close() {
        executor.close();
    }

    OfflinePlanner planner() {
        return OfflinePlanner.builder(Demo.model()).tools(registry).resolver(ReferenceResolver.of(Demo.engine()))
                .clock(Demo.CLOCK).build();
    }

    /** A new orchestrator over the shared session store, as another instance of a service would have. */
    OfflineOrchestrator instance() {
        return OfflineOrchestrator.builder(planner(), executor).clock(Demo.CLOCK).sessionStore(sessions)
                .dryRun(CREATE.name(), Predicting.NAME).build();
    }

    static Reply ask(io.promoagent.core.orchestrator.Orchestrator o, String session, String text) {
        return o.handle(new AgentRequest(text, OrchestratorTest.MARKETER, session));
    }

    long pending() {
        return approvals.list().stream().filter(r -> r.status() == ApprovalStatus.PENDING).count();
    }

    static <T extends Block> T block(Reply reply, Class<T> type) {
        return reply.blocks().stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + reply));
    }

    @Test
    void aWhatIfReachesAProposalMadeByAnotherInstance() {
        Reply first = ask(instance(), "s1", "create a 20% discount for VIP customers");
        assertThat(block(first, ApprovalBlock.class).arguments().path("discount_value").asDouble()).isEqualTo(20.0);

        Reply second = ask(instance(), "s1", "what if 15% instead");

        TableBlock table = block(second, TableBlock.class);
        assertThat(table.entity()).isEqualTo("alternatives");
        assertThat(table.rows()).extracting(r -> r.get("discount_value")).containsExactly("20", "15");
        assertThat(block(second, ApprovalBlock.class).arguments().path("audience_rule").asText()).isEqualTo("vip");
        assertThat(pending()).isEqualTo(2);
        assertThat(second.text()).contains("discount value 15 instead of 20").contains("Both are proposals");
    }

    @Test
    void aPredictionProposesNothingAndCreateItProposesWhatWasPredicted() {
        Reply first = ask(instance(), "s2", "predict how a 20% VIP discount would perform");
        PreviewBlock predicted = block(first, PreviewBlock.class);
        assertThat(predicted.proposes()).isEqualTo(CREATE.name());
        assertThat(first.blocks()).noneMatch(b -> b instanceof ApprovalBlock);
        assertThat(pending()).isZero();
        assertThat(create.proposals.get()).isZero();
        assertThat(first.text()).contains("nothing was proposed or created").contains("create it");

        Reply whatIf = ask(instance(), "s2", "what if 15% instead");
        TableBlock table = block(whatIf, TableBlock.class);
        assertThat(table.rows()).extracting(r -> r.get("alternative")).containsExactly("as predicted", "what if, predicted");
        assertThat(table.rows()).extracting(r -> r.get("prediction.redemptions")).containsExactly("40 (30 to 50)",
                "30 (20 to 40)");
        assertThat(table.labels()).containsEntry("prediction.redemptions", "redemptions (prediction, 80% interval)");
        assertThat(whatIf.text()).contains("Both are predictions only");
        assertThat(pending()).isZero();

        Reply created = ask(instance(), "s2", "ok, create it");
        ApprovalBlock proposal = block(created, ApprovalBlock.class);
        assertThat(proposal.arguments().path("discount_value").asDouble()).isEqualTo(15.0);
        assertThat(proposal.arguments().path("audience_rule").asText()).isEqualTo("vip");
        assertThat(pending()).isEqualTo(1);
        assertThat(created.text()).startsWith("Proposed as predicted just before.");
    }

    @Test
    void aWhatIfNamingTwoAudiencesForAToolThatTakesOneAsksInsteadOfDroppingOne() {
        ask(instance(), "s5", "predict how a 20% VIP discount would perform");
        Reply reply = ask(instance(), "s5", "what if only reachable VIPs");
        assertThat(reply.blocks()).singleElement().isInstanceOf(io.promoagent.core.reply.ClarificationBlock.class);
        assertThat(reply.text()).contains("reachable, vip");
        assertThat(predict.calls.get()).isEqualTo(1);
    }

    @Test
    void createItAfterAProposalIsNotAConfirmation() {
        ask(instance(), "s3", "create a 20% discount for VIP customers");
        Reply again = ask(instance(), "s3", "create it");
        assertThat(again.blocks()).noneMatch(b -> b instanceof TableBlock t && t.entity().equals("alternatives"));
        assertThat(again.blocks()).noneMatch(b -> b instanceof ApprovalBlock);
        assertThat(pending()).isEqualTo(1);
    }

    @Test
    void theHybridComparesAWhatIfWithAProposalTheModelMade() {
        Deque<ChatResponse> script = new ArrayDeque<>(List.of(
                call("create_promotion", "{\"discount_type\":\"percent\",\"discount_value\":25,\"audience_rule\":\"vip\"}"),
                text("Proposed; it awaits approval.")));
        AtomicInteger modelCalls = new AtomicInteger();
        ChatModel model = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                modelCalls.incrementAndGet();
                assertThat(request.toolSpecifications()).noneMatch(s -> s.name().equals(Predicting.NAME));
                return script.removeFirst();
            }
        };
        LlmOrchestrator llm = LlmOrchestrator.builder().chatModel(model).tools(executor).clock(Demo.CLOCK)
                .sessionStore(sessions).withoutTools(Predicting.NAME).build();
        HybridOrchestrator hybrid = HybridOrchestrator.builder(instance()).model(llm).build();

        // a request the planner is unsure of goes to the model, which proposes
        Reply first = llm.handle(new AgentRequest("give our best customers a quarter off", OrchestratorTest.MARKETER, "s4"));
        assertThat(block(first, ApprovalBlock.class).arguments().path("discount_value").asInt()).isEqualTo(25);

        // the planner revises the model's proposal: no model call
        Reply second = hybrid.handle(new AgentRequest("what if 15% instead", OrchestratorTest.MARKETER, "s4"));
        assertThat(modelCalls.get()).isEqualTo(2);
        assertThat(block(second, TableBlock.class).rows()).extracting(r -> r.get("discount_value")).containsExactly("25", "15");

        // a what-if the planner cannot read goes to the model, and is compared with the last proposal all the same
        script.add(call("create_promotion", "{\"discount_type\":\"percent\",\"discount_value\":15,"
                + "\"audience_rule\":\"reachable_vip\"}"));
        script.add(text("Proposed for the reachable VIPs only."));
        Reply third = hybrid.handle(new AgentRequest("what if we make it snappier", OrchestratorTest.MARKETER, "s4"));
        assertThat(modelCalls.get()).isEqualTo(4);
        TableBlock table = block(third, TableBlock.class);
        assertThat(table.rows()).extracting(r -> r.get("audience_rule")).containsExactly("vip", "reachable_vip");
        assertThat(table.rows()).hasSize(2);
        assertThat(pending()).isEqualTo(3);
    }

    private static ChatResponse call(String tool, String arguments) {
        return ChatResponse.builder().aiMessage(AiMessage.from(List.of(ToolExecutionRequest.builder().id("c-" + tool.length())
                .name(tool).arguments(arguments).build()))).build();
    }

    private static ChatResponse text(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
    }

    /**
     * A dry run for tests: the preview's prediction is twice the discount value, give or take ten, so that a
     * what-if's figures are known.
     */
    static final class Predicting implements ReadTool {
        static final String NAME = "predict_promotion";
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public ToolDescriptor descriptor() {
            return new ToolDescriptor(NAME, "Predicts create_promotion", CREATE.parameters(), ToolEffect.READ, List.of());
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            calls.incrementAndGet();
            int value = call.arguments().path("discount_value").asInt();
            ObjectNode preview = JsonNodeFactory.instance.objectNode();
            ObjectNode prediction = preview.putObject("prediction").put("interval", "80%");
            prediction.putObject("redemptions").put("low", 2 * value - 10).put("base", 2 * value).put("high", 2 * value + 10);
            String summary = "dry run: " + value + "% off";
            return ToolResult.ok(summary, JsonNodeFactory.instance.objectNode(),
                    new PreviewBlock(NAME, CREATE.name(), summary, call.arguments(), preview));
        }
    }
}
