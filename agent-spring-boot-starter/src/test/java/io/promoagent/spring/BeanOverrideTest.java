package io.promoagent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.approval.ApprovalStore;
import io.promoagent.core.approval.InMemoryApprovalStore;
import io.promoagent.core.audit.AuditSink;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.Orchestrator;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.security.Principal;
import io.promoagent.core.policy.ToolPolicy;
import io.promoagent.core.tool.ReadTool;
import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.test.ReplyAssert;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every main bean gives way to the application's, and the rest is built around it. */
class BeanOverrideTest {

    /** A bean the application defines, and the type the starter would otherwise make one of. */
    record ApplicationBean<T>(Class<T> type, Supplier<? extends T> make) {
    }

    static Stream<Arguments> mainBeans() {
        return Stream.of(
                override(DataModel.class, () -> DataModelYaml.loadResource(ShopFixture.class, "/io/promoagent/spring/shop-model.yaml")),
                override(PromoAgentSources.class, () -> new PromoAgentSources(ShopFixture.DATA.inMemorySources())),
                override(QueryEngine.class, () -> QueryEngine.builder(ShopFixture.MODEL)
                        .sources(ShopFixture.DATA.inMemorySources()).build()),
                override(ToolRegistry.class, () -> ToolRegistry.of(QueryTool.of(QueryEngine.builder(ShopFixture.MODEL)
                        .sources(ShopFixture.DATA.inMemorySources()).build()))),
                override(ApprovalStore.class, InMemoryApprovalStore::new),
                override(AuditSink.class, InMemoryAuditSink::new),
                override(ToolPolicy.class, ToolPolicy::allowAll),
                override(ApprovalService.class, () -> ApprovalService.builder(ToolRegistry.of(), new byte[32]).build()),
                override(ToolExecutor.class, () -> ToolExecutor.builder(ToolRegistry.of()).build()),
                override(Orchestrator.class, () -> (Orchestrator) request -> Reply.of("the application's own")));
    }

    private static <T> Arguments override(Class<T> type, Supplier<? extends T> make) {
        return Arguments.of(Named.of(type.getSimpleName(), new ApplicationBean<>(type, make)));
    }

    @ParameterizedTest
    @MethodSource("mainBeans")
    <T> void theApplicationsBeanReplacesTheStarters(ApplicationBean<T> override) {
        T mine = override.make().get();
        ShopFixture.shop().withBean(override.type(), () -> mine).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(override.type());
            assertThat(context.getBean(override.type())).isSameAs(mine);
            // the rest of the agent is still there, built on the application's bean
            assertThat(context).hasSingleBean(Orchestrator.class);
        });
    }

    @Test
    void toolBeansJoinTheDiscoveredTools() {
        ShopFixture.shop().withBean("priceCheck", Tool.class, PriceCheck::new).run(context ->
                assertThat(context.getBean(ToolRegistry.class).names()).containsExactly(QueryTool.NAME, "price_check"));
    }

    @Test
    void discoveryCanBeSwitchedOff() {
        ShopFixture.shop().withPropertyValues("promo-agent.tools.discover=false").withBean("priceCheck", Tool.class, PriceCheck::new)
                .run(context -> assertThat(context.getBean(ToolRegistry.class).names()).containsExactly("price_check"));
    }

    /**
     * The extension point for kinds of store: a data model whose source is {@code jdbc}, served by the
     * application's {@link SourceFactory} (here over rows in memory, as a JDBC one would be over its
     * {@code javax.sql.DataSource}).
     */
    @Test
    void aSourceFactoryBeanServesOtherKindsOfSource() throws IOException {
        DataModel jdbcModel = DataModelYaml.parse(shopModelYaml().replace("kind: dynamodb", "kind: jdbc"), "jdbc-shop.yaml");
        SourceFactory jdbc = (source, model) -> "jdbc".equals(source.kind())
                ? Optional.<DataSource>of(new InMemoryDataSource(source.id(), ShopFixture.DATA.rows()))
                : Optional.empty();
        ShopFixture.bare().withPropertyValues("promo-agent.approvals.signing-key=" + ShopFixture.SIGNING_KEY)
                .withBean(DataModel.class, () -> jdbcModel).withBean(SourceFactory.class, () -> jdbc)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Reply reply = context.getBean(Orchestrator.class)
                            .handle(AgentRequest.of("Show the books", Principal.of("ana", "analyst")));
                    ReplyAssert.assertThat(reply).hasNoErrors().hasTable("products").withRowCount(1);
                });
    }

    @Test
    void aModelOfAnUnservedKindStopsTheStart() throws IOException {
        DataModel jdbcModel = DataModelYaml.parse(shopModelYaml().replace("kind: dynamodb", "kind: jdbc"), "jdbc-shop.yaml");
        ShopFixture.bare().withPropertyValues("promo-agent.approvals.signing-key=" + ShopFixture.SIGNING_KEY)
                .withBean(DataModel.class, () -> jdbcModel)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("of kind 'jdbc'").hasMessageContaining("SourceFactory bean"));
    }

    private static String shopModelYaml() throws IOException {
        try (InputStream in = BeanOverrideTest.class.getResourceAsStream("/io/promoagent/spring/shop-model.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A read tool of the application's, as a bean. */
    static final class PriceCheck implements ReadTool {

        @Override
        public ToolDescriptor descriptor() {
            ObjectNode parameters = JsonNodeFactory.instance.objectNode().put("type", "object");
            parameters.putObject("properties");
            return ToolDescriptor.of("price_check", "Checks a competitor's price for a product", parameters, ToolEffect.READ,
                    "price", "competitor");
        }

        @Override
        public ToolResult execute(io.promoagent.core.tool.ToolCall call, io.promoagent.core.security.ToolContext context) {
            return ToolResult.ok("no competitor sells it", JsonNodeFactory.instance.objectNode());
        }
    }
}
