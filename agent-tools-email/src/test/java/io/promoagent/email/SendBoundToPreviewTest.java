package io.promoagent.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.RecordVersion;
import io.promoagent.core.tool.InvalidArgumentsException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * An approved send carries exactly the messages the approver saw, or none (findings 1 and 8 of issue 14):
 * each recipient's record binds the address, subject, body and promotion version, and apply renders
 * again and refuses on any difference or when the promotion is no longer active.
 */
class SendBoundToPreviewTest {

    final Mailroom room = new Mailroom();

    ChangeSet propose(String json) {
        return room.propose(json);
    }

    ApprovalTicket submit(ChangeSet cs) {
        return room.submit(cs);
    }

    void approveAndApply(ApprovalTicket ticket) {
        room.approveAndApply(ticket);
    }

    void refusedAsStale(ApprovalTicket ticket, String... reason) {
        assertThatThrownBy(() -> approveAndApply(ticket)).isInstanceOfSatisfying(ApprovalException.class, e -> {
            assertThat(e.code()).isEqualTo(ApprovalException.STALE);
            assertThat(e.getMessage()).contains(reason);
        });
        assertThat(room.transport.sent()).isEmpty();
    }

    static Consumer<java.util.Map<String, Object>> swap(String code, int percent) {
        return r -> {
            r.put("code", code);
            r.put("name", "Swap Sale");
            r.put("discount_type", "percent");
            r.put("discount_value", BigDecimal.valueOf(percent));
        };
    }

    @Nested
    class TheReproducedAttacks {

        @Test
        void anEmailPreviewedAt40PercentIsNotSentAfterTheCodeWasRecreatedAt90Percent() {
            room.createPromotion("SUMMER25", "P0100", swap("SWAP40", 40));
            ChangeSet cs = propose("{\"to\":[\"C00040\"],\"promotion_code\":\"SWAP40\"}");
            assertThat(cs.preview().at("/sample/subject").asText()).startsWith("40% off");
            ApprovalTicket ticket = submit(cs);

            room.deletePromotion("SWAP40");
            room.createPromotion("SUMMER25", "P0101", swap("SWAP40", 90));

            refusedAsStale(ticket, "changed since the preview");
        }

        @Test
        void anAddressChangedBetweenPreviewAndApprovalReceivesNothing() {
            ApprovalTicket ticket = submit(propose("{\"to\":[\"C00040\"],\"promotion_code\":\"VIP25\"}"));

            room.edit("customers", "C00040", r -> r.put("email", "john.smith@elsewhere.example"));

            refusedAsStale(ticket, "C00040");
        }

        @Test
        void aPromotionThatEndedAfterThePreviewIsNotMailedAbout() {
            room.createPromotion("SUMMER25", "P0100", r -> {
                r.put("code", "LASTDAY");
                r.put("ends_at", "2026-06-30");
            });
            ApprovalTicket ticket = submit(propose("{\"audience_rule\":\"vip\",\"promotion_code\":\"LASTDAY\"}"));

            room.clock.advance(Duration.ofDays(1));

            refusedAsStale(ticket, "LASTDAY ended on 2026-06-30");
        }

        @Test
        void aPromotionPausedAfterThePreviewIsNotMailedAbout() {
            ApprovalTicket ticket = submit(propose("{\"audience_rule\":\"vip\",\"promotion_code\":\"VIP25\"}"));

            room.edit("promotions", "P0008", r -> r.put("status", "paused"));

            refusedAsStale(ticket, "VIP25 is paused");
        }
    }

    /**
     * The same changes landing after the approval service's own re-check, as the tool starts to apply: the
     * tool's check at apply time still sends nothing.
     */
    @Nested
    class ChangesRacingTheApply {

        @Test
        void theCodeRecreatedAt90PercentAsTheSendStartsStopsIt() {
            room.createPromotion("SUMMER25", "P0100", swap("SWAP40", 40));
            ApprovalTicket ticket = submit(propose("{\"audience_rule\":\"vip\",\"promotion_code\":\"SWAP40\"}"));
            room.racing.set(() -> {
                room.deletePromotion("SWAP40");
                room.createPromotion("SUMMER25", "P0101", swap("SWAP40", 90));
            });

            refusedAsStale(ticket, "the promotion (its record) of the message to customers", "changed since the preview", "none was sent");
        }

        @Test
        void anAddressChangedAsTheSendStartsStopsIt() {
            ApprovalTicket ticket = submit(propose("{\"to\":[\"C00040\"],\"promotion_code\":\"VIP25\"}"));
            room.racing.set(() -> room.edit("customers", "C00040", r -> r.put("email", "john.smith@elsewhere.example")));

            refusedAsStale(ticket, "the address of the message to customers {id=C00040} changed since the preview");
        }

