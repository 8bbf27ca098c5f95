package io.promoagent.promotions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.tool.ToolEnvironment;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Rule;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PromotionToolsTest {

    final Demo demo = new Demo(new InMemoryAuditSink());

    ToolDescriptor descriptor(String name) {
        return demo.tool(name).descriptor();
    }

    @Nested
    class Descriptors {

        @Test
        void registersTwoWriteToolsAndARead() {
            assertThat(demo.registry.names()).containsExactly("create_promotion", "predict_promotion", "change_promotion_status",
                    "promotion_performance");
            assertThat(descriptor(PromotionTools.CREATE).effect()).isEqualTo(ToolEffect.WRITE);
            assertThat(descriptor(PromotionTools.CHANGE_STATUS).effect()).isEqualTo(ToolEffect.WRITE);
            assertThat(descriptor(PromotionTools.PERFORMANCE).effect()).isEqualTo(ToolEffect.READ);
        }

        @Test
        void createPromotionDeclaresItsArgumentsForAPlanner() {
            ObjectNode schema = descriptor(PromotionTools.CREATE).parameters();
            JsonNode p = schema.get("properties");

            assertThat(p.at("/discount_type/enum")).extracting(JsonNode::asText).containsExactly("percent", "fixed", "free_shipping");
            assertThat(p.at("/discount_value/type").asText()).isEqualTo("number");
            assertThat(p.at("/discount_value/minimum").asInt()).isZero();
            assertThat(p.at("/audience_rule/enum")).extracting(JsonNode::asText)
                    .containsExactlyElementsOf(Demo.MODEL.rules().stream().filter(r -> r.entity().equals("customers"))
                            .map(Rule::name).toList())
                    .contains("vip", "premium", "lapsed_customer", "reachable");
            assertThat(p.at("/starts_at/format").asText()).isEqualTo("date");
            assertThat(p.at("/ends_at/format").asText()).isEqualTo("date");
            assertThat(p.at("/status/enum")).extracting(JsonNode::asText).containsExactly("draft", "scheduled", "active");
            assertThat(p.fieldNames()).toIterable().contains("code", "name", "min_order_total", "budget", "max_redemptions",
                    "per_customer_limit", "exclusive", "priority")
                    // the demo model stores an audience as a filter too ("only reachable VIPs": two rules at once)
                    .contains("audience_filter");
            assertThat(schema.get("required")).extracting(JsonNode::asText).containsExactly("discount_type");
            assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        }

        @Test
        void carryTheWordsAPlannerMatchesRequestsWith() {
            assertThat(descriptor(PromotionTools.CREATE).keywords())
                    .contains("create", "new", "launch", "add", "start", "discount", "promotion", "offer", "deal", "coupon");
            assertThat(descriptor(PromotionTools.CHANGE_STATUS).keywords())
                    .contains("pause", "resume", "activate", "unpause", "expire", "stop", "end", "schedule");
            assertThat(descriptor(PromotionTools.PERFORMANCE).keywords()).contains("performance", "redemptions", "revenue", "compare");
            assertThat(descriptor(PromotionTools.CHANGE_STATUS).parameters().at("/properties/status/enum"))
                    .extracting(JsonNode::asText).containsExactly("scheduled", "active", "paused", "expired");
        }
    }

    @Nested
    class Discovery {

        @Test
        void aToolProviderOffersTheToolsWhenTheEnvironmentHasWhatTheyNeed() {
            ToolEnvironment env = ToolEnvironment.builder().dataModel(Demo.MODEL).clock(Demo.CLOCK)
                    .service(QueryEngine.class, demo.engine).service(RecordWriter.class, demo.store).build();

            ToolRegistry registry = ToolRegistry.builder().discover(env).build();

            assertThat(registry.names()).contains("create_promotion", "change_promotion_status", "promotion_performance");
        }

        @Test
        void offersNothingWithoutARecordWriter() {
            ToolEnvironment env = ToolEnvironment.builder().dataModel(Demo.MODEL).service(QueryEngine.class, demo.engine).build();

            assertThat(new PromotionToolProvider().tools(env)).isEmpty();
        }

        @Test
        void refusesADataModelThatCannotHoldPromotionsSayingWhatIsMissing() {
            DataModel shop = DataModel.builder().source("main", "memory")
                    .entity(Entity.builder("customers").source("main").key("id").field("id", FieldType.STRING).build())
                    .entity(Entity.builder("promotions").source("main").key("id").field("id", FieldType.STRING)
                            .field("code", FieldType.NUMBER).build())
                    .build();
            QueryEngine engine = QueryEngine.builder(shop).build();

            assertThat(PromotionTools.supports(shop)).isFalse();
            assertThatThrownBy(() -> PromotionTools.create(shop, engine, demo.store, Demo.CLOCK))
                    .isInstanceOf(PromotionException.class)
                    .hasMessageContaining("no entity 'orders'")
                    .hasMessageContaining("promotions.code is NUMBER, not STRING")
                    .hasMessageContaining("no field promotions.discount_type");
        }

        @Test
        void theDemoModelHoldsPromotions() {
            List<Tool> tools = PromotionTools.create(Demo.MODEL, demo.engine, demo.store, Demo.CLOCK);

            assertThat(tools).hasSize(4);
            assertThat(PromotionTools.supports(Demo.MODEL)).isTrue();
        }
    }
}
