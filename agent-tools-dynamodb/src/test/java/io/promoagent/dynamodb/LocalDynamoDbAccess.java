package io.promoagent.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Opens the test run's one in-process DynamoDB Local to tests in other packages. */
public final class LocalDynamoDbAccess {

    private LocalDynamoDbAccess() {
    }

    public static DynamoDbClient client() {
        return LocalDynamoDb.client();
    }
}
