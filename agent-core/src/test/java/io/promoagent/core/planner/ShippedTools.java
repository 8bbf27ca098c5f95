package io.promoagent.core.planner;

import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import java.util.List;

/**
 * Copies of the descriptors the shipped tools have (agent-promotions' create_promotion and
 * change_promotion_status, agent-tools-email's send_email) over the demo model, which agent-core cannot
 * depend on: other names and shapes than the stand-ins of {@link Demo}, and no x- extensions.
 */
final class ShippedTools {

    private ShippedTools() {
    }

    static List<ToolDescriptor> all() {
        return List.of(createPromotion(), changePromotionStatus(), sendEmail());
    }

    static ToolDescriptor createPromotion() {
        return ToolDescriptor.of("create_promotion", "Proposes a new promotion (a discount code) for approval.", Demo.schema("""
                {"type":"object","additionalProperties":false,"properties":{
                  "discount_type":{"type":"string","description":"percent: a percentage off; fixed: an amount off; free_shipping: no shipping fee","enum":["percent","fixed","free_shipping"]},
                  "discount_value":{"type":"number","description":"The percentage (1 to 100) for percent, the amount for fixed; 0 or left out for free_shipping","minimum":0},
                  "audience_rule":{"type":"string","description":"The customer rule that selects who may use it; leave out for every customer","enum":["vip","premium","new_customer","lapsed_customer","reachable"]},
                  "name":{"type":"string","description":"Name for people; generated from the discount and audience when left out","maxLength":80},
                  "description":{"type":"string","description":"What it offers; generated when left out"},
                  "code":{"type":"string","description":"The code customers enter, 3 to 32 letters, digits, '-' or '_' (stored in upper case); generated and unique when left out","pattern":"^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$"},
                  "starts_at":{"type":"string","description":"First day, YYYY-MM-DD; today when left out","format":"date"},
                  "ends_at":{"type":"string","description":"Last day, YYYY-MM-DD, on or after starts_at; 30 days after the start when left out","format":"date"},
                  "min_order_total":{"type":"number","description":"Smallest order total it applies to","minimum":0},
                  "budget":{"type":"number","description":"Most discount money it may cost; the high cost estimate rounded up when left out","minimum":0},
                  "max_redemptions":{"type":"integer","description":"Most uses in total; room for the whole audience when left out","minimum":1},
                  "per_customer_limit":{"type":"integer","description":"Most uses per customer; 1 when left out","minimum":1},
                  "exclusive":{"type":"boolean","description":"Whether it refuses to stack with other promotions; false when left out"},
                  "priority":{"type":"integer","description":"Higher applies first; 10 when left out","minimum":0},
                  "status":{"type":"string","description":"draft, scheduled or active; active when it starts today or earlier, else scheduled, when left out","enum":["draft","scheduled","active"]}},
                 "required":["discount_type"]}"""), ToolEffect.WRITE,
                "create", "new", "launch", "add", "start", "make", "set up", "introduce", "offer", "discount", "promotion",
                "promo", "coupon", "deal");
    }

    static ToolDescriptor changePromotionStatus() {
        return ToolDescriptor.of("change_promotion_status", "Proposes a status change of one promotion, for approval.",
                Demo.schema("""
                {"type":"object","additionalProperties":false,"properties":{
                  "code":{"type":"string","description":"The promotion's code (SUMMER25); or give id"},
                  "id":{"type":"string","description":"The promotion's id (P0009); or give code"},
                  "status":{"type":"string","description":"paused to pause, active to resume or activate, scheduled to publish a draft that starts later, expired to end it for good","enum":["scheduled","active","paused","expired"]}},
                 "required":["status"]}"""), ToolEffect.WRITE,
                "pause", "resume", "unpause", "activate", "reactivate", "restart", "expire", "stop", "end", "halt",
                "suspend", "cancel", "schedule", "publish", "status", "promotion", "promo", "discount", "code");
    }

    static ToolDescriptor sendEmail() {
        return ToolDescriptor.of("send_email", "Proposes an e-mail to customers about a promotion or with a short message.",
                Demo.schema("""
                {"type":"object","additionalProperties":false,"properties":{
                  "to":{"type":"array","maxItems":100,"description":"E-mail addresses or customer ids of the recipients","items":{"type":"string"}},
                  "audience_rule":{"type":"string","description":"Send to every customer this rule of the data model selects","enum":["vip","premium","new_customer","lapsed_customer","reachable"]},
                  "promotion":{"type":"string","description":"Code of the promotion the e-mail is about, or 'newest' for the newest active promotion"},
                  "subject":{"type":"string","maxLength":150,"description":"Subject of a free-text e-mail (with message, when there is no promotion)"},
                  "message":{"type":"string","maxLength":2000,"description":"A short paragraph added to the e-mail"}}}"""),
                ToolEffect.SEND, "email", "e-mail", "mail", "send", "notify", "message", "newsletter", "tell", "contact",
                "write to");
    }
}
