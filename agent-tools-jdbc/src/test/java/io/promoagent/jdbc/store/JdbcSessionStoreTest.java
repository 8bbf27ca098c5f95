package io.promoagent.jdbc.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.session.Session;
import io.promoagent.core.session.SessionMessage;
import io.promoagent.core.session.SessionStore;
import io.promoagent.core.session.SessionStoreContract;
import io.promoagent.jdbc.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** agent-core's session store contract on PostgreSQL (a fresh database per test), and the expiry of idle sessions. */
class JdbcSessionStoreTest extends SessionStoreContract {

    private DataSource db;

    @Override
    protected SessionStore newStore() {
        db = TestDatabases.newDatabase("sessions");
        JdbcSessionStore.createTable(db, "promo_agent_sessions");
        return new JdbcSessionStore(db, "promo_agent_sessions", Duration.ofDays(7));
    }

    @Override
    protected SessionStore sameStorage(SessionStore store) {
        JdbcSessionStore.createTable(db, "promo_agent_sessions"); // a second instance's start-up: the table is there
        return new JdbcSessionStore(db, "promo_agent_sessions", Duration.ofDays(7));
    }

    @Test
    void sessionsIdleLongerThanTheTimeToLiveAreDeleted() {
        JdbcSessionStore store = (JdbcSessionStore) newStore();
        Instant t0 = Instant.parse("2026-06-30T10:00:00Z");
        store.save(Session.empty("old", t0).append(t0, SessionMessage.user("a week ago")));
        store.save(Session.empty("new", t0.plus(Duration.ofDays(6))).append(t0.plus(Duration.ofDays(6)), SessionMessage.user("yesterday")));

        assertThat(store.deleteExpired(t0.plus(Duration.ofDays(7)).plusSeconds(1))).isEqualTo(1);

        assertThat(store.find("old")).isEmpty();
        assertThat(store.find("new")).isPresent();
    }
}
