package io.promoagent.core.orchestrator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.promoagent.core.approval.ApprovedChangeSet;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.test.DataFixture;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The demo data model and data, and the pieces the orchestrator tests assemble from them. */
final class Demo {

    static final DataModel MODEL = DemoShop.model();
    static final DataFixture DATA = DataFixture.loadResources(MODEL, DemoShop.class, DemoShop.DATA);
    static final Clock CLOCK = DemoShop.CLOCK;
    static final Principal MIA = Principal.of("mia", "marketer");

    static final String VIP_QUERY = "{\"entity\":\"customers\",\"where\":{\"type\":\"rule\",\"rule\":\"vip\"}}";

    private Demo() {
    }

    static QueryEngine engine() {
        return QueryEngine.builder(MODEL).source(DATA.inMemorySource()).clock(CLOCK).build();
    }

    static List<Row> vips() {
        return DATA.rows("customers").stream().filter(r -> "VIP".equals(r.valueOrNull("segment"))).toList();
    }

    /** Every value of a {@code ui}-visibility field in the demo data: none may appear in a prompt. */
    static List<String> uiValues() {
        List<String> values = new ArrayList<>();
        MODEL.entities().forEach(e -> e.fields().stream()
                .filter(f -> f.visibility() == io.promoagent.schema.model.Visibility.UI)
                .forEach(f -> DATA.rows(e.name()).forEach(r -> {
                    Object v = r.valueOrNull(f.name());
                    if (v != null) {
                        values.add(v.toString());
                    }
                })));
        return values;
    }

    static ToolExecutor tools(Tool... extra) {
        List<Tool> all = new ArrayList<>();
        all.add(QueryTool.of(engine()));
        all.addAll(List.of(extra));
        return ToolExecutor.builder(ToolRegistry.builder().registerAll(all).build()).build();
    }

    static LlmOrchestrator.Builder orchestrator(ChatModel model, Tool... extra) {
        return LlmOrchestrator.builder().chatModel(model).tools(tools(extra)).dataModel(MODEL).clock(CLOCK);
    }

    /** Everything a request put before the model, as text: messages and tool specifications. */
    static String prompt(ChatRequest request) {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            if (m instanceof SystemMessage s) {
                sb.append(s.text());
            } else if (m instanceof UserMessage u) {
                sb.append(u.singleText());
            } else if (m instanceof AiMessage a) {
                sb.append(a.text()).append(a.toolExecutionRequests());
            } else if (m instanceof ToolExecutionResultMessage t) {
                sb.append(t.text());
            }
            sb.append('\n');
        }
        sb.append(request.toolSpecifications());
        return sb.toString();
    }

    /** The results the last request carried back to the model, in order. */
    static List<ToolExecutionResultMessage> toolResults(ChatRequest request) {
        return request.messages().stream().filter(ToolExecutionResultMessage.class::isInstance)
                .map(ToolExecutionResultMessage.class::cast).toList();
    }

    static ToolExecutionResultMessage lastToolResult(ChatRequest request) {
        List<ToolExecutionResultMessage> all = toolResults(request);
        return all.get(all.size() - 1);
    }

    /** A write tool that pauses a promotion; it counts its applies, which must stay at zero. */
    static final class PausePromotion implements WriteTool {
        final AtomicInteger applies = new AtomicInteger();

        @Override
        public ToolDescriptor descriptor() {
            ObjectNode s = JsonNodeFactory.instance.objectNode().put("type", "object").put("additionalProperties", false);
            s.putObject("properties").putObject("code").put("type", "string");
            s.putArray("required").add("code");
            return ToolDescriptor.of("pause_promotion", "Pauses a promotion by its code", s, ToolEffect.WRITE,
                    "pause");
        }

        @Override
        public ChangeSet propose(ToolCall call, ToolContext context) {
            String code = call.arguments().path("code").asText();
            return changeSet(call, context)
                    .summary("Pause " + code)
                    .affected(AffectedRecord.update("promotions", Map.of("id", "P-" + code),
                            Row.of(Map.of("status", "active")), Row.of(Map.of("status", "paused")), "1"))
                    .build();
        }

        @Override
        public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
            applies.incrementAndGet();
            return new ApplyResult(approved.changeSet().id(), approved.changeSet().affected(), "paused");
        }
    }
}
