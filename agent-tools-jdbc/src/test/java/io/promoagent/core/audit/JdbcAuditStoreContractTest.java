package io.promoagent.core.audit;

import io.promoagent.jdbc.TestDatabases;
import io.promoagent.jdbc.store.JdbcAuditStore;
import javax.sql.DataSource;

/**
 * agent-core's audit store contract (package-private, hence this package), met by the PostgreSQL audit
 * store: a fresh database per test.
 */
class JdbcAuditStoreContractTest extends AuditStoreContract {

    @Override
    AuditStore newStore() {
        DataSource db = TestDatabases.newDatabase("audit");
        JdbcAuditStore.createTable(db, "audit");
        return new JdbcAuditStore(db, "audit");
    }
}
