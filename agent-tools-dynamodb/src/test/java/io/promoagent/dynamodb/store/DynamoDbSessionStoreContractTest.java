package io.promoagent.dynamodb.store;

import io.promoagent.core.session.SessionStore;
import io.promoagent.core.session.SessionStoreContract;
import io.promoagent.dynamodb.LocalDynamoDbAccess;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** agent-core's session store contract on DynamoDB Local (a fresh table per test). */
class DynamoDbSessionStoreContractTest extends SessionStoreContract {

    private String table;

    @Override
    protected SessionStore newStore() {
        DynamoDbClient dynamo = LocalDynamoDbAccess.client();
        table = "sessions-" + UUID.randomUUID();
        DynamoDbSessionStore.createTable(dynamo, table);
        return new DynamoDbSessionStore(dynamo, table, Duration.ofDays(7));
    }

    @Override
    protected SessionStore sameStorage(SessionStore store) {
        return new DynamoDbSessionStore(LocalDynamoDbAccess.client(), table, Duration.ofDays(7));
    }
}
