package io.promoagent.example.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.schema.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The demo's two times (issue 14, finding 6): the data keeps its fixed "today", so answers are
 * reproducible, while approvals expire and the audit is stamped on the real clock.
 */
class RealClockTest {

    static final LocalDate DATA_DAY = LocalDate.of(2026, 6, 30);

    /** A clock the test moves by hand, far from the data's day. */
    static final class HandClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-06T09:30:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anApprovalExpiresAgainstTheRealClockWhileTheDataKeepsItsDay() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T09:30:00Z"));
        try (PromotionEngine engine = EngineAssembly.assemble(EngineOptions.demo(42, 120, DATA_DAY)
                .withApprovalTtl(Duration.ofMinutes(15)), Optional.empty(), clock)) {
            Reply proposal = engine.ask(DemoUsers.MARKETER, "s1", "Create 25% VIP discount", p -> { });
            String approvalId = proposal.blocks(ApprovalBlock.class).get(0).approvalId();

            clock.advance(Duration.ofMinutes(15).plusSeconds(36));
            Reply late = engine.approve(DemoUsers.APPROVER, approvalId, "too late");

            assertThat(late.blocks(ErrorBlock.class)).singleElement()
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ApprovalException.EXPIRED));
            assertThat(engine.today()).isEqualTo(DATA_DAY);
            assertThat(engine.dataAsOf()).isEqualTo(DATA_DAY);
            List<AuditRecord> audit = engine.auditRecords(1, 1000);
            assertThat(audit).extracting(AuditRecord::at).allSatisfy(at ->
                    assertThat(at).isAfterOrEqualTo(Instant.parse("2026-12-06T09:30:00Z")));
            assertThat(audit.get(audit.size() - 1).at()).isEqualTo(clock.instant());
        }
    }

    @Test
    void anApprovalWithinItsTimeGoesThrough() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T09:30:00Z"));
        try (PromotionEngine engine = EngineAssembly.assemble(EngineOptions.demo(42, 120, DATA_DAY)
                .withApprovalTtl(Duration.ofHours(1)), Optional.empty(), clock)) {
            Reply proposal = engine.ask(DemoUsers.MARKETER, "s1", "Create 25% VIP discount", p -> { });
            String approvalId = proposal.blocks(ApprovalBlock.class).get(0).approvalId();

            clock.advance(Duration.ofMinutes(50));

            assertThat(engine.approve(DemoUsers.APPROVER, approvalId, "fine").blocks(ErrorBlock.class)).isEmpty();
        }
    }
}