        @Test
        void aPromotionEndingAsTheSendStartsStopsIt() {
            ApprovalTicket ticket = submit(propose("{\"to\":[\"C00040\"],\"promotion_code\":\"VIP25\"}"));
            room.racing.set(() -> room.clock.advance(Duration.ofDays(46)));

            refusedAsStale(ticket, "VIP25 ended on 2026-08-14");
        }

        @Test
        void aRecipientOptingOutAsTheSendStartsStopsIt() {
            ApprovalTicket ticket = submit(propose("{\"audience_rule\":\"vip\",\"promotion_code\":\"VIP25\"}"));
            room.racing.set(() -> room.edit("customers", "C00040", r -> r.put("marketing_opt_in", false)));

            refusedAsStale(ticket, "may no longer be e-mailed", "C00040");
        }
    }

    @Nested
    class TheBinding {

        @Test
        void eachRecipientsRecordCarriesTheAddressSubjectBodyDigestAndPromotionVersion() {
            ChangeSet cs = propose("{\"to\":[\"C00040\"],\"promotion_code\":\"VIP25\"}");

            AffectedRecord r = cs.affected().get(0);
            assertThat(r.operation()).isEqualTo(AffectedRecord.Operation.SEND);
            assertThat(r.key()).containsEntry("id", "C00040");
            assertThat(r.after().orElseThrow().values())
                    .containsEntry(BoundMessage.ADDRESS, "john@example.com")
                    .containsEntry(BoundMessage.SUBJECT, cs.preview().at("/sample/subject").asText())
                    .containsEntry(BoundMessage.PROMOTION, "VIP25")
                    .containsEntry(BoundMessage.PROMOTION_VERSION,
                            RecordVersion.of(Mailroom.MODEL.requireEntity("promotions"), room.only("promotions", "code", "VIP25")))
                    .containsKey(BoundMessage.BODY_DIGEST);
            assertThat(r.version()).hasValueSatisfying(v -> assertThat(v).startsWith("sha256:"));
        }

        @Test
        void withNothingChangedTheMessagesThatLeaveAreThePreviewedOnes() {
            ChangeSet cs = propose("{\"audience_rule\":\"vip\",\"promotion_code\":\"VIP25\"}");
            approveAndApply(submit(cs));

            assertThat(room.transport.sent()).extracting(m -> m.to().address(), EmailMessage::subject, BoundMessage::bodyDigest)
                    .containsExactlyElementsOf(cs.affected().stream().map(a -> org.assertj.core.groups.Tuple.tuple(
                            a.after().orElseThrow().valueOrNull(BoundMessage.ADDRESS),
                            a.after().orElseThrow().valueOrNull(BoundMessage.SUBJECT),
                            a.after().orElseThrow().valueOrNull(BoundMessage.BODY_DIGEST))).toList());
        }

        @Test
        void oneChangedRecipientStopsTheWholeSendBeforeAnyMessageLeaves() {
            ChangeSet cs = propose("{\"audience_rule\":\"vip\",\"promotion_code\":\"VIP25\"}");
            assertThat(cs.affectedCount()).isGreaterThanOrEqualTo(2);
            ApprovalTicket ticket = submit(cs);
            String last = String.valueOf(cs.affected().get(cs.affectedCount() - 1).key().get("id"));

            room.edit("customers", last, r -> r.put("name", "Mallory Smith"));

            refusedAsStale(ticket, last);
        }

        @Test
        void aPromotionCustomersCannotUseIsNotProposed() {
            assertThatThrownBy(() -> propose("{\"to\":[\"C00040\"],\"promotion_code\":\"FREESHIP50\"}"))
                    .isInstanceOfSatisfying(InvalidArgumentsException.class, e -> assertThat(e.errors()).singleElement()
                            .satisfies(err -> {
                                assertThat(err.code()).isEqualTo("inactive_promotion");
                                assertThat(err.message()).contains("FREESHIP50 is paused");
                            }));
            assertThatThrownBy(() -> propose("{\"to\":[\"C00040\"],\"promotion_code\":\"BLACKFRIDAY30\"}"))
                    .isInstanceOf(InvalidArgumentsException.class).hasMessageContaining("expired");
            assertThat(propose("{\"to\":[\"C00040\"],\"promotion_code\":\"HOLIDAY20\"}").affectedCount()).isEqualTo(1);
        }
    }
}
