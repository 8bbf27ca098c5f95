package io.promoagent.core.orchestrator;

import static io.promoagent.core.orchestrator.Demo.MIA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.request.ChatRequest;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.test.ScriptedChatModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values of {@code ui}-visibility fields reach the person, and never any prompt sent to a model. */
class PromptPrivacyTest {

    @Test
    void noUiValueIsInAnyPromptSentAlthoughThePersonSeesThem() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .thenCallTool("query", "{\"entity\":\"customers\"}")
                .andCallTool("query", "{\"entity\":\"customers\",\"fields\":[\"id\",\"name\",\"email\"]}")
                .thenCallTool("query", "{\"entity\":\"customers\",\"groupBy\":[{\"field\":\"email\"}],"
                        + "\"aggregates\":[{\"fn\":\"count\"}]}")
                .thenCallTool("query", "{\"entity\":\"customers\",\"aggregates\":[{\"fn\":\"max\",\"field\":\"email\"},"
                        + "{\"fn\":\"min\",\"field\":\"email\"}]}")
                .thenCallTool("query", "{\"entity\":\"orders\",\"groupBy\":[{\"field\":\"customer.email\"}],"
                        + "\"aggregates\":[{\"measure\":\"revenue\"}],\"limit\":50}")
                .thenAnswer("Here are the e-mail addresses.")
                .thenCallTool("query", "{\"entity\":\"customers\",\"fields\":[\"email\"],\"limit\":100}")
                .thenAnswer("Shown again.")
                .build();
        LlmOrchestrator orchestrator = Demo.orchestrator(model).build();

        Reply first = orchestrator.handle(new AgentRequest("Show every customer's e-mail address", MIA, "s1"));
        Reply second = orchestrator.handle(new AgentRequest("and again, in the same conversation", MIA, "s1"));

        model.assertAllTurnsUsed();
        List<String> uiValues = Demo.uiValues();
        assertThat(uiValues).hasSizeGreaterThan(10);
        for (ChatRequest request : model.requests()) {
            String prompt = Demo.prompt(request);
            for (String value : uiValues) {
                assertThat(prompt).as("a prompt sent to the model").doesNotContain(value);
            }
        }
        assertThat(first.blocks(TableBlock.class).get(0).rows())
                .anySatisfy(row -> assertThat(uiValues).contains((String) row.get("email")));
        assertThat(second.blocks(TableBlock.class)).isNotEmpty();
    }
}
