package io.promoagent.core.tool;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.approval.ApprovedChangeSet;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.security.ToolContext;
import io.promoagent.schema.source.Row;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/** Small tools for tests of the registry, the executor and the orchestrator. */
public final class TestTools {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TestTools() {
    }

    /** {@code {"type":"object","properties":{}}} */
    public static ObjectNode emptyObjectSchema() {
        ObjectNode s = F.objectNode().put("type", "object");
        s.putObject("properties");
        return s;
    }

    /** A read tool whose behaviour is a function. */
    public static ReadTool read(String name, BiFunction<ToolCall, ToolContext, ToolResult> behaviour) {
        return read(name, emptyObjectSchema(), behaviour);
    }

    public static ReadTool read(String name, ObjectNode parameters, BiFunction<ToolCall, ToolContext, ToolResult> behaviour) {
        ToolDescriptor d = ToolDescriptor.of(name, "Test tool " + name, parameters, ToolEffect.READ);
        return new ReadTool() {
            @Override
            public ToolDescriptor descriptor() {
                return d;
            }

            @Override
            public ToolResult execute(ToolCall call, ToolContext context) {
                return behaviour.apply(call, context);
            }
        };
    }

    /** A successful result with a small model view. */
    public static ToolResult ok(String summary) {
        return ToolResult.ok(summary, F.objectNode().put("summary", summary));
    }

    /** A write tool that creates notes: {@code {"text": string, "priority": "low"|"high"}}. */
    public static class NoteTool implements WriteTool {
        public final AtomicInteger proposals = new AtomicInteger();
        public final AtomicInteger applies = new AtomicInteger();
        private final ToolEffect effect;

        public NoteTool() {
            this(ToolEffect.WRITE);
        }

        public NoteTool(ToolEffect effect) {
            this.effect = effect;
        }

        @Override
        public ToolDescriptor descriptor() {
            ObjectNode s = F.objectNode().put("type", "object").put("additionalProperties", false);
            ObjectNode p = s.putObject("properties");
            p.putObject("text").put("type", "string").put("description", "what the note says");
            p.putObject("priority").put("type", "string").putArray("enum").add("low").add("high");
            s.putArray("required").add("text");
            return ToolDescriptor.of(effect == ToolEffect.SEND ? "send_note" : "create_note", "Creates a note",
                    s, effect, "create", "note");
        }

        @Override
        public ChangeSet propose(ToolCall call, ToolContext context) {
            proposals.incrementAndGet();
            String text = call.arguments().path("text").asText();
            return changeSet(call, context)
                    .summary("Create a note saying '" + text + "'")
                    .affected(AffectedRecord.create("notes", Map.of("id", "N1"), Row.of(Map.of("id", "N1", "text", text))))
                    .preview(F.objectNode().put("text", text))
                    .build();
        }

        @Override
        public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
            applies.incrementAndGet();
            return new ApplyResult(approved.changeSet().id(), approved.changeSet().affected(), "created");
        }
    }

    /** A read tool with a no-argument constructor, listed for ServiceLoader in the test resources. */
    public static final class ServiceLoadedTool implements ReadTool {
        @Override
        public ToolDescriptor descriptor() {
            return ToolDescriptor.of("service_loaded", "Found by ServiceLoader", emptyObjectSchema(), ToolEffect.READ);
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            return ok("loaded");
        }
    }

    /** A provider that makes a tool only when the environment offers a greeting service. */
    public static final class GreetingProvider implements ToolProvider {
        @Override
        public List<Tool> tools(ToolEnvironment environment) {
            return environment.service(String.class)
                    .<List<Tool>>map(greeting -> List.of(read("greet", (c, x) -> ok(greeting))))
                    .orElse(List.of());
        }
    }
}
