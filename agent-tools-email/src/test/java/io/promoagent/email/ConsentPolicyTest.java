package io.promoagent.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.source.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConsentPolicyTest {

    private static Row customer(String id, String email, boolean optIn, String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", "Customer " + id);
        if (email != null) {
            m.put("email", email);
        }
        m.put("marketing_opt_in", optIn);
        m.put("email_status", status);
        return Row.of(m);
    }

    @Test
    void keepsOnlyOptedInDeliverableUnsuppressedAddressesAndSaysWhyTheOthersAreSkipped() {
        ConsentPolicy policy = ConsentPolicy.demo(SuppressionList.of("legal@example.com"));
        List<Row> audience = List.of(
                customer("C1", "ann@example.com", true, "ok"),
                customer("C2", "bob@example.com", false, "ok"),
                customer("C3", "cid@example.com", true, "bounced"),
                customer("C4", "dee@example.com", true, "complained"),
                customer("C5", "eve@example.com", true, "unsubscribed"),
                customer("C6", "legal@example.com", true, "ok"),
                customer("C7", null, true, "ok"),
                customer("C8", "ANN@example.com", true, "ok"));

        ConsentPolicy.Decision d = policy.decide(audience);

        assertThat(d.recipients()).extracting(r -> r.valueOrNull("id")).containsExactly("C1");
        assertThat(d.skippedByReason()).containsOnly(
                Map.entry(SkipReason.NOT_OPTED_IN, 1), Map.entry(SkipReason.BOUNCED, 1),
                Map.entry(SkipReason.COMPLAINED, 1), Map.entry(SkipReason.UNSUBSCRIBED, 1),
                Map.entry(SkipReason.SUPPRESSED, 1), Map.entry(SkipReason.NO_ADDRESS, 1),
                Map.entry(SkipReason.DUPLICATE, 1));
    }

    @Nested
    class SesNotifications {

        @Test
        void readsAPermanentBounceInsideAnSnsEnvelope() {
            String inner = "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\","
                    + "\"bouncedRecipients\":[{\"emailAddress\":\"Ann@Example.com\"}]}}";
            String sns = "{\"Type\":\"Notification\",\"Message\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(inner) + "}";
            List<DeliveryEvent> events = DeliveryEvent.parse(sns);
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.addresses()).containsExactly("ann@example.com");
                assertThat(e.emailStatus()).isEqualTo("bounced");
            });
        }

        @Test
        void readsAComplaintEventRecord() {
            List<DeliveryEvent> events = DeliveryEvent.parse("{\"eventType\":\"Complaint\",\"complaint\":"
                    + "{\"complainedRecipients\":[{\"emailAddress\":\"bob@example.com\"}]}}");
            assertThat(events).singleElement().satisfies(e -> assertThat(e.emailStatus()).isEqualTo("complained"));
        }

        @Test
        void ignoresTransientBouncesAndDeliveries() {
            assertThat(DeliveryEvent.parse("{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Transient\","
                    + "\"bouncedRecipients\":[{\"emailAddress\":\"a@example.com\"}]}}").get(0).emailStatus()).isNull();
            assertThat(DeliveryEvent.parse("{\"notificationType\":\"Delivery\"}")).isEmpty();
        }

        @Test
        void rejectsJsonThatIsNotANotification() {
            assertThatThrownBy(() -> DeliveryEvent.parse("[1,2]")).isInstanceOf(EmailException.class);
            assertThatThrownBy(() -> DeliveryEvent.parse("{\"x\":1}")).isInstanceOf(EmailException.class);
            assertThatThrownBy(() -> DeliveryEvent.parse("not json")).isInstanceOf(EmailException.class);
        }
    }
}
