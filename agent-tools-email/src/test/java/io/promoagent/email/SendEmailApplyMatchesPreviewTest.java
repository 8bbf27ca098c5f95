package io.promoagent.email;

import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.source.Row;
import io.promoagent.test.ApplyMatchesPreviewHarness;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * send_email under the test kit's "change the world between propose and apply" harness: a promotion
 * e-mail to the VIP audience, proposed, then the world changed, then approved and applied. What leaves must
 * be exactly the previewed messages (address, subject, body), or nothing. Each change runs twice: before
 * the approval, and racing the apply (after the approval service's re-check, as the tool starts).
 */
class SendEmailApplyMatchesPreviewTest {

    /** One message that left, as the harness compares it. */
    record Sent(String to, String subject, String bodyDigest) {
    }

    static List<Sent> sent(Mailroom room) {
        return room.transport.sent().stream().map(m -> new Sent(m.to().address(), m.subject(), BoundMessage.bodyDigest(m))).toList();
    }

    static final ApplyMatchesPreviewHarness<Mailroom, List<Sent>> HARNESS = ApplyMatchesPreviewHarness.<Mailroom, List<Sent>>builder(Mailroom::new)
            .approvals(room -> room.approvals)
            .clock(room -> room.clock)
            .racing(room -> room.racing)
            .call(room -> room.tool, ToolCall.of("send_email", QueryJson.parse("{\"audience_rule\":\"vip\",\"promotion_code\":\"VIP25\"}")))
            .observe(SendEmailApplyMatchesPreviewTest::sent)
            .expect((room, previewed, before) -> {
                List<Sent> expected = new ArrayList<>(before);
                for (AffectedRecord a : previewed.affected()) {
                    Row m = a.after().orElseThrow();
                    expected.add(new Sent((String) m.valueOrNull(BoundMessage.ADDRESS), (String) m.valueOrNull(BoundMessage.SUBJECT),
                            (String) m.valueOrNull(BoundMessage.BODY_DIGEST)));
                }
                return expected;
            })
            .mustRefuse("VIP25 rolled back and re-created at 90 % with the same code", room -> {
                room.deletePromotion("VIP25");
                room.createPromotion("SUMMER25", "P0100", r -> {
                    r.put("code", "VIP25");
                    r.put("discount_value", BigDecimal.valueOf(90));
                });
            })
            .mustRefuse("VIP25's text was edited", room -> room.edit("promotions", "P0008", r -> r.put("description", "Now 90% off!")))
            .mustRefuse("VIP25 was paused", room -> room.edit("promotions", "P0008", r -> r.put("status", "paused")))
            .mustRefuse("VIP25 ended (its last day passed)", room -> room.clock.advance(Duration.ofDays(46)))
            .mustRefuse("a recipient's address changed", room -> room.edit("customers", "C00040", r -> r.put("email", "john@elsewhere.example")))
            .mustRefuse("a recipient's name (the greeting) changed", room -> room.edit("customers", "C00040", r -> r.put("name", "Mallory")))
            .mustRefuse("a recipient opted out", room -> room.edit("customers", "C00040", r -> r.put("marketing_opt_in", false)))
            .mustRefuse("a recipient bounced", room -> room.edit("customers", "C00040", r -> r.put("email_status", "bounced")))
            .mustRefuse("VIP25 was deleted", room -> room.deletePromotion("VIP25"))
            .change("a customer joined the VIP audience", room -> room.edit("customers", "C00001", r -> {
                r.put("segment", "VIP");
                r.put("total_spent", new BigDecimal("9000"));
            }))
            .mustApply("another promotion was paused", room -> room.edit("promotions", "P0009", r -> r.put("status", "paused")))
            .mustApply("a customer outside the audience changed address", room -> room.edit("customers", "C00002",
                    r -> r.put("email", "john.white@elsewhere.example")))
            .mustApply("a day passed, VIP25 still runs", room -> room.clock.advance(Duration.ofDays(1)))
            .build();

    @TestFactory
    Stream<DynamicTest> whatLeavesIsExactlyThePreviewOrNothing() {
        return HARNESS.dynamicTests();
    }
}
