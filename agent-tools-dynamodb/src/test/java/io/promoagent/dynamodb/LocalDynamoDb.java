package io.promoagent.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/** One in-process DynamoDB Local for the whole test run: it takes seconds to start, tables keep tests apart. */
public final class LocalDynamoDb {

    private static AmazonDynamoDBLocal local;
    private static DynamoDbClient client;

    private LocalDynamoDb() {
    }

    public static synchronized DynamoDbClient client() {
        if (client == null) {
            local = DynamoDBEmbedded.create(true); // true: no telemetry sent from test runs
            client = local.dynamoDbClient();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> local.shutdown()));
        }
        return client;
    }
}
