package io.promoagent.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScriptedChatModelTest {

    private static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    @Nested
    class PlaysTheScriptInOrder {

        @Test
        void asksForAToolAndThenAnswers() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("query", "{\"entity\":\"customers\"}")
                    .thenAnswer("There are 60 customers.")
                    .build();

            ChatResponse first = model.chat(ask("How many customers?"));
            ChatResponse second = model.chat(ask("again"));

            assertThat(first.aiMessage().toolExecutionRequests())
                    .extracting(ToolExecutionRequest::id, ToolExecutionRequest::name, ToolExecutionRequest::arguments)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("call_1", "query", "{\"entity\":\"customers\"}"));
            assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
            assertThat(second.aiMessage().text()).isEqualTo("There are 60 customers.");
            assertThat(second.aiMessage().hasToolExecutionRequests()).isFalse();
            assertThat(second.finishReason()).isEqualTo(FinishReason.STOP);
        }

        @Test
        void asksForSeveralToolsInOneTurnWithDistinctIds() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("query", "{\"entity\":\"customers\"}")
                    .andCallTool("query", "{\"entity\":\"orders\"}")
                    .thenCallTool("explain", "{}")
                    .build();

            List<ToolExecutionRequest> together = model.chat(ask("both")).aiMessage().toolExecutionRequests();
            List<ToolExecutionRequest> next = model.chat(ask("next")).aiMessage().toolExecutionRequests();

            assertThat(together).extracting(ToolExecutionRequest::id).containsExactly("call_1", "call_2");
            assertThat(together).extracting(ToolExecutionRequest::arguments)
                    .containsExactly("{\"entity\":\"customers\"}", "{\"entity\":\"orders\"}");
            assertThat(next).extracting(ToolExecutionRequest::id).containsExactly("call_3");
        }

        @Test
        void passesMalformedArgumentsOnVerbatim() {
            ScriptedChatModel model = ScriptedChatModel.builder().thenCallTool("query", "{not json").build();

            assertThat(model.chat(ask("x")).aiMessage().toolExecutionRequests().get(0).arguments())
                    .isEqualTo("{not json");
        }

        @Test
        void throwsTheScriptedFailureAndGoesOn() {
            IllegalStateException timeout = new IllegalStateException("provider timed out");
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenFail(timeout)
                    .thenAnswer("recovered")
                    .build();

            assertThatThrownBy(() -> model.chat(ask("x"))).isSameAs(timeout);
            assertThat(model.chat(ask("y")).aiMessage().text()).isEqualTo("recovered");
        }

        @Test
        void computesAResponseFromTheRequest() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("query", "{}")
                    .thenRespond(request -> {
                        ToolExecutionResultMessage result = (ToolExecutionResultMessage)
                                request.messages().get(request.messages().size() - 1);
                        return ChatResponse.builder().aiMessage(AiMessage.from("Found " + result.text())).build();
                    })
                    .build();
            ToolExecutionRequest call = model.chat(ask("x")).aiMessage().toolExecutionRequests().get(0);

            ChatResponse answer = model.chat(ChatRequest.builder()
                    .messages(UserMessage.from("x"), AiMessage.from(call),
                            ToolExecutionResultMessage.from(call, "4 rows"))
                    .build());

            assertThat(answer.aiMessage().text()).isEqualTo("Found 4 rows");
        }
    }

    @Nested
    class ReportsTokenUsage {

        @Test
        void reportsTheUsageOfEachTurn() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenCallTool("query", "{}").withUsage(120, 30)
                    .thenAnswer("done").withUsage(200, 15)
                    .build();

            assertThat(model.chat(ask("a")).tokenUsage()).isEqualTo(new TokenUsage(120, 30));
            TokenUsage second = model.chat(ask("b")).tokenUsage();
            assertThat(second.inputTokenCount()).isEqualTo(200);
            assertThat(second.outputTokenCount()).isEqualTo(15);
            assertThat(second.totalTokenCount()).isEqualTo(215);
        }

        @Test
        void reportsNoUsageUnlessScriptedAndTheDefaultOtherwise() {
            ScriptedChatModel none = ScriptedChatModel.builder().thenAnswer("a").build();
            ScriptedChatModel withDefault = ScriptedChatModel.builder()
                    .defaultUsage(10, 1)
                    .thenAnswer("a")
                    .thenAnswer("b").withUsage(50, 5)
                    .build();

            assertThat(none.chat(ask("x")).tokenUsage()).isNull();
            assertThat(withDefault.chat(ask("x")).tokenUsage()).isEqualTo(new TokenUsage(10, 1));
            assertThat(withDefault.chat(ask("y")).tokenUsage()).isEqualTo(new TokenUsage(50, 5));
        }

        @Test
        void overridesTheUsageOfAComputedResponse() {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .thenRespond(request -> ChatResponse.builder().aiMessage(AiMessage.from("hi"))
                            .tokenUsage(new TokenUsage(1, 1)).build())
                    .withUsage(7, 3)
                    .build();

            assertThat(model.chat(ask("x")).tokenUsage()).isEqualTo(new TokenUsage(7, 3));
        }
    }

    @Nested
    class RecordsRequests {

        @Test
        void recordsEveryRequestWithItsMessagesAndTools() {
            ScriptedChatModel model = ScriptedChatModel.builder().thenAnswer("a").thenAnswer("b").build();

            model.chat(ask("first"));
            model.chat(ask("second"));

            assertThat(model.requests()).hasSize(2);
            assertThat(((UserMessage) model.requests().get(1).messages().get(0)).singleText()).isEqualTo("second");
        }

        @Test
        void returnsASnapshotThatLaterRequestsDoNotChange() {
            ScriptedChatModel model = ScriptedChatModel.builder().thenAnswer("a").thenAnswer("b").build();
            model.chat(ask("first"));

            List<ChatRequest> snapshot = model.requests();
            model.chat(ask("second"));

            assertThat(snapshot).hasSize(1);
            assertThatThrownBy(() -> snapshot.add(ask("x"))).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void recordsTheRequestThatFoundTheScriptEmpty() {
            ScriptedChatModel model = ScriptedChatModel.builder().build();

            assertThatThrownBy(() -> model.chat(ask("too far"))).isInstanceOf(ScriptExhaustedError.class);
            assertThat(model.requests()).hasSize(1);
        }
    }

    @Nested
    class FailsClearly {

        @Test
        void whenTheScriptRunsOutNamingTheRequestAndItsLastMessage() {
            ScriptedChatModel model = ScriptedChatModel.builder().thenAnswer("only one").build();
            model.chat(ask("first"));

            assertThatThrownBy(() -> model.chat(ask("Show VIP customers")))
                    .isInstanceOf(ScriptExhaustedError.class)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("request 2")
                    .hasMessageContaining("only 1 turn(s)")
                    .hasMessageContaining("Show VIP customers");
        }

        @Test
        void whenTurnsAreLeftUnused() {
            ScriptedChatModel model = ScriptedChatModel.builder().thenAnswer("a").thenAnswer("b").build();
            model.chat(ask("x"));

            assertThat(model.remaining()).isEqualTo(1);
            assertThatThrownBy(model::assertAllTurnsUsed)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("1 of 2");
            model.chat(ask("y"));
            model.assertAllTurnsUsed();
        }

        @Test
        void whenBuilderCallsComeInTheWrongOrder() {
            assertThatThrownBy(() -> ScriptedChatModel.builder().withUsage(1, 1))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> ScriptedChatModel.builder().thenAnswer("a").andCallTool("query", "{}"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("andCallTool");
        }

        @Test
        void whenAComputedResponseIsNull() {
            ScriptedChatModel model = ScriptedChatModel.builder().thenRespond(request -> null).build();

            assertThatThrownBy(() -> model.chat(ask("x"))).hasMessageContaining("returned null");
        }
    }

    @Nested
    class BehavesLikeAProviderModel {

        @Test
        void notifiesListenersOfRequestsResponsesAndErrors() {
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            ChatModelListener listener = new ChatModelListener() {
                @Override
                public void onRequest(ChatModelRequestContext context) {
                    events.add("request");
                }

                @Override
                public void onResponse(ChatModelResponseContext context) {
                    events.add("response " + context.chatResponse().aiMessage().text());
                }

                @Override
                public void onError(ChatModelErrorContext context) {
                    events.add("error " + context.error().getMessage());
                }
            };
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .listeners(listener)
                    .thenAnswer("hello")
                    .thenFail(new IllegalStateException("boom"))
                    .build();

            model.chat(ask("x"));
            assertThatThrownBy(() -> model.chat(ask("y"))).hasMessage("boom");

            assertThat(events).containsExactly("request", "response hello", "request", "error boom");
        }

        @Test
        void reportsItsModelNameAndAResponseId() {
            ScriptedChatModel model = ScriptedChatModel.builder().modelName("fake-claude").thenAnswer("a").build();

            ChatResponse response = model.chat(ask("x"));

            assertThat(response.modelName()).isEqualTo("fake-claude");
            assertThat(response.id()).isEqualTo("scripted-1");
        }
    }

    @Nested
    class IsThreadSafe {

        @Test
        void givesConcurrentRequestsDistinctTurnsAndRecordsThemAll() throws Exception {
            int threads = 8;
            int perThread = 50;
            ScriptedChatModel.Builder builder = ScriptedChatModel.builder();
            for (int i = 0; i < threads * perThread; i++) {
                builder.thenAnswer("answer " + i);
            }
            ScriptedChatModel model = builder.build();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                Map<String, String> answerByQuestion = new ConcurrentHashMap<>();
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    Callable<Void> work = () -> {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            String question = thread + "/" + i;
                            answerByQuestion.put(question, model.chat(ask(question)).aiMessage().text());
                        }
                        return null;
                    };
                    futures.add(pool.submit(work));
                }
                start.countDown();
                for (Future<?> future : futures) {
                    future.get();
                }

                assertThat(new HashSet<>(answerByQuestion.values())).hasSize(threads * perThread);
                List<ChatRequest> requests = model.requests();
                assertThat(requests).hasSize(threads * perThread);
                for (int k = 0; k < requests.size(); k++) {
                    String question = ((UserMessage) requests.get(k).messages().get(0)).singleText();
                    assertThat(answerByQuestion.get(question)).isEqualTo("answer " + k);
                }
                assertThat(model.remaining()).isZero();
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
