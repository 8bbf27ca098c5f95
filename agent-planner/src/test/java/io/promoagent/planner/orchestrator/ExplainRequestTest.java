package io.promoagent.planner.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.LlmOrchestrator;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.query.ReadBudget;
import io.promoagent.core.query.ReadGuard;
import io.promoagent.core.reply.ClarificationBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.planner.Demo;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.testing.RecordingSource;
import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "explain REQUEST": the planner plans it and the reply says how it would read, before anything is read. */
class ExplainRequestTest {

    private static final Principal MIA = Principal.of("mia", "marketer");

    private RecordingSource source;
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final ToolExecutor executor = executor(ReadBudget.DEFAULTS);

    @AfterEach
    void close() {
        executor.close();
    }

    private ToolExecutor executor(ReadBudget budget) {
        java.util.Map<String, java.util.List<io.promoagent.schema.source.Row>> rows = new java.util.LinkedHashMap<>();
        for (String entity : java.util.List.of("customers", "orders", "promotions")) {
            rows.put(entity, Demo.rows(entity));
        }
        DataSource memory = new InMemoryDataSource("dynamodb", rows);
        DataSource estimating = new DataSource() {
            @Override
            public String id() {
                return memory.id();
            }

            @Override
            public SourceCursor open(SourceQuery query) {
                return memory.open(query);
            }

            @Override
            public Explanation explain(SourceQuery query) {
                // the in-memory source examines every record of the entity: say so, as a database's estimate would
                Explanation x = memory.explain(query);
                return new Explanation(x.source(), x.operation(), x.accessPath(), x.nativeQuery(), x.estimatedReadUnits(),
                        OptionalLong.of(rows.get(query.entity().name()).size()), x.notes());
            }
        };
        source = new RecordingSource(estimating);
        QueryEngine engine = QueryEngine.builder(Demo.model()).source(source).clock(Demo.CLOCK).build();
        QueryTool tool = QueryTool.builder(engine).guard(ReadGuard.builder().budget(budget).audit(audit).build()).build();
        return ToolExecutor.builder(ToolRegistry.of(tool)).auditSink(audit).build();
    }

    private OfflineOrchestrator offline(ToolExecutor tools) {
        return OfflineOrchestrator.builder(Demo.planner(), tools).clock(Demo.CLOCK).build();
    }

    @Test
    void explainsAReadInWordsWithoutReadingAnything() {
        Reply reply = offline(executor).handle(AgentRequest.of("explain show VIP customers", MIA));

        assertThat(reply.text()).startsWith("How I would answer \"show VIP customers\" (without running it): I read it as")
                .contains("1 source call, about 60 records examined").contains("1. dynamodb: Scan on customers")
                .contains("within the read budget");
        assertThat(reply.text()).doesNotContain("\"entity\"");
        assertThat(reply.blocks(TableBlock.class)).isEmpty();
        assertThat(source.opened()).hasSize(0);
        // an explanation reads the sources' metadata, so it is audited, with the query and its estimate
        assertThat(audit.events()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.READ_EXPLAINED);
            assertThat(e.principal()).isEqualTo(MIA.id());
            assertThat(e.outcome()).isEqualTo("explained");
            assertThat(e.arguments().path("entity").asText()).isEqualTo("customers");
            assertThat(e.detail()).contains("about 60 records examined").endsWith("within the read budget");
        });
    }

    @Test
    void saysWhenTheGuardWouldAskFirst() {
        ToolExecutor strict = executor(ReadBudget.DEFAULTS.withRowsScanned(5));
        try {
            Reply reply = offline(strict).handle(AgentRequest.of("Explain: show VIP customers", MIA));

            assertThat(reply.text()).contains("It would wait for your confirmation before reading: it examines about");
            assertThat(source.opened()).hasSize(0);
            assertThat(audit.events()).extracting(AuditEvent::action, AuditEvent::outcome)
                    .containsExactly(tuple(AuditAction.READ_EXPLAINED, "explained"));
            assertThat(audit.events().get(0).detail()).contains("it would be held: it examines about");
        } finally {
            strict.close();
        }
    }

    @Test
    void theSameRequestWithoutExplainIsAnswered() {
        Reply reply = offline(executor).handle(AgentRequest.of("show VIP customers", MIA));

        assertThat(reply.blocks(TableBlock.class)).hasSize(1);
        assertThat(source.opened()).isNotEmpty();
    }

    @Test
    void aRequestItCannotUnderstandIsAskedAboutNotExplained() {
        Reply reply = offline(executor).handle(AgentRequest.of("explain the weather on the moon", MIA));

        assertThat(reply.text()).startsWith("To explain it I need to understand it first.");
        assertThat(source.opened()).hasSize(0);
    }

    @Test
    void theHybridExplainsWithThePlannerAndNeverAsksTheModel() {
        ChatModel model = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                throw new AssertionError("the model must not be asked to explain");
            }
        };
        HybridOrchestrator hybrid = HybridOrchestrator.builder(offline(executor))
                .model(LlmOrchestrator.builder().chatModel(model).tools(executor).dataModel(Demo.model()).build()).build();

        Reply reply = hybrid.handle(AgentRequest.of("explain show VIP customers", MIA));

        assertThat(reply.text()).contains("I read it as");
        assertThat(source.opened()).hasSize(0);
        assertThat(Optional.of(reply).flatMap(r -> r.block(ClarificationBlock.class))).isEmpty();
    }
}
