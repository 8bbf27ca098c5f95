package io.promoagent.example.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.audit.AuditVerifier;
import io.promoagent.schema.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Refusals audited a few at a time per address and window, the rest summarised (issue 14, finding 5). */
class RefusalThrottleTest {

    static final class HandClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-06T10:00:00Z");

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

    final FakeBackend backend = new FakeBackend();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    final RefusalThrottle throttle = new RefusalThrottle(backend, clock, Duration.ofMinutes(1), 10, 20);

    List<AuditRecord> audit() {
        return backend.auditStore.read(1, 10_000);
    }

    void refuse(String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.refused(RefusalThrottle.HTTP, address, Optional.empty(), "http", "GET /api/audit", "unauthenticated", "no key");
        }
    }

    @Test
    void auditsTheFirstOfAnAddressThenOneSummaryPerWindow() {
        refuse("10.0.0.1", 25);
        refuse("10.0.0.2", 3);
        assertThat(audit()).hasSize(13);

        clock.advance(Duration.ofSeconds(61));
        throttle.tick();

        List<AuditRecord> records = audit();
        assertThat(records).hasSize(14);
        AuditRecord summary = records.get(13);
        assertThat(summary.outcome()).isEqualTo("refused:rate_limited");
        assertThat(summary.sessionId()).isEqualTo("address 10.0.0.1");
        assertThat(summary.detail()).startsWith("15 more refused requests");

        refuse("10.0.0.1", 2);
        assertThat(audit()).as("a new window audits again").hasSize(16);
        assertThat(AuditVerifier.verify(backend.auditStore).valid()).isTrue();
    }

    @Test
    void plainRequestsAreCountedByAddressOnlySoOneAddressCannotSilenceAnother() {
        refuse("10.0.0.1", 50);
        refuse("10.0.0.9", 1);

        assertThat(audit()).hasSize(11);
        assertThat(audit().get(10).detail()).endsWith("(from 10.0.0.9)");
    }

    @Test
    void asksToCloseAConnectionRefusedTooOften() {
        boolean open = true;
        int refusals = 0;
        while (open && refusals < 100) {
            open = throttle.refused("c1", "10.0.0.1", Optional.empty(), "s", "ask", "unauthenticated", "sign in first");
            refusals++;
        }
        assertThat(refusals).isEqualTo(20);
        throttle.forget("c1");
        assertThat(throttle.refused("c2", "10.0.0.1", Optional.empty(), "s", "ask", "unauthenticated", "x")).isTrue();
    }
}
