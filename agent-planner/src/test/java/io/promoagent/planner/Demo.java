package io.promoagent.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.planner.plan.ReferenceResolver;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.DemoShop;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo data model, the 60-customer demo export ({@link DemoShop}: seed 42, today 2026-06-30) in an
 * in-memory engine, and test-only descriptors of the promotion and e-mail tools with realistic schemas.
 */
public final class Demo {

    public static final Clock CLOCK = DemoShop.CLOCK;

    private static QueryEngine engine;
    private static OfflinePlanner planner;

    private Demo() {
    }

    public static DataModel model() {
        return DemoShop.model();
    }

    public static synchronized QueryEngine engine() {
        if (engine == null) {
            Map<String, List<Row>> rows = new LinkedHashMap<>();
            for (String entity : List.of("customers", "orders", "promotions")) {
                rows.put(entity, rows(entity));
            }
            engine = QueryEngine.builder(model()).source(new InMemoryDataSource("dynamodb", rows)).clock(CLOCK).build();
        }
        return engine;
    }

    /** The rows of one entity of the export, typed as a source gives them: numbers as BigDecimal. */
    public static List<Row> rows(String entity) {
        return DemoShop.rows(entity);
    }

    /** The planner over the demo model, with the three tools and look-ups in the demo data. */
    public static synchronized OfflinePlanner planner() {
        if (planner == null) {
            planner = OfflinePlanner.builder(model()).tools(tools()).resolver(ReferenceResolver.of(engine()))
                    .clock(CLOCK).build();
        }
        return planner;
    }

    public static List<ToolDescriptor> tools() {
        return List.of(createPromotion(), changePromotionStatus(), sendEmail());
    }

    public static ToolDescriptor createPromotion() {
        return ToolDescriptor.of("create_promotion", "Creates a promotion: a discount for an audience, with a code and dates.",
                schema("""
                        {"type":"object",
                         "properties":{
                           "name":{"type":"string","description":"Name of the promotion"},
                           "code":{"type":"string","pattern":"^[A-Z0-9]{3,20}$","description":"Code customers enter; generated when absent"},
                           "discount_type":{"type":"string","enum":["percent","fixed","free_shipping"],"description":"Kind of discount"},
                           "discount_value":{"type":"number","exclusiveMinimum":0,"description":"Percent off, or amount off in dollars"},
                           "audience_rule":{"type":"string","description":"Name of the rule that selects who may use it"},
                           "min_order_total":{"type":"number","minimum":0,"description":"Smallest order total it applies to"},
                           "starts_at":{"type":"string","format":"date","description":"First day; today when absent"},
                           "ends_at":{"type":"string","format":"date","description":"Last day"},
                           "budget":{"type":"number","minimum":0,"description":"Most discount money it may cost"},
                           "max_redemptions":{"type":"integer","minimum":1,"description":"Most redemptions in total"},
                           "exclusive":{"type":"boolean","default":false,"description":"Does not stack with other promotions"}
                         },
                         "required":["discount_type","discount_value"],
                         "additionalProperties":false,
                         "allOf":[{"if":{"properties":{"discount_type":{"const":"percent"}}},
                                   "then":{"properties":{"discount_value":{"minimum":1,"maximum":100}}}}]}
                        """), ToolEffect.WRITE, "create", "new", "launch", "discount", "promotion", "offer");
    }

    public static ToolDescriptor changePromotionStatus() {
        return ToolDescriptor.of("change_promotion_status", "Pauses, resumes, activates or expires a promotion.",
                schema("""
                        {"type":"object",
                         "properties":{
                           "code":{"type":"string","pattern":"^[A-Z0-9]+$","description":"Code of the promotion"},
                           "status":{"type":"string","enum":["active","paused","expired"],"description":"The new status",
                                     "x-synonyms":{"active":["resume","activate","reactivate","unpause","restart"],
                                                   "paused":["stop","suspend","hold","halt"],
                                                   "expired":["expire","end"]}}
                         },
                         "required":["code","status"],
                         "additionalProperties":false}
                        """), ToolEffect.WRITE, "pause", "resume", "activate", "expire");
    }

    public static ToolDescriptor sendEmail() {
        return ToolDescriptor.of("send_email", "E-mails customers about a promotion; consent and bounces are checked.",
                schema("""
                        {"type":"object",
                         "properties":{
                           "audience":{"type":"object","format":"filter","description":"Who receives it: a condition on customers"},
                           "promotion_code":{"type":"string","pattern":"^[A-Z0-9]+$","description":"Code of the promotion the e-mail is about"},
                           "template":{"type":"string","enum":["promotion_announcement","reminder"],
                                       "default":"promotion_announcement","description":"Which e-mail template"}
                         },
                         "required":["audience","promotion_code"],
                         "additionalProperties":false}
                        """), ToolEffect.SEND, "email", "e-mail", "mail", "send", "notify");
    }

    public static ObjectNode schema(String json) {
        return (ObjectNode) QueryJson.parse(json);
    }

    public static JsonNode json(String text) {
        return QueryJson.parse(text);
    }
}
