package io.promoagent.planner;

import static io.promoagent.planner.Expect.clarify;
import static io.promoagent.planner.Expect.tool;
import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.change.InMemoryRecordStore;
import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.email.ConsentPolicy;
import io.promoagent.email.EmailSettings;
import io.promoagent.email.InMemoryOutboxStore;
import io.promoagent.email.InMemoryTransport;
import io.promoagent.email.Outbox;
import io.promoagent.email.SendEmailTool;
import io.promoagent.email.SendRate;
import io.promoagent.email.SuppressionList;
import io.promoagent.planner.plan.ReferenceResolver;
import io.promoagent.promotions.PromotionTools;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The development set's writes and sends planned for the shipped tools' own descriptors (agent-promotions'
 * and agent-tools-email's tools over the demo model, not a copy), which differ from the stand-ins of
 * {@link Demo}: a list of recipients and an audience rule instead of a condition, a promotion named by code
 * or 'newest' in promotion_code, a status whose verbs are in its description, a code or an id.
 */
class ShippedToolsTest {

    static final OfflinePlanner PLANNER = OfflinePlanner.builder(Demo.model()).tools(shippedTools())
            .resolver(ReferenceResolver.of(Demo.engine())).clock(Demo.CLOCK).build();

    /** The descriptors of the shipped promotion and e-mail tools, built over the demo model as an application does. */
    static List<ToolDescriptor> shippedTools() {
        List<Tool> tools = new ArrayList<>(PromotionTools.create(Demo.model(), Demo.engine(),
                InMemoryRecordStore.builder(Demo.model()).build(), Demo.CLOCK));
        Outbox outbox = new Outbox(new InMemoryOutboxStore(), new InMemoryTransport(Demo.CLOCK), SendRate.unlimited());
        EmailSettings settings = EmailSettings.of("offers@shop.example.com", "1 Market Street, Springfield",
                "https://shop.example.com/unsubscribe",
                "planner-test-unsubscribe-key-of-32-bytes".getBytes(StandardCharsets.UTF_8), List.of());
        tools.add(new SendEmailTool(Demo.model(), Demo.engine(), ConsentPolicy.demo(SuppressionList.of()), settings, outbox));
        // the reports the example application gives its offline planner (and no language model)
        tools.addAll(PromotionTools.insightTools(Demo.model(), Demo.engine()));
        return tools.stream().map(Tool::descriptor).toList();
    }

    @TestFactory
    Stream<DynamicTest> writesAndSendsFitTheShippedSchemas() {
        Map<String, Expect> t = new LinkedHashMap<>();
        t.put("Create 25% VIP discount", tool("create_promotion",
                "{\"discount_value\":25,\"discount_type\":\"percent\",\"audience_rule\":\"vip\"}"));
        t.put("Create a $10 off promotion for premium customers with code SAVE10 valid until the end of next month",
                tool("create_promotion", "{\"discount_value\":10,\"code\":\"SAVE10\",\"discount_type\":\"fixed\","
                        + "\"audience_rule\":\"premium\",\"ends_at\":\"2026-07-31\"}"));
        t.put("pause the SUMMER25 promotion", tool("change_promotion_status", "{\"code\":\"SUMMER25\",\"status\":\"paused\"}"));
        t.put("resume SUMMER25", tool("change_promotion_status", "{\"code\":\"SUMMER25\",\"status\":\"active\"}"));
        t.put("pause P0009", tool("change_promotion_status", "{\"id\":\"P0009\",\"status\":\"paused\"}"));
        t.put("Email john@example.com about new promotion", tool("send_email", "{\"to\":[\"C00040\"],\"promotion_code\":\"newest\"}"));
        t.put("email all reachable VIP customers about the VIP25 promotion", tool("send_email",
                "{\"promotion_code\":\"VIP25\",\"audience_rule\":\"vip\"}"));
        t.put("email the customers in Germany about SUMMER25", tool("send_email",
                "{\"promotion_code\":\"SUMMER25\",\"to\":[\"C00006\",\"C00011\",\"C00016\",\"C00027\",\"C00033\",\"C00050\","
                        + "\"C00052\",\"C00057\"]}"));
        t.put("when do VIPs buy most", tool("seasonality", "{\"by\":\"segment\"}"));
        t.put("best month to run a promotion for premium customers", tool("seasonality", "{\"by\":\"segment\"}"));
        t.put("which months are busiest", tool("seasonality", "{}"));
        t.put("customer lifecycle stages", tool("customer_lifecycle", "{}"));
        t.put("Email John about the promotion", clarify(c -> assertThat(c.options())
                .contains("Email John Smith (C00040) about the promotion").hasSize(5)));
        t.put("email everyone", clarify(c -> {
            assertThat(c.message()).contains("to").contains("promotion");
            assertThat(c.options()).contains("email everyone about the SUMMER25 promotion");
        }));
        return t.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " -> " + e.getValue().description(),
                () -> e.getValue().verify(PLANNER.plan(e.getKey()))));
    }
}
