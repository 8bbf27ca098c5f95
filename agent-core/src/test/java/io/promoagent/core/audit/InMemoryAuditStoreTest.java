package io.promoagent.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryAuditStoreTest extends AuditStoreContract {

    @Override
    AuditStore newStore() {
        return new InMemoryAuditStore();
    }

    @Test
    void refusesARecordThatWouldLeaveAGap() {
        InMemoryAuditStore store = new InMemoryAuditStore();
        List<AuditRecord> chain = AuditEvents.chain(3);
        store.append(chain.get(0));

        assertThatThrownBy(() -> store.append(chain.get(2)))
                .isInstanceOf(AuditConflictException.class)
                .hasMessageContaining("gap");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void refusesARecordThatDoesNotLinkToTheHead() {
        InMemoryAuditStore store = new InMemoryAuditStore();
        store.append(AuditEvents.chain(1).get(0));
        AuditRecord elsewhere = AuditRecord.next(AuditRecord.first(AuditEvents.event(9)), AuditEvents.event(2));

        assertThatThrownBy(() -> store.append(elsewhere))
                .isInstanceOf(AuditConflictException.class)
                .hasMessageContaining("does not link");
        assertThat(store.size()).isEqualTo(1);
    }
}
