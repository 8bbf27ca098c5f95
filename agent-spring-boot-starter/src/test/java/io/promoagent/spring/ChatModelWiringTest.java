package io.promoagent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.LlmOrchestrator;
import io.promoagent.core.orchestrator.Orchestrator;
import io.promoagent.planner.orchestrator.HybridOrchestrator;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.security.Principal;
import io.promoagent.test.ReplyAssert;
import io.promoagent.test.ScriptedChatModel;
import org.junit.jupiter.api.Test;

/** The orchestrator over the application's LangChain4j ChatModel bean. */
class ChatModelWiringTest {

    static final String TOOLS_QUERY = "{\"entity\":\"products\",\"where\":{\"type\":\"compare\",\"field\":\"category\","
            + "\"op\":\"eq\",\"value\":\"tools\"}}";

    @Test
    void aChatModelBeanMakesTheOrchestratorHybrid() {
        ScriptedChatModel model = ScriptedChatModel.builder().thenAnswer("unused").build();
        ShopFixture.shop().withBean(ChatModel.class, () -> model).run(context ->
                assertThat(context.getBean(Orchestrator.class)).isInstanceOf(HybridOrchestrator.class));
    }

    @Test
    void withoutHybridEveryRequestGoesToTheModelWithTheStartersTools() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .thenCallTool("query", TOOLS_QUERY)
                .thenAnswer("The shop sells two tools.")
                .build();
        ShopFixture.shop().withPropertyValues("promo-agent.orchestrator.hybrid=false").withBean(ChatModel.class, () -> model)
                .run(context -> {
                    Orchestrator orchestrator = context.getBean(Orchestrator.class);
                    assertThat(orchestrator).isInstanceOf(LlmOrchestrator.class);

                    Reply reply = orchestrator.handle(AgentRequest.of("Which tools do we sell?", Principal.of("ana", "analyst")));

                    ReplyAssert.assertThat(reply).hasNoErrors().hasTextContaining("two tools")
                            .hasTable("products").withRowCount(2);
                    model.assertAllTurnsUsed();
                    assertThat(model.requests().get(0).toolSpecifications()).extracting(s -> s.name())
                            .containsExactly("query");
                });
    }
}
