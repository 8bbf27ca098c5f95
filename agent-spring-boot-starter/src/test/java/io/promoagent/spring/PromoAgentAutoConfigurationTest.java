package io.promoagent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.approval.InMemoryApprovalStore;
import io.promoagent.core.audit.ChainedAuditSink;
import io.promoagent.core.audit.InMemoryAuditStore;
import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.Orchestrator;
import io.promoagent.planner.orchestrator.OfflineOrchestrator;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.security.Principal;
import io.promoagent.core.session.InMemorySessionStore;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.dynamodb.DynamoDbDataSource;
import io.promoagent.dynamodb.store.DynamoDbApprovalStore;
import io.promoagent.dynamodb.store.DynamoDbAuditStore;
import io.promoagent.dynamodb.store.DynamoDbSessionStore;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.test.ReplyAssert;
import java.io.FileNotFoundException;
import java.util.Base64;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class PromoAgentAutoConfigurationTest {

    static final Principal ANALYST = Principal.of("ana", "analyst");

    @Nested
    class DefaultWiring {

        @Test
        void buildsTheAgentOverTheApplicationsDynamoDbClient() {
            ShopFixture.shop().run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(DataModel.class).entity("products")).isPresent();
                assertThat(context.getBean(PromoAgentSources.class).list()).singleElement()
                        .isInstanceOf(DynamoDbDataSource.class);
                assertThat(context).hasSingleBean(QueryEngine.class).hasSingleBean(RecordWriter.class)
                        .hasSingleBean(ApprovalService.class).hasSingleBean(ToolExecutor.class);
                assertThat(context.getBean(ToolRegistry.class).names()).containsExactly(QueryTool.NAME);
                assertThat(context.getBean(ToolExecutor.class).registry()).isSameAs(context.getBean(ToolRegistry.class));
                assertThat(context).getBean("promoAgentApprovalStore").isInstanceOf(InMemoryApprovalStore.class);
                assertThat(context).getBean("promoAgentAuditStore").isInstanceOf(InMemoryAuditStore.class);
                assertThat(context).getBean("promoAgentSessionStore").isInstanceOf(InMemorySessionStore.class);
                assertThat(context).getBean("promoAgentAuditSink").isInstanceOf(ChainedAuditSink.class);
                assertThat(context.getBean(Orchestrator.class)).isInstanceOf(OfflineOrchestrator.class);
            });
        }

        @Test
        void answersAQuestionFromTheDataInDynamoDb() {
            ShopFixture.shop().run(context -> {
                Reply reply = context.getBean(Orchestrator.class).handle(AgentRequest.of("Show the games", ANALYST));

                ReplyAssert.assertThat(reply).hasNoErrors().hasTable("products").withRowCount(2);
            });
        }

        @Test
        void configuresNothingWithoutADataModel() {
            ShopFixture.bare().withBean(DynamoDbClient.class, ShopFixture::dynamo, d -> d.setDestroyMethodName(""))
                    .run(context -> {
                        assertThat(context).hasNotFailed().doesNotHaveBean(DataModel.class)
                                .doesNotHaveBean(Orchestrator.class).doesNotHaveBean(ApprovalService.class);
                    });
        }

        @Test
        void refusesADataModelItCannotRead() {
            ShopFixture.shop().withPropertyValues("promo-agent.data-model=classpath:no-such-model.yaml").run(context ->
                    assertThat(context.getStartupFailure()).isNotNull()
                            .hasStackTraceContaining("promo-agent.data-model: cannot read class path resource [no-such-model.yaml]")
                            .hasRootCauseInstanceOf(FileNotFoundException.class));
        }

        @Test
        void refusesAModelSourceThatNothingServes() {
            ShopFixture.bare().withPropertyValues("promo-agent.data-model=" + ShopFixture.MODEL_LOCATION,
                    "promo-agent.approvals.signing-key=" + ShopFixture.SIGNING_KEY).run(context ->
                    assertThat(context).hasFailed().getFailure().rootCause()
                            .hasMessageContaining("no data source for the data model's source 'dynamodb' of kind 'dynamodb'")
                            .hasMessageContaining("DynamoDbClient bean"));
        }
    }

    @Nested
    class SigningKey {

        @Test
        void isRequired() {
            ShopFixture.shop().withPropertyValues("promo-agent.approvals.signing-key=").run(context ->
                    assertThat(context).hasFailed().getFailure().rootCause()
                            .isInstanceOf(PromoAgentConfigurationException.class)
                            .hasMessageContaining("promo-agent.approvals.signing-key is not set"));
        }

        @Test
        void mustHoldAtLeast32Bytes() {
            String short31 = Base64.getEncoder().encodeToString(new byte[31]);
            ShopFixture.shop().withPropertyValues("promo-agent.approvals.signing-key=" + short31).run(context ->
                    assertThat(context).hasFailed().getFailure().rootCause()
                            .hasMessageContaining("holds 31 bytes; it needs at least 32"));
        }

        @Test
        void mayBeMadePerProcessWhenAskedFor() {
            ShopFixture.shop().withPropertyValues("promo-agent.approvals.signing-key=",
                    "promo-agent.approvals.ephemeral-signing-key=true").run(context ->
                    assertThat(context).hasNotFailed().hasSingleBean(ApprovalService.class));
        }
    }

    @Nested
    class DynamoDbStores {

        @Test
        void keepApprovalsAuditAndConversationsInDynamoDbWhenConfigured() {
            ShopFixture.shop().withPropertyValues("promo-agent.stores.kind=dynamodb", "promo-agent.stores.create-tables=true",
                    "promo-agent.stores.approvals-table=starter_approvals", "promo-agent.stores.audit-table=starter_audit",
                    "promo-agent.stores.sessions-table=starter_sessions").run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).getBean("promoAgentApprovalStore").isInstanceOf(DynamoDbApprovalStore.class);
                assertThat(context).getBean("promoAgentAuditStore").isInstanceOf(DynamoDbAuditStore.class);
                assertThat(context).getBean("promoAgentSessionStore").isInstanceOf(DynamoDbSessionStore.class);
                assertThat(ShopFixture.dynamo().listTables().tableNames())
                        .contains("starter_approvals", "starter_audit", "starter_sessions");
            });
        }

        @Test
        void areRefusedWithoutADynamoDbClient() {
            ShopFixture.bare().withPropertyValues("promo-agent.data-model=" + ShopFixture.MODEL_LOCATION,
                            "promo-agent.approvals.signing-key=" + ShopFixture.SIGNING_KEY, "promo-agent.stores.kind=dynamodb")
                    .withBean(PromoAgentSources.class, () -> new PromoAgentSources(ShopFixture.DATA.inMemorySources()))
                    .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                            .hasMessageContaining("promo-agent.stores.kind=dynamodb needs a DynamoDbClient bean"));
        }
    }
}
