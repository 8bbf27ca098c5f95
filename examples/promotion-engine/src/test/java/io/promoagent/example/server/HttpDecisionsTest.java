package io.promoagent.example.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.reply.Reply;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpDecisionsTest {

    @Nested
    class TheStatus {

        @Test
        void isOkForADecisionThatWentThrough() {
            assertThat(HttpDecisions.status(Reply.of("Approved. Applied: 1 record"))).isEqualTo(200);
        }

        @ParameterizedTest
        @CsvSource({
                ApprovalException.UNKNOWN_APPROVAL + ", 404",
                ApprovalException.NOT_AN_APPROVER + ", 403",
                ApprovalException.SELF_APPROVAL + ", 403",
                "reason_required, 400",
                ApprovalException.NOT_PENDING + ", 409",
                ApprovalException.EXPIRED + ", 409",
                ApprovalException.STALE + ", 409",
                "audit_unavailable, 503"})
        void saysWhatKindOfRefusalAnErrorReplyIs(String code, int status) {
            assertThat(HttpDecisions.status(Reply.error(code, "refused", List.of()))).isEqualTo(status);
        }
    }

    @Nested
    class TheReason {

        @Test
        void isEmptyWhenTheBodyIsEmptyOrGivesNone() {
            assertThat(HttpDecisions.reason("")).isEmpty();
            assertThat(HttpDecisions.reason("{}")).isEmpty();
            assertThat(HttpDecisions.reason("{\"reason\":null}")).isEmpty();
        }

        @Test
        void isTheBodysReason() {
            assertThat(HttpDecisions.reason("{\"reason\":\"fits the plan\"}")).isEqualTo("fits the plan");
        }

        @Test
        void refusesAnyOtherField() {
            assertThatThrownBy(() -> HttpDecisions.reason("{\"reason\":\"ok\",\"approver\":\"me\"}"))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown field 'approver'");
        }
    }
}
