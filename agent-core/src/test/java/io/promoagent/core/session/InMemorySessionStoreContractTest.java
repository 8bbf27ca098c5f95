package io.promoagent.core.session;

/** The in-memory store meets the session store contract (one process: the same storage is the same store). */
class InMemorySessionStoreContractTest extends SessionStoreContract {

    @Override
    protected SessionStore newStore() {
        return new InMemorySessionStore();
    }

    @Override
    protected SessionStore sameStorage(SessionStore store) {
        return store;
    }
}
