package io.promoagent.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.ToolException;
import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.schema.json.QueryJson;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Sending about the same promotion again: who already received an e-mail about it is left out by default and
 * counted in the preview ("3 already received it; resend to them?"); {@code resend} includes them; a repeat
 * that lands between preview and apply refuses the send, so what is sent is still what was previewed.
 */
class SendAgainTest {

    final Mailroom room = new Mailroom();

    static Set<String> addresses(ChangeSet cs) {
        return cs.affected().stream().map(a -> String.valueOf(a.after().orElseThrow().valueOrNull(BoundMessage.ADDRESS)))
                .collect(Collectors.toSet());
    }

    @Test
    void thoseWhoAlreadyReceivedItAreLeftOutAndCounted() {
        ChangeSet first = room.propose("{\"audience\":{},\"promotion_code\":\"VIP25\"}");
        List<String> firstThree = first.affected().stream().limit(3)
                .map(a -> String.valueOf(a.key().values().iterator().next())).toList();
        room.approveAndApply(room.submit(room.propose("{\"to\":" + QueryJson.mapper().valueToTree(firstThree) + ",\"promotion_code\":\"VIP25\"}")));
        Set<String> sent = room.transport.sent().stream().map(m -> m.to().address()).collect(Collectors.toSet());
        assertThat(sent).isNotEmpty();
        long received = first.affected().stream()
                .filter(a -> sent.contains(String.valueOf(a.after().orElseThrow().valueOrNull(BoundMessage.ADDRESS)))).count();
        assertThat(received).isEqualTo(sent.size()).isEqualTo(3);

        ChangeSet again = room.propose("{\"audience\":{},\"promotion_code\":\"VIP25\"}");

        assertThat(again.affectedCount()).isEqualTo(first.affectedCount() - (int) received);
        assertThat(addresses(again)).doesNotContainAnyElementsOf(sent);
        assertThat(again.preview().path("alreadyReceived").asLong()).isEqualTo(received);
        assertThat(again.summary()).endsWith("; " + received + " already received it; resend to them?");
    }

    @Test
    void resendIncludesThem() {
        room.approveAndApply(room.submit(room.propose("{\"to\":[\"C00040\"],\"promotion_code\":\"VIP25\"}")));

        ChangeSet again = room.propose("{\"to\":[\"C00040\",\"C00041\"],\"promotion_code\":\"VIP25\",\"resend\":true}");

        assertThat(again.affectedCount()).isEqualTo(2);
        assertThat(again.preview().path("alreadyReceived").asInt()).isZero();
        assertThat(again.summary()).doesNotContain("already received");
    }

    @Test
    void aSendOnlyToThoseWhoReceivedItIsRefusedWithWhatToDo() {
        room.approveAndApply(room.submit(room.propose("{\"to\":[\"C00040\"],\"promotion_code\":\"VIP25\"}")));

        assertThatThrownBy(() -> room.propose("{\"to\":[\"C00040\"],\"promotion_code\":\"VIP25\"}"))
                .isInstanceOf(ToolException.class).hasMessageContaining("already received an e-mail about VIP25")
                .hasMessageContaining("resend");
        assertThat(room.transport.sent()).hasSize(1);
    }

    @Test
    void anotherPromotionOrAFailedSendDoesNotCount() {
        room.approveAndApply(room.submit(room.propose("{\"to\":[\"C00040\"],\"promotion_code\":\"VIP25\"}")));

        ChangeSet other = room.propose("{\"to\":[\"C00040\"],\"subject\":\"Hello\",\"message\":\"News from the shop\"}");

        assertThat(other.affectedCount()).isEqualTo(1);
        assertThat(other.preview().has("alreadyReceived")).isFalse();
    }

    @Test
    void aRepeatApprovedBetweenPreviewAndApplyRefusesTheSendWholly() {
        ApprovalTicket wide = room.submit(room.propose("{\"to\":[\"C00040\",\"C00041\"],\"promotion_code\":\"VIP25\"}"));
        room.approveAndApply(room.submit(room.propose("{\"to\":[\"C00041\"],\"promotion_code\":\"VIP25\"}")));
        int before = room.transport.sent().size();

        assertThatThrownBy(() -> room.approveAndApply(wide)).isInstanceOfSatisfying(ApprovalException.class,
                e -> assertThat(e.code()).isEqualTo(ApprovalException.STALE));
        assertThat(room.transport.sent()).hasSize(before);
    }

    @Test
    void theMessagesNameTheirPromotionInAHeader() {
        ChangeSet cs = room.propose("{\"to\":[\"C00040\"],\"promotion_code\":\"VIP25\"}");
        assertThat(cs.preview().path("sample").path("headers").path("X-Promotion-Code").asText()).isEqualTo("VIP25");
        AffectedRecord only = cs.affected().get(0);
        assertThat(only.entity()).isEqualTo("customers");
    }
}
