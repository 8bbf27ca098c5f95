package io.promoagent.core.tool;

import static io.promoagent.core.tool.TestTools.emptyObjectSchema;
import static io.promoagent.core.tool.TestTools.ok;
import static io.promoagent.core.tool.TestTools.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.Shop;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.approval.ApprovedChangeSet;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.security.ToolContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Nested
    class Registration {

        @Test
        void findsRegisteredToolsByNameInRegistrationOrder() {
            TestTools.NoteTool notes = new TestTools.NoteTool();
            ToolRegistry registry = ToolRegistry.of(read("lookup", (c, x) -> ok("x")), notes);

            assertThat(registry.names()).containsExactly("lookup", "create_note");
            assertThat(registry.find("create_note")).containsSame(notes);
            assertThat(registry.find("missing")).isEmpty();
            assertThat(registry.descriptors()).extracting(ToolDescriptor::effect)
                    .containsExactly(ToolEffect.READ, ToolEffect.WRITE);
        }

        @Test
        void refusesADuplicateName() {
            ToolRegistry.Builder b = ToolRegistry.builder().register(read("lookup", (c, x) -> ok("x")));

            assertThatThrownBy(() -> b.register(read("lookup", (c, x) -> ok("y"))))
                    .isInstanceOf(ToolRegistrationException.class)
                    .hasMessageContaining("already taken");
        }

        @Test
        void refusesNamesAModelCannotCall() {
            assertThatThrownBy(() -> ToolRegistry.of(read("look up", (c, x) -> ok("x"))))
                    .isInstanceOf(ToolRegistrationException.class).hasMessageContaining("letters, digits");
            assertThatThrownBy(() -> ToolRegistry.of(read("x".repeat(65), (c, x) -> ok("x"))))
                    .isInstanceOf(ToolRegistrationException.class);
        }

        @Test
        void refusesABlankDescription() {
            ReadTool blank = new ReadTool() {
                @Override
                public ToolDescriptor descriptor() {
                    return ToolDescriptor.of("blank", " ", emptyObjectSchema(), ToolEffect.READ);
                }

                @Override
                public ToolResult execute(ToolCall call, ToolContext context) {
                    return ok("x");
                }
            };
            assertThatThrownBy(() -> ToolRegistry.of(blank)).hasMessageContaining("description is blank");
        }
    }

    @Nested
    class Effects {

        @Test
        void refusesAWriteToolThatIsOnlyAReadTool() {
            ReadTool sneaky = withEffect("sneaky_write", ToolEffect.WRITE);

            assertThatThrownBy(() -> ToolRegistry.of(sneaky))
                    .isInstanceOf(ToolRegistrationException.class)
                    .hasMessageContaining("a WRITE tool must be a WriteTool");
        }

        @Test
        void refusesASendToolThatIsOnlyAReadTool() {
            assertThatThrownBy(() -> ToolRegistry.of(withEffect("sneaky_send", ToolEffect.SEND)))
                    .hasMessageContaining("a SEND tool must be a WriteTool");
        }

        @Test
        void refusesAReadToolThatIsAWriteTool() {
            TestTools.NoteTool misdeclared = new TestTools.NoteTool(ToolEffect.READ);

            assertThatThrownBy(() -> ToolRegistry.of(misdeclared))
                    .hasMessageContaining("a READ tool must be a ReadTool, not a WriteTool");
        }

        @Test
        void refusesAToolThatIsBothKinds() {
            assertThatThrownBy(() -> ToolRegistry.of(new Both()))
                    .hasMessageContaining("both a ReadTool and a WriteTool");
        }

        @Test
        void acceptsWriteAndSendToolsWithTheSplit() {
            ToolRegistry registry = ToolRegistry.of(new TestTools.NoteTool(), new TestTools.NoteTool(ToolEffect.SEND));

            assertThat(registry.names()).containsExactly("create_note", "send_note");
        }

        private ReadTool withEffect(String name, ToolEffect effect) {
            return new ReadTool() {
                @Override
                public ToolDescriptor descriptor() {
                    return ToolDescriptor.of(name, "writes without approval", emptyObjectSchema(), effect);
                }

                @Override
                public ToolResult execute(ToolCall call, ToolContext context) {
                    return ok("written");
                }
            };
        }
    }

    @Nested
    class ParameterSchemas {

        @Test
        void refusesARootThatIsNotAnObjectSchema() {
            ObjectNode s = F.objectNode().put("type", "string");

            assertThatThrownBy(() -> ToolRegistry.of(read("t", s, (c, x) -> ok("x"))))
                    .hasMessageContaining("\"type\": \"object\"");
        }

        @Test
        void refusesAnUnknownTypeName() {
            ObjectNode s = emptyObjectSchema();
            ((ObjectNode) s.get("properties")).putObject("n").put("type", "float");

            assertThatThrownBy(() -> ToolRegistry.of(read("t", s, (c, x) -> ok("x"))))
                    .hasMessageContaining("$.properties.n.type: 'float' is not a JSON Schema type");
        }

        @Test
        void refusesAReferenceThatNamesNoDefinition() {
            ObjectNode s = emptyObjectSchema();
            ((ObjectNode) s.get("properties")).putObject("f").put("$ref", "#/$defs/filter");

            assertThatThrownBy(() -> ToolRegistry.of(read("t", s, (c, x) -> ok("x"))))
                    .hasMessageContaining("'#/$defs/filter' names no definition");
        }

        @Test
        void refusesRequiredThatIsNotAList() {
            ObjectNode s = emptyObjectSchema().put("required", "text");

            assertThatThrownBy(() -> ToolRegistry.of(read("t", s, (c, x) -> ok("x"))))
                    .hasMessageContaining("required: must be an array");
        }

        @Test
        void acceptsTheGeneratedSchemaOfTheQueryTool() {
            QueryTool query = QueryTool.of(Shop.engine(3));

            assertThat(ToolRegistry.of(query).names()).containsExactly("query");
        }
    }

    @Nested
    class Discovery {

        @Test
        void discoversToolsAndProvidersThroughServiceLoader() {
            ToolRegistry registry = ToolRegistry.builder()
                    .discover(ToolEnvironment.builder().service(String.class, "hello").build())
                    .build();

            assertThat(registry.names()).contains("service_loaded", "greet").doesNotContain("query");
        }

        @Test
        void providersOfferNothingWhenTheirCollaboratorsAreMissing() {
            ToolRegistry registry = ToolRegistry.builder().discover(ToolEnvironment.empty()).build();

            assertThat(registry.names()).containsExactly("service_loaded");
        }

        @Test
        void theQueryToolIsDiscoveredWhenTheEnvironmentOffersAQueryEngine() {
            ToolRegistry registry = ToolRegistry.builder()
                    .discover(ToolEnvironment.builder()
                            .service(io.promoagent.schema.engine.QueryEngine.class, Shop.engine(2)).build())
                    .build();

            assertThat(registry.find("query")).get().isInstanceOf(QueryTool.class);
        }
    }

    /** Implements both halves: the registry must refuse it whatever its effect. */
    private static final class Both implements ReadTool, WriteTool {
        @Override
        public ToolDescriptor descriptor() {
            return ToolDescriptor.of("both", "both kinds", emptyObjectSchema(), ToolEffect.WRITE);
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            return ok("ran");
        }

        @Override
        public ChangeSet propose(ToolCall call, ToolContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
            throw new UnsupportedOperationException();
        }
    }
}
