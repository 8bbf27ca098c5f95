package io.promoagent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.Orchestrator;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.test.DataFixture;
import io.promoagent.test.DynamoDbFixture;
import io.promoagent.test.ReplyAssert;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * With agent-promotions on the class path and the demo's data model, discovery adds the promotion tools
 * (their provider needs the RecordWriter the starter makes over the DynamoDbClient), and a write through
 * the orchestrator only proposes.
 */
class PromotionDiscoveryTest {

    @Test
    void discoversThePromotionToolsAndTheirWritesWaitForApproval() {
        DataModel model = DemoShop.model();
        try (DynamoDbFixture dynamo = DynamoDbFixture.startLocal(DataFixture.loadResources(model, DemoShop.class, DemoShop.DATA))) {
            ShopFixture.bare().withPropertyValues("promo-agent.data-model=classpath:" + DemoShop.MODEL,
                            "promo-agent.approvals.signing-key=" + ShopFixture.SIGNING_KEY)
                    .withBean(DynamoDbClient.class, dynamo::client, d -> d.setDestroyMethodName(""))
                    .run(context -> {
                        assertThat(context.getBean(ToolRegistry.class).names())
                                .contains("query", "create_promotion", "change_promotion_status", "promotion_performance");

                        Reply reply = context.getBean(Orchestrator.class).handle(
                                AgentRequest.of("Create 25% VIP discount", Principal.of("mia", "marketer")));

                        ReplyAssert.assertThat(reply).hasNoErrors().hasApprovalFor("create_promotion");
                        assertThat(context.getBean(ApprovalService.class).list()).hasSize(1);
                        assertThat(dynamo.client().scan(b -> b.tableName("promotions")).count())
                                .isEqualTo(dynamo.loadedItems().get("promotions").intValue());
                    });
        }
    }
}
