package io.promoagent.core.planner;

import static io.promoagent.core.planner.Expect.clarify;
import static io.promoagent.core.planner.Expect.tool;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The development set's writes and sends planned for the shipped tools' own schemas, which differ from the
 * stand-ins: a list of recipients and an audience rule instead of a condition, a promotion named by code or
 * 'newest', a status whose verbs are in its description, a code or an id.
 */
class ShippedToolsTest {

    static final OfflinePlanner PLANNER = OfflinePlanner.builder(Demo.model()).tools(ShippedTools.all())
            .resolver(ReferenceResolver.of(Demo.engine())).clock(Demo.CLOCK).build();

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
        t.put("Email john@example.com about new promotion", tool("send_email", "{\"to\":[\"C00040\"],\"promotion\":\"newest\"}"));
        t.put("email all reachable VIP customers about the VIP25 promotion", tool("send_email",
                "{\"promotion\":\"VIP25\",\"audience_rule\":\"vip\"}"));
        t.put("email the customers in Germany about SUMMER25", tool("send_email",
                "{\"promotion\":\"SUMMER25\",\"to\":[\"C00006\",\"C00011\",\"C00016\",\"C00027\",\"C00033\",\"C00050\","
                        + "\"C00052\",\"C00057\"]}"));
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
